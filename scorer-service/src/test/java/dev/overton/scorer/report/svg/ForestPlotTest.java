package dev.overton.scorer.report.svg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class ForestPlotTest {

    @Test
    void drawsAPointAndIntervalPerRowAroundASolidZeroLine() {
        String svg = new ForestPlot("jaccard_1", "jaccard_1")
                .row(new ForestPlot.Row("base", 0.045, 0.02, 0.07, true, true, "less diverse"))
                .row(new ForestPlot.Row("chat", -0.01, -0.03, 0.01, false, false, "more diverse"))
                .render();

        assertThat(svg)
                .startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"forest\" data-metric=\"jaccard_1\"")
                .endsWith("</svg>");
        assertThat(count(svg, "class=\"mark point\"")).isEqualTo(2);
        assertThat(count(svg, "class=\"mark ci-bar\"")).isEqualTo(2);
        assertThat(count(svg, "class=\"ref-line zero\"")).isEqualTo(1);

        double zero = number(svg, "class=\"ref-line zero\" data-value=\"0\" x1=\"([-0-9.]+)\"")
                .get(0);
        List<Double> points = number(svg, "class=\"mark point\" data-value=\"[^\"]+\" cx=\"([-0-9.]+)\"");
        List<Double> lows =
                number(svg, "class=\"mark ci-bar\" data-low=\"[^\"]+\" data-high=\"[^\"]+\" x1=\"([-0-9.]+)\"");
        List<Double> highs = number(
                svg,
                "class=\"mark ci-bar\" data-low=\"[^\"]+\" data-high=\"[^\"]+\" x1=\"[-0-9.]+\""
                        + " x2=\"([-0-9.]+)\"");
        // a positive difference is right of zero, a negative one left of it; each point lies inside its bar
        assertThat(points.get(0)).isGreaterThan(zero);
        assertThat(points.get(1)).isLessThan(zero);
        for (int i = 0; i < 2; i++) {
            assertThat(lows.get(i)).isLessThan(points.get(i));
            assertThat(highs.get(i)).isGreaterThan(points.get(i));
        }
        // the chat interval straddles zero
        assertThat(lows.get(1)).isLessThan(zero);
        assertThat(highs.get(1)).isGreaterThan(zero);
    }

    @Test
    void marksSignificantRowsAndWritesTheDirectionInWords() {
        String svg = new ForestPlot("jaccard_1", "jaccard_1")
                .row(new ForestPlot.Row("base", 0.045, 0.02, 0.07, true, true, "less diverse"))
                .row(new ForestPlot.Row("chat", 0.001, -0.03, 0.03, false, false, "no change"))
                .render();

        assertThat(svg)
                .contains("<g class=\"row significant\" data-pair=\"base\" data-significant=\"true\">")
                .contains("<g class=\"row\" data-pair=\"chat\" data-significant=\"false\">")
                .contains(">★ base<")
                .contains(">chat<")
                .contains(">less diverse</text>")
                .contains(">no change</text>")
                .contains("significant (q ≤ 0.05)")
                .contains("not significant");
        // significant and worse: a filled vermillion dot; not significant: hollow (white fill)
        assertThat(svg).contains("fill=\"" + ForestPlot.WORSE + "\" stroke=\"" + ForestPlot.WORSE + "\"");
        assertThat(svg).contains("fill=\"#fff\" stroke=\"" + ForestPlot.OTHER + "\"");
    }

    @Test
    void zeroIsOnTheAxisEvenWhenEveryDifferenceIsPositive() {
        String svg = new ForestPlot("m", "m")
                .row(new ForestPlot.Row("v", 5.0, 4.0, 6.0, true, false, "more"))
                .render();

        double zero = number(svg, "class=\"ref-line zero\" data-value=\"0\" x1=\"([-0-9.]+)\"")
                .get(0);
        double point = number(svg, "class=\"mark point\" data-value=\"[^\"]+\" cx=\"([-0-9.]+)\"")
                .get(0);
        assertThat(zero).isLessThan(point);
        assertThat(svg).contains(">0</text>");
    }

    @Test
    void aRowWithoutADifferenceSaysSoAndOneWithoutAnIntervalHasNoBar() {
        String svg = new ForestPlot("m", "m")
                .row(new ForestPlot.Row("empty", null, null, null, false, false, null))
                .row(new ForestPlot.Row("one", 0.2, null, null, false, false, "more"))
                .render();

        assertThat(svg).contains("undefined");
        assertThat(count(svg, "class=\"mark point\"")).isEqualTo(1);
        assertThat(count(svg, "class=\"mark ci-bar\"")).isZero();
        assertThat(svg).contains("(no interval)");
    }

    @Test
    void escapesPairAndDirectionText() {
        String svg = new ForestPlot("m", "m")
                .row(new ForestPlot.Row("<script>alert(1)</script> → b", 0.1, 0.0, 0.2, false, false, "<b>x</b>"))
                .render();

        assertThat(svg).doesNotContain("<script").doesNotContain("<b>");
        assertThat(svg)
                .contains("data-pair=\"&lt;script&gt;alert(1)&lt;/script&gt; → b\"")
                .contains("&lt;b&gt;x");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    private static List<Double> number(String svg, String regex) {
        Matcher m = Pattern.compile(regex).matcher(svg);
        List<Double> values = new ArrayList<>();
        while (m.find()) {
            values.add(Double.parseDouble(m.group(1)));
        }
        assertThat(values).as(regex).isNotEmpty();
        return values;
    }
}

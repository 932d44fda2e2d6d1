package dev.overton.scorer.report.svg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class IntervalChartTest {

    @Test
    void drawsOnePointAndOneIntervalBarPerRowWithStableClassesAndData() {
        String svg = new IntervalChart("jaccard_1", "Unigram Jaccard", "higher = less diverse")
                .row("llama-2-base", 0.089, 0.078, 0.101, "#0072B2")
                .row("llama-2-chat", 0.279, 0.266, 0.292, Palette.REFERENCE)
                .render();

        assertThat(count(svg, "class=\"mark ci-bar\"")).isEqualTo(2);
        assertThat(count(svg, "class=\"mark point\"")).isEqualTo(2);
        assertThat(svg)
                .startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart interval-chart\"")
                .contains("data-variant=\"llama-2-base\" data-metric=\"jaccard_1\" data-low=\"0.078\"")
                .contains("<title>llama-2-chat: 0.279 [0.266, 0.292] 95% CI</title>")
                .endsWith("</svg>");
    }

    @Test
    void drawsReferenceLinesAndTheCeilingBand() {
        String svg = new IntervalChart("pair_jaccard_1", "Pair Jaccard", null)
                .row("base", 0.12, 0.11, 0.13, "#0072B2")
                .band(0.30, 0.34, "ceiling")
                .line(0.32, "aligned vs aligned (ceiling) 0.320", "ceiling")
                .render();

        assertThat(count(svg, "class=\"ref-line ceiling\"")).isEqualTo(1);
        assertThat(count(svg, "class=\"ref-band ceiling\"")).isEqualTo(1);
        assertThat(svg).contains("aligned vs aligned (ceiling) 0.320").contains("data-value=\"0.32\"");
    }

    @Test
    void aRowWithoutAnEstimateSaysSoAndHasNoMarks() {
        String svg = new IntervalChart("jaccard_1", "J", null)
                .row(new IntervalChart.Row("solo", "solo", Double.NaN, Double.NaN, Double.NaN, "#000", "one sample"))
                .render();

        assertThat(svg).contains("undefined: one sample").doesNotContain("class=\"mark");
    }

    @Test
    void aRowWithOnePromptHasAPointButNoIntervalBar() {
        String svg = new IntervalChart("jaccard_1", "J", null)
                .row("base", 0.2, Double.NaN, Double.NaN, "#000")
                .render();

        assertThat(count(svg, "class=\"mark point\"")).isEqualTo(1);
        assertThat(count(svg, "class=\"mark ci-bar\"")).isZero();
        assertThat(svg).contains("(no interval)");
    }

    @Test
    void escapesVariantNamesEverywhere() {
        String svg = new IntervalChart("jaccard_1", "J <1>", null)
                .row("<script>alert('x')</script>", 0.2, 0.1, 0.3, "#000")
                .render();

        assertThat(svg)
                .doesNotContain("<script>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("J &lt;1&gt;");
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}

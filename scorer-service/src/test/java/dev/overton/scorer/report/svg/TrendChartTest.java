package dev.overton.scorer.report.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The trend chart's geometry: columns, dodging, label thinning, the value scale, alarm spans, and the marks drawn. */
class TrendChartTest {

    private static final double DELTA = 1e-9;
    private static final double PLOT_LEFT = TrendChart.LEFT;
    private static final double PLOT_RIGHT = TrendChart.WIDTH - TrendChart.RIGHT;

    @Test
    void columnsAreEvenlySpacedAndCentredInThePlot() {
        // 4 columns over 70..936 (866 px): each 216.5 wide, centres at 70 + 216.5·(i + ½)
        double[] centres = new double[4];
        for (int i = 0; i < 4; i++) {
            centres[i] = TrendChart.columnX(i, 4, PLOT_LEFT, PLOT_RIGHT);
        }
        assertThat(centres[0]).isCloseTo(178.25, within(DELTA));
        assertThat(centres[3]).isCloseTo(827.75, within(DELTA));
        for (int i = 1; i < 4; i++) {
            assertThat(centres[i] - centres[i - 1]).isCloseTo(216.5, within(DELTA));
        }
        // a lone window sits in the middle
        assertThat(TrendChart.columnX(0, 1, PLOT_LEFT, PLOT_RIGHT)).isCloseTo(503, within(DELTA));
    }

    @Test
    void variantsAreDodgedSymmetricallyAndStayInsideTheirColumn() {
        assertThat(TrendChart.dodge(0, 1, 100)).isZero();
        // wide columns: 8 px apart, centred: -8, 0, 8
        assertThat(TrendChart.dodge(0, 3, 100)).isCloseTo(-8, within(DELTA));
        assertThat(TrendChart.dodge(1, 3, 100)).isCloseTo(0, within(DELTA));
        assertThat(TrendChart.dodge(2, 3, 100)).isCloseTo(8, within(DELTA));
        // narrow columns (10 px, 2 variants): 60% of 10 / 2 = 3 px apart, so ±1.5
        assertThat(TrendChart.dodge(0, 2, 10)).isCloseTo(-1.5, within(DELTA));
        assertThat(TrendChart.dodge(1, 2, 10)).isCloseTo(1.5, within(DELTA));
    }

    @Test
    void axisLabelsAreThinnedToKeepThemApart() {
        // 6 windows over 866 px: 144 px columns, every window labelled
        assertThat(TrendChart.labelStride(6, 866)).isEqualTo(1);
        // 200 windows (a retention's worth): 4.33 px columns, a label every ceil(16 / 4.33) = 4 windows
        assertThat(TrendChart.labelStride(200, 866)).isEqualTo(4);
        assertThat(TrendChart.labelStride(0, 866)).isEqualTo(1);
    }

    @Test
    void theValueScaleCoversEveryMeanAndIntervalAndRunsUpThePage() {
        TrendChart chart = chart(3);
        chart.point(new TrendChart.Point("chat", 1, 0.30, 0.28, 0.32, 20));
        chart.point(new TrendChart.Point("chat", 2, 0.55, 0.50, 0.61, 20));
        chart.point(new TrendChart.Point("base", 3, 0.20, Double.NaN, Double.NaN, 1));
        LinearScale y = chart.yScale();
        // extent 0.20..0.61 over 5 ticks: rough step 0.41 / 4 = 0.1025, the next nice step 0.2, widened to 0.2..0.8
        assertThat(y.domainLow()).isCloseTo(0.2, within(DELTA));
        assertThat(y.domainHigh()).isCloseTo(0.8, within(DELTA));
        assertThat(y.map(0.2)).isCloseTo(TrendChart.TOP + TrendChart.PLOT_HEIGHT, within(DELTA));
        assertThat(y.map(0.8)).isCloseTo(TrendChart.TOP, within(DELTA));
        assertThat(y.map(0.55)).isLessThan(y.map(0.30));
    }

    @Test
    void anAlarmSpansFromItsRaisingWindowToItsClearingOneOrTheEdgeWhileOpen() {
        TrendChart chart = chart(5);
        double column = (PLOT_RIGHT - PLOT_LEFT) / 5;
        // raised at window 2, cleared at window 4: from column 1's left edge to column 3's left edge
        assertSpan(chart.span(new TrendChart.Alarm("chat", 2, 4, "")), PLOT_LEFT + column, PLOT_LEFT + 3 * column);
        // still open: to the right edge
        assertSpan(chart.span(new TrendChart.Alarm("chat", 3, null, "")), PLOT_LEFT + 2 * column, PLOT_RIGHT);
        // raised at a window retention deleted (the chart shows windows 1..5 only if 0 existed): from the left edge
        assertSpan(chart.span(new TrendChart.Alarm("chat", 0, 2, "")), PLOT_LEFT, PLOT_LEFT + column);
        // raised after the last window drawn: nothing to shade
        assertThat(chart.span(new TrendChart.Alarm("chat", 9, null, ""))).isNull();
    }

    @Test
    void drawsAPointAndBarPerVariantAndWindowInsideALinkToTheRunsReport() {
        TrendChart chart = chart(3);
        double[] chat = {0.30, 0.55, 0.31};
        for (int k = 1; k <= 3; k++) {
            chart.point(new TrendChart.Point("chat", k, chat[k - 1], chat[k - 1] - 0.02, chat[k - 1] + 0.02, 20));
            chart.point(new TrendChart.Point("base", k, 0.2, 0.18, 0.22, 20));
        }
        chart.alarm(new TrendChart.Alarm("chat", 2, 3, "alarm: chat less diverse"));
        String svg = chart.render();

        assertThat(count(svg, "class=\"mark point\"")).isEqualTo(6);
        assertThat(count(svg, "class=\"mark ci-bar\"")).isEqualTo(6);
        assertThat(count(svg, "<a class=\"window-link\"")).isEqualTo(3);
        assertThat(svg)
                .contains("<a class=\"window-link\" href=\"/runs/r2/report\" data-window=\"2\" data-run=\"r2\">")
                .contains("class=\"baseline-band\" data-window=\"1\"")
                .contains("class=\"alarm-span cleared\" data-variant=\"chat\" data-raised=\"2\" data-cleared=\"3\"")
                .contains(
                        "class=\"mark alarm-raised\" data-variant=\"chat\" data-metric=\"jaccard_1\" data-window=\"2\"")
                .contains(
                        "class=\"mark alarm-cleared\" data-variant=\"chat\" data-metric=\"jaccard_1\" data-window=\"3\"");
        // the points sit on their columns (dodged ±4 px for two variants) and higher means are higher up
        List<Double> cx = numbers(
                svg, "data-variant=\"chat\" data-window=\"\\d\" data-value=\"[^\"]+\" data-n=\"20\" cx=\"([-0-9.]+)\"");
        List<Double> cy = numbers(
                svg,
                "data-variant=\"chat\" data-window=\"\\d\" data-value=\"[^\"]+\" data-n=\"20\" cx=\"[-0-9.]+\" cy=\"([-0-9.]+)\"");
        for (int i = 0; i < 3; i++) {
            double expected = TrendChart.columnX(i, 3, PLOT_LEFT, PLOT_RIGHT) + TrendChart.dodge(1, 2, 288.67);
            assertThat(cx.get(i)).isCloseTo(expected, within(0.01));
        }
        assertThat(cy.get(1)).isLessThan(cy.get(0)).isLessThan(cy.get(0) - 50);
        // one line per variant through its three means
        assertThat(count(svg, "class=\"trend-line\"")).isEqualTo(2);
    }

    @Test
    void alarmMarksHaveARowAboveThePlotPerAlarmedVariantSoTheyNeverCoverAPoint() {
        TrendChart chart = chart(3);
        assertThat(chart.plotTop()).isEqualTo(TrendChart.TOP);
        chart.alarm(new TrendChart.Alarm("chat", 2, null, "raised on chat"));
        chart.alarm(new TrendChart.Alarm("chat", 3, null, "raised again on chat"));
        assertThat(chart.plotTop()).isEqualTo(TrendChart.TOP + TrendChart.MARK_ROW);
        chart.alarm(new TrendChart.Alarm("base", 2, 3, "raised on base"));
        assertThat(chart.plotTop()).isEqualTo(TrendChart.TOP + 2 * TrendChart.MARK_ROW);
        // the highest value is drawn at the plot's top edge
        chart.point(new TrendChart.Point("chat", 2, 0.9, 0.8, 1.0, 20));
        chart.point(new TrendChart.Point("chat", 1, 0.1, 0.0, 0.2, 20));
        String svg = chart.render();

        List<Double> ys = numbers(
                svg,
                "class=\"mark alarm-(?:raised|cleared)\"[^>]* d=\"M[-0-9.]+ ([-0-9.]+) L[-0-9.]+ [-0-9.]+ L[-0-9.]+ ([-0-9.]+) Z\"");
        assertThat(ys).hasSize(8).allSatisfy(y -> assertThat(y).isLessThanOrEqualTo(chart.plotTop()));
        // the window's tooltip tells its alarms too
        assertThat(svg).contains("window #2\nraised on chat\nraised on base</title>");
    }

    @Test
    void aWindowStillBeingScoredHasAHollowPointAndAnUnknownRunHasNoLink() {
        Map<String, String> colours = new LinkedHashMap<>(Map.of("chat", "#0072B2"));
        TrendChart chart = new TrendChart("jaccard_1", "Unigram Jaccard", "higher = less diverse", colours)
                .window(new TrendChart.Window(1, "v1", "window #1", "r1", "/runs/r1/report", true, true))
                .window(new TrendChart.Window(2, "v2", "window #2", "..", null, false, false))
                .point(new TrendChart.Point("chat", 1, 0.3, 0.28, 0.32, 20))
                .point(new TrendChart.Point("chat", 2, 0.3, Double.NaN, Double.NaN, 1))
                .point(new TrendChart.Point("chat", 3, Double.NaN, Double.NaN, Double.NaN, 0));
        String svg = chart.render();

        assertThat(count(svg, "class=\"mark point\"")).isEqualTo(1);
        assertThat(count(svg, "class=\"mark point provisional\"")).isEqualTo(1);
        // window 2 rests on one prompt: a point, no bar
        assertThat(count(svg, "class=\"mark ci-bar\"")).isEqualTo(1);
        assertThat(svg).contains("<g class=\"window-link\" data-window=\"2\" data-run=\"..\">");
        assertThat(svg).contains("(still being scored)");
    }

    @Test
    void aMetricWithoutValuesSaysSo() {
        String svg = chart(2).render();
        assertThat(svg).contains("class=\"undefined-note\"").contains("no values of jaccard_1 in these windows");
        assertThat(count(svg, "class=\"mark point\"")).isZero();
    }

    /** Windows 1..n (window 1 the baseline) of variants base and chat. */
    private static TrendChart chart(int windows) {
        Map<String, String> colours = new LinkedHashMap<>();
        colours.put("base", "#0072B2");
        colours.put("chat", "#009E73");
        TrendChart chart = new TrendChart("jaccard_1", "Unigram Jaccard", "higher = less diverse", colours);
        for (int k = 1; k <= windows; k++) {
            chart.window(new TrendChart.Window(
                    k, "v" + k, "window #" + k, "r" + k, "/runs/r" + k + "/report", k == 1, true));
        }
        return chart;
    }

    private static void assertSpan(double[] span, double from, double to) {
        assertThat(span).hasSize(2);
        assertThat(span[0]).isCloseTo(from, within(DELTA));
        assertThat(span[1]).isCloseTo(to, within(DELTA));
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }

    private static List<Double> numbers(String svg, String regex) {
        List<Double> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(svg);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                out.add(Double.parseDouble(m.group(g)));
            }
        }
        return out;
    }
}

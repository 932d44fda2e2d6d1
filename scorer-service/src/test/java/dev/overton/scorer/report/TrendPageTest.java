package dev.overton.scorer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.overton.scorer.monitor.MonitorHistory;

/**
 * The trend page rendered from {@link TrendFixtures#history()} without Quarkus: a chart per metric in alarm order, a
 * point per variant and window, the baseline and alarms marked, every window linked to its run's report, and the
 * monitor's and runs' untrusted text kept as text.
 */
class TrendPageTest {

    private final MonitorHistory history = TrendFixtures.history();

    @Test
    void drawsAChartPerMetricAlarmedMetricsFirst() {
        TrendPage.Page page = TrendPage.view(history, null);
        String html = TrendPage.render(page);

        // jaccard_1 and embedding_vendi_score raised alarms (in the alarms' order), mean_tokens only describes
        assertThat(page.metrics())
                .extracting(TrendPage.MetricLink::name)
                .containsExactly("embedding_vendi_score", "jaccard_1", "mean_tokens");
        assertThat(count(html, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart trend-chart\""))
                .isEqualTo(3);
        // 6 windows × 2 variants per chart
        assertThat(count(html, "class=\"mark point\"") + count(html, "class=\"mark point provisional\""))
                .isEqualTo(3 * 12);
        // base's window 3 rests on one prompt: one bar fewer in each chart but no fewer points
        String jaccard = chart(html, "jaccard_1");
        assertThat(count(jaccard, "class=\"mark ci-bar\"")).isEqualTo(11);
        assertThat(count(jaccard, "class=\"mark point provisional\"")).isEqualTo(2);
        assertThat(jaccard)
                .contains("class=\"baseline-band\" data-window=\"1\"")
                .contains("class=\"alarm-span cleared\" data-variant=\"chat\" data-raised=\"4\" data-cleared=\"6\"")
                .contains(
                        "class=\"mark alarm-raised\" data-variant=\"chat\" data-metric=\"jaccard_1\" data-window=\"4\"")
                .contains(
                        "class=\"mark alarm-cleared\" data-variant=\"chat\" data-metric=\"jaccard_1\" data-window=\"6\"");
        assertThat(chart(html, "embedding_vendi_score"))
                .contains("class=\"alarm-span open\" data-variant=\"chat\" data-raised=\"5\"")
                .doesNotContain("alarm-cleared");
        assertThat(chart(html, "mean_tokens")).doesNotContain("alarm-span");
        assertThat(html).contains("<span id=\"open-alarms\" data-open=\"1\">1 open alarms</span>");
    }

    @Test
    void everyWindowLinksToItsRunsReportOnTheChartsAndInTheTable() {
        String html = TrendPage.render(TrendPage.view(history, "jaccard_1"));

        for (int k = 1; k <= 6; k++) {
            String report = "/runs/" + TrendFixtures.run(k) + "/report";
            assertThat(html)
                    .contains("<a class=\"window-link\" href=\"" + report + "\" data-window=\"" + k + "\"")
                    .contains("<a href=\"" + report + "\">" + TrendFixtures.run(k) + "</a>");
        }
        // the axis labels are the runs' labels, #k for a window without one
        assertThat(html).contains(">v1.0</text>").contains(">v1.2</text>").contains(">#6</text>");
        assertThat(html).contains("<tr data-window=\"1\" data-run=\"run-w1\" class=\"baseline\">");
        assertThat(html).contains("<a id=\"baseline\" href=\"/runs/run-w1/report\">window #1 (v1.0)</a>");
        // one metric: its chart alone, its alarms alone, the others one click away
        assertThat(count(html, "class=\"chart trend-chart\"")).isEqualTo(1);
        assertThat(html)
                .contains("<tr class=\"alarm cleared\" data-variant=\"chat\" data-metric=\"jaccard_1\"")
                .doesNotContain("data-metric=\"embedding_vendi_score\" data-state")
                .contains("<a href=\"report?metric=mean_tokens\" data-metric=\"mean_tokens\">mean_tokens</a>")
                .contains("<a href=\"report\">all</a>");
        // the alarm in words: chat's jaccard_1 rose 0.25 above the baseline, which means less diverse
        assertThat(html).contains("+0.250 (less diverse)").contains("4.0e-04");
    }

    @Test
    void untrustedNamesAndLabelsStayTextAndControlCharactersShow() {
        String html = TrendPage.render(TrendPage.view(history, null));

        assertThat(html).doesNotContain("<script").doesNotContain("<b>bold");
        assertThat(html)
                .contains("chat-prod &lt;b&gt;bold&lt;/b&gt;")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        // the bell in window 5's label is shown as U+FFFD, on the axis and in the table
        assertThat(html).doesNotContain("\u0007").contains("v2.0\uFFFDbeta");
    }

    @Test
    void metricChecksNameTheParameter() {
        assertThat(TrendPage.metricSyntax(null)).isEmpty();
        assertThat(TrendPage.metricSyntax("jaccard_1")).isEmpty();
        assertThat(TrendPage.metricSyntax("jaccard_1<script>")).get().asString().contains("'metric' must be");
        assertThat(TrendPage.metricSyntax("")).isPresent();
        assertThat(TrendPage.metricSyntax("m".repeat(201))).isPresent();
        assertThat(TrendPage.metricKnown("jaccard_1", history)).isEmpty();
        assertThat(TrendPage.metricKnown("distinct_2", history))
                .get()
                .asString()
                .contains("'metric' names 'distinct_2', which no window of monitor 'mon-1' has")
                .contains("embedding_vendi_score, jaccard_1, mean_tokens");
        // a monitor without windows has no metrics yet: nothing to refuse
        MonitorHistory empty = new MonitorHistory("m", "m", null, List.of(), List.of(), List.of());
        assertThat(TrendPage.metricKnown("distinct_2", empty)).isEmpty();
    }

    @Test
    void aMonitorWithoutWindowsSaysHowToGetOne() {
        MonitorHistory empty = new MonitorHistory("m-0", "fresh", null, List.of(), List.of(), List.of());
        String html = TrendPage.render(TrendPage.view(empty, null));

        assertThat(html).contains("id=\"no-windows\"").contains("overton monitor trigger m-0");
        assertThat(html).doesNotContain("<svg");
        assertThat(html).contains("baseline: <span id=\"baseline\">none yet</span>");
    }

    /** The {@code <svg>} of {@code metric}'s chart. */
    static String chart(String html, String metric) {
        int from = html.indexOf("class=\"chart trend-chart\" data-metric=\"" + metric + "\"");
        assertThat(from).as("chart of %s", metric).isNotNegative();
        return html.substring(from, html.indexOf("</svg>", from));
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }
}

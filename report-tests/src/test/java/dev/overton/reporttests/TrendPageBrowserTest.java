package dev.overton.reporttests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import dev.overton.scorer.monitor.Estimate;
import dev.overton.scorer.monitor.MonitorAlarm;
import dev.overton.scorer.monitor.MonitorHistory;
import dev.overton.scorer.monitor.WindowPoint;
import dev.overton.scorer.report.TrendPage;
import dev.overton.scorer.report.rest.ReportResource;

/**
 * A monitor's trend page ({@code /monitors/{id}/report}) in a real browser: Chromium loads it over HTTP from a small
 * local server that answers with the scorer's own renderer ({@link TrendPage}) under the report's real
 * Content-Security-Policy (no script), from a history shaped as {@code GET /monitors/{id}/history} answers it. The test
 * reads the laid-out chart (one point per variant and window, left to right in window order, the baseline column
 * and the alarm's marks over the right windows) and clicks a window's point with real mouse events over the DevTools
 * protocol, landing on that window's run report.
 *
 * <p>Needs Debian's {@code chromium} package; without it the tests are skipped with a message saying so.
 */
class TrendPageBrowserTest {

    static final String MONITOR = "chat-prod-id";
    static final String HOSTILE = "<script>alert('x')</script>";
    static final List<String> LABELS = java.util.Arrays.asList("v1.0", "v1.1", "v1.2", "v2.0", HOSTILE, null);
    static final double[] CHAT_JACCARD = {0.30, 0.31, 0.29, 0.55, 0.31, 0.30};
    static final List<String> VARIANTS = List.of("base", "chat");

    @RegisterExtension
    static final ServedPages pages = new ServedPages(TrendPageBrowserTest::answer);

    @Test
    void theChartShowsOnePointPerWindowInOrderWithTheBaselineAndTheAlarmMarked() throws Exception {
        JsonNode layout;
        String dom;
        try (DevToolsSession browser = pages.chromium().drive()) {
            browser.navigate(pages.root().resolve("/monitors/" + MONITOR + "/report?metric=jaccard_1"));
            dom = browser.html();
            layout = browser.value("(() => {"
                    + " const chart = document.querySelector('svg.trend-chart[data-metric=\"jaccard_1\"]');"
                    + " const centre = e => { const r = e.getBoundingClientRect();"
                    + " return {x: r.x + r.width / 2, y: r.y + r.height / 2, left: r.left, right: r.right}; };"
                    + " const all = s => Array.from(chart.querySelectorAll(s)).map(centre);"
                    + " return {chat: all('circle.point[data-variant=\"chat\"]'),"
                    + " base: all('circle.point[data-variant=\"base\"]'),"
                    + " provisional: all('circle.provisional'),"
                    + " baseline: all('rect.baseline-band'), span: all('rect.alarm-span'),"
                    + " raised: all('path.alarm-raised'), cleared: all('path.alarm-cleared'),"
                    + " label: chart.querySelector('a[data-window=\"5\"] text.window-label').textContent,"
                    + " scripts: document.scripts.length}; })()");
        }
        // six windows, the sixth still being scored (hollow): one point per variant and window
        assertThat(layout.get("chat")).hasSize(6);
        assertThat(layout.get("base")).hasSize(6);
        assertThat(layout.get("provisional")).hasSize(2);
        List<Double> chatX = xs(layout.get("chat"));
        for (int i = 1; i < chatX.size(); i++) {
            assertThat(chatX.get(i))
                    .as("window %d right of window %d", i + 1, i)
                    .isGreaterThan(chatX.get(i - 1));
        }
        // window 4's jump is drawn higher up the page than the windows around it
        double[] chatY = layout.get("chat").findValues("y").stream()
                .mapToDouble(JsonNode::asDouble)
                .toArray();
        assertThat(chatY[3]).isLessThan(chatY[2] - 40).isLessThan(chatY[4] - 40);
        // the baseline column holds window 1; the alarm shades windows 4 to 5 (cleared at 5) with ▼ over 4, ▲ over 5
        JsonNode band = layout.get("baseline").get(0);
        assertThat(chatX.get(0))
                .isBetween(band.get("left").asDouble(), band.get("right").asDouble());
        assertThat(layout.get("raised").get(0).get("x").asDouble()).isCloseTo(chatX.get(3), within(5.0));
        assertThat(layout.get("cleared").get(0).get("x").asDouble()).isCloseTo(chatX.get(4), within(5.0));
        JsonNode span = layout.get("span").get(0);
        assertThat(chatX.get(3))
                .isBetween(span.get("left").asDouble(), span.get("right").asDouble());
        assertThat(chatX.get(4)).isGreaterThan(span.get("right").asDouble());
        // the hostile label is the axis label's text, and the page has no script at all
        assertThat(layout.get("label").asText()).isEqualTo(HOSTILE.substring(0, 15) + "…");
        assertThat(layout.get("scripts").asInt()).isZero();
        assertThat(dom).doesNotContain("<script").contains("&lt;script&gt;alert('x')&lt;/script&gt;");
        // kept for a reader of the build (target/trend-screenshot.png)
        pages.chromium()
                .screenshot(
                        pages.root().resolve("/monitors/" + MONITOR + "/report"),
                        Path.of("target", "trend-screenshot.png"),
                        1280,
                        1400);
    }

    @Test
    void clickingAWindowsPointOpensThatWindowsRunReport() throws Exception {
        String landed;
        String dom;
        try (DevToolsSession browser = pages.chromium().drive()) {
            browser.navigate(pages.root().resolve("/monitors/" + MONITOR + "/report"));
            landed = browser.clickAndAwaitPage(
                    "svg[data-metric=\"jaccard_1\"] a[data-window=\"4\"] circle.point[data-variant=\"chat\"]",
                    url -> url.contains("/runs/"));
            dom = browser.html();
        }
        assertThat(landed).isEqualTo(pages.root().resolve("/runs/run-w4/report").toString());
        assertThat(dom).contains("<h1 id=\"landed\">report of run-w4</h1>");
    }

    /** Serves the trend page as the scorer does, and a stand-in for each run's report. */
    private static void answer(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        try (exchange) {
            String path = uri.getPath();
            if (path.equals("/monitors/" + MONITOR + "/report")) {
                String query = uri.getQuery();
                String metric = query != null && query.startsWith("metric=") ? query.substring(7) : null;
                exchange.getResponseHeaders().add("Content-Security-Policy", ReportResource.CONTENT_SECURITY_POLICY);
                LocalPages.sendHtml(exchange, 200, TrendPage.render(TrendPage.view(history(), metric)));
            } else if (path.matches("/runs/run-w\\d/report")) {
                String run = path.split("/")[2];
                LocalPages.sendHtml(
                        exchange,
                        200,
                        "<!DOCTYPE html><title>" + run + "</title><h1 id=\"landed\">report of " + run + "</h1>");
            } else {
                LocalPages.sendHtml(exchange, 404, "not found");
            }
        }
    }

    /** Six windows of base and chat, window 1 the baseline, window 6 being scored; chat's jaccard_1 alarms at 4. */
    static MonitorHistory history() {
        List<WindowPoint> windows = new ArrayList<>();
        for (int k = 1; k <= 6; k++) {
            Map<String, Map<String, Estimate>> variants = new LinkedHashMap<>();
            double chat = CHAT_JACCARD[k - 1];
            variants.put("chat", Map.of("jaccard_1", new Estimate(chat, chat - 0.02, chat + 0.02, 20)));
            variants.put("base", Map.of("jaccard_1", new Estimate(0.2, 0.18, 0.22, 20)));
            windows.add(new WindowPoint(
                    k,
                    "run-w" + k,
                    LABELS.get(k - 1),
                    Instant.parse("2026-03-0" + k + "T09:00:00Z"),
                    k == 1,
                    k != 6,
                    variants));
        }
        MonitorAlarm alarm = new MonitorAlarm(
                MONITOR,
                "chat",
                "jaccard_1",
                4,
                "run-w4",
                "run-w1",
                0.25,
                0.0004,
                Instant.parse("2026-03-04T09:05:00Z"),
                5,
                Instant.parse("2026-03-05T09:05:00Z"));
        return new MonitorHistory(MONITOR, "chat-prod", "run-w1", List.of("jaccard_1"), windows, List.of(alarm));
    }

    private static List<Double> xs(JsonNode points) {
        List<Double> xs = new ArrayList<>();
        points.forEach(p -> xs.add(p.get("x").asDouble()));
        return xs;
    }
}

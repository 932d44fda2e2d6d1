package dev.overton.scorer.monitor.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.overton.scorer.report.TrendFixtures;
import dev.overton.scorer.report.rest.ReportResource;

/**
 * {@code GET /monitors/{id}/report} over HTTP, the history served by {@link FixedMonitorHistories}: the page with its
 * charts, links and security headers, rendered by Quarkus' Qute; 404 for an unknown monitor, 400 naming {@code
 * metric} for a malformed or unknown metric.
 */
@QuarkusTest
@TestProfile(FixedHistoryProfile.class)
class TrendPageResourceTest {

    @Test
    void servesTheTrendPageWithChartsLinksAndTheReportsSecurityHeaders() {
        String html = given().accept("text/html")
                .get("/monitors/{id}/report", TrendFixtures.MONITOR)
                .then()
                .statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Content-Security-Policy", ReportResource.CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .extract()
                .asString();

        assertThat(count(html, "class=\"chart trend-chart\"")).isEqualTo(3);
        assertThat(count(html, "<a class=\"window-link\" href=\"/runs/")).isEqualTo(3 * 6);
        assertThat(html)
                .contains(
                        "<a class=\"window-link\" href=\"/runs/run-w4/report\" data-window=\"4\" data-run=\"run-w4\">")
                .contains(
                        "class=\"mark alarm-raised\" data-variant=\"chat\" data-metric=\"jaccard_1\" data-window=\"4\"")
                .contains("class=\"baseline-band\" data-window=\"1\"")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .doesNotContain("<script");
        // Quarkus' Qute and the plain engine of the tests render the same page
        assertThat(html)
                .isEqualTo(dev.overton.scorer.report.TrendPage.render(
                        dev.overton.scorer.report.TrendPage.view(TrendFixtures.history(), null)));
    }

    @Test
    void oneMetricShowsItsChartAlone() {
        String html = given().accept("text/html")
                .queryParam("metric", "jaccard_1")
                .get("/monitors/{id}/report", TrendFixtures.MONITOR)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(count(html, "class=\"chart trend-chart\"")).isEqualTo(1);
        assertThat(html).contains("data-metric=\"jaccard_1\"");
    }

    @Test
    void aMonitorWithoutWindowsGetsItsPageSayingSo() {
        given().accept("text/html")
                .get("/monitors/{id}/report", FixedMonitorHistories.EMPTY)
                .then()
                .statusCode(200)
                .body(containsString("id=\"no-windows\""));
    }

    @Test
    void anUnknownMonitorIsA404Page() {
        given().accept("text/html")
                .get("/monitors/{id}/report", "no-such-monitor")
                .then()
                .statusCode(404)
                .contentType(startsWith("text/html"))
                .header("Content-Security-Policy", ReportResource.CONTENT_SECURITY_POLICY)
                .body(containsString("<h1>Not found</h1>"))
                .body(containsString("The scorer knows no monitor &#39;no-such-monitor&#39;"));
    }

    @Test
    void aMalformedOrUnknownMetricIsA400PageNamingIt() {
        given().accept("text/html")
                .queryParam("metric", "jaccard_1\"><script>")
                .get("/monitors/{id}/report", TrendFixtures.MONITOR)
                .then()
                .statusCode(400)
                .contentType(startsWith("text/html"))
                .body(containsString("data-parameter=\"metric\""))
                .body(containsString("&#39;metric&#39; must be one metric name"));
        given().accept("text/html")
                .queryParam("metric", "distinct_2")
                .get("/monitors/{id}/report", TrendFixtures.MONITOR)
                .then()
                .statusCode(400)
                .body(containsString("data-parameter=\"metric\""))
                .body(containsString("which no window of monitor &#39;mon-1&#39; has"));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }
}

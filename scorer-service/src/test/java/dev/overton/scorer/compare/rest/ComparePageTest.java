package dev.overton.scorer.compare.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

import dev.overton.scorer.InMemoryChannels;
import dev.overton.scorer.InMemoryFlow;
import dev.overton.scorer.ScorerTables;
import dev.overton.scorer.report.rest.ReportResource;

/**
 * {@code GET /compare} asked for as HTML (the comparison page) over HTTP, against values written into the scorer schema
 * of the test database: content negotiation on the same path, the forest plot and table, the security headers, the
 * escaping of a hostile variant name and the HTML problem pages with the JSON problems' statuses.
 */
@QuarkusTest
@TestProfile(InMemoryChannels.class)
class ComparePageTest extends InMemoryFlow {

    /** What Chromium and Firefox send when the user opens a link. */
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private static final String HOSTILE = "<script>alert(1)</script>";

    private final String prefix = newRun("it-compare-page-") + "-";
    private final String runA = prefix + "a";
    private final String runB = prefix + "b";
    private final String runC = prefix + "c";

    @Test
    void aBrowserGetsThePageWithForestPlotTableLinksAndHeaders() {
        seed();

        String html =
                page(BROWSER_ACCEPT, "/compare?a={a}&b={b}", 200).extract().asString();

        // one forest plot per metric, one row per variant pair (base, and the hostile variant)
        assertThat(count(html, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"forest\""))
                .isEqualTo(1);
        assertThat(html).contains("data-metric=\"jaccard_1\"").contains("class=\"ref-line zero\"");
        assertThat(count(html, "class=\"mark point\"")).isEqualTo(2);
        // base: +0.01·k on prompts k = 1..8, all positive: p = 2/256, q = 2·(2/256)/1 ≤ 0.05 -> significant, and
        // jaccard_1 higher means less diverse (its worse way)
        assertThat(html)
                .contains("<g class=\"row significant\" data-pair=\"base\" data-significant=\"true\">")
                .contains("less diverse")
                .contains("<tr class=\"significant worse\" data-pair=\"base\" data-metric=\"jaccard_1\"");
        // the hostile variant's differences alternate ±0.02: mean 0, p = 1, not significant
        assertThat(html)
                .contains("data-pair=\"&lt;script&gt;alert(1)&lt;/script&gt;\" data-metric=\"jaccard_1\""
                        + " data-significant=\"false\"");
        assertThat(html).contains("1 of 2 differences significant");
        // links to both runs' reports, relative to /compare
        assertThat(html).contains("href=\"runs/" + runA + "/report\"").contains("href=\"runs/" + runB + "/report\"");
        // all user text escaped: the variant name never appears as markup
        assertThat(html).doesNotContain(HOSTILE).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).doesNotContain("<script");
    }

    @Test
    void thePageLinksReachBothReports() {
        seed();
        given().accept("text/html")
                .when()
                .get("/runs/{run}/report", runA)
                .then()
                .statusCode(200);
        given().accept("text/html")
                .when()
                .get("/runs/{run}/report", runB)
                .then()
                .statusCode(200);
    }

    @Test
    void jsonStaysTheAnswerForJsonAndAnyType() {
        seed();
        for (String accept : List.of("application/json", "*/*", "application/json, text/html;q=0.5")) {
            given().accept(accept)
                    .when()
                    .get("/compare?a={a}&b={b}", runA, runB)
                    .then()
                    .statusCode(200)
                    .contentType(containsString("application/json"))
                    .body("rows.size()", equalTo(2));
        }
        // REST Assured's default (as the CLI's HTTP client): no explicit text/html -> JSON
        given().when()
                .get("/compare?a={a}&b={b}", runA, runB)
                .then()
                .statusCode(200)
                .contentType(containsString("application/json"));
    }

    @Test
    void impossibleComparisonsGetAnHtmlProblemPageWithTheSameStatus() {
        seed();
        ScorerTables tables = tables();
        tables.insertSet(runC, "p1", "other", false);
        tables.insertValue(runC, "p1", "other", "jaccard_1", null, null, 0.5);

        problem("/compare?a=" + runA + "&b=" + prefix + "missing", 404, "b", "unknown to the scorer");
        problem("/compare?a=" + runA + "&b=" + runC, 400, "map", "b has [other]");
        problem("/compare?a=" + runA + "&b=" + runB + "&map=base", 400, "map", "variantOfA:variantOfB");
        problem("/compare?a=" + runA, 400, "b", "'b' is required");
        // a hostile run id is escaped on the problem page too
        String html = problem("/compare?a=" + runA + "&b=%3Cscript%3Ex%3C%2Fscript%3E", 404, "b", "unknown")
                .extract()
                .asString();
        assertThat(html).doesNotContain("<script").contains("&lt;script&gt;x&lt;/script&gt;");
    }

    private ValidatableResponse page(String accept, String url, int status) {
        return htmlPage(given().accept(accept).when().get(url, runA, runB).then(), status)
                .body(not(containsString("<script")));
    }

    private ValidatableResponse problem(String url, int status, String parameter, String detail) {
        return htmlPage(
                        given().urlEncodingEnabled(false)
                                .accept(BROWSER_ACCEPT)
                                .when()
                                .get(url)
                                .then(),
                        status)
                .body(containsString("data-status=\"" + status + "\""))
                .body(containsString("data-parameter=\"" + parameter + "\""))
                .body(containsString(detail.replace("'", "&#39;")));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    /** Runs a and b, variants base and the hostile name, prompts p1..p8, jaccard_1 only. */
    private void seed() {
        ScorerTables tables = tables();
        double[] baseA = {0.10, 0.12, 0.09, 0.15, 0.11, 0.13, 0.08, 0.14};
        for (int k = 1; k <= 8; k++) {
            String prompt = "p" + k;
            for (String run : List.of(runA, runB)) {
                tables.insertSet(run, prompt, "base", false);
                tables.insertSet(run, prompt, HOSTILE, false);
            }
            tables.insertValue(runA, prompt, "base", "jaccard_1", null, null, baseA[k - 1]);
            tables.insertValue(runB, prompt, "base", "jaccard_1", null, null, baseA[k - 1] + 0.01 * k);
            tables.insertValue(runA, prompt, HOSTILE, "jaccard_1", null, null, 0.3);
            tables.insertValue(runB, prompt, HOSTILE, "jaccard_1", null, null, k % 2 == 0 ? 0.32 : 0.28);
        }
    }

    /** {@code response} checked to be an HTML page with {@code status} and the report's security headers. */
    private static ValidatableResponse htmlPage(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", equalTo(ReportResource.CONTENT_SECURITY_POLICY))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"));
    }
}

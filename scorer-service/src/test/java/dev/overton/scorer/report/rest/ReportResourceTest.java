package dev.overton.scorer.report.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.overton.contracts.RecoveryReport;
import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;
import dev.overton.scorer.InMemoryChannels;
import dev.overton.scorer.InMemoryFlow;
import dev.overton.scorer.report.messaging.RecoveriesConsumer;

/**
 * The report feature end to end inside the service, on in-memory channels and the real PostgreSQL ({@code
 * overton_it}): sample sets go in through the real consumer (scored and stored as in production), recovery reports
 * through the recoveries consumer; the report page, the prompt page, the verdicts and the exports come out over HTTP.
 */
@QuarkusTest
@TestProfile(InMemoryChannels.class)
class ReportResourceTest extends InMemoryFlow {

    private static final String HOSTILE = "<script>alert('x')</script> Rest & drink water.";

    private final String runId = newRun("it-report-");

    /** A run whose variant name, prompt ids and answer try to break out of the pages' markup or links. */
    private final String hostileRun = newRun("it-report-hostile-");

    @Test
    void answersEveryPageWithAPolicyThatAllowsNoScriptAndNoSniffing() {
        scoreRun();

        for (String path :
                List.of("/runs/{id}/report", "/runs/{id}/report/prompts/1", "/runs/{id}/report/prompts/99")) {
            given().when()
                    .get(path, runId)
                    .then()
                    .statusCode(path.endsWith("99") ? 404 : 200)
                    .contentType(containsString("text/html"))
                    .header("Content-Security-Policy", equalTo(ReportResource.CONTENT_SECURITY_POLICY))
                    .header("Content-Security-Policy", containsString("default-src 'none'"))
                    .header("Content-Security-Policy", not(containsString("script-src")))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("Referrer-Policy", equalTo("no-referrer"));
        }
        given().when()
                .get("/runs/{id}/report", "no-such-run")
                .then()
                .statusCode(404)
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void servesPagesThatKeepScriptsAndQuotesInRunVariantPromptAndAnswerAsText() {
        String variant = "v\"><script>alert(1)</script>";
        String prompt = "p\"><script>alert(2)</script>";
        String answer = "a\"><script>alert(3)</script>";
        for (String p : List.of(prompt, "..", "a/b?c#d", "p-ok")) {
            send(set(hostileRun, p, variant, false, List.of(answer, "Rest and drink water.")));
            send(set(hostileRun, p, "chat", true, List.of("Sure! Rest.", "Sure! Rest and water.")));
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().when()
                        .get("/runs/{id}/scores", hostileRun)
                        .then()
                        .statusCode(200)
                        .body("differences.find { it.metric == 'jaccard_1' }.n", equalTo(4)));

        String report = given().when()
                .get("/runs/{id}/report", hostileRun)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(report)
                .doesNotContain("<script")
                .contains("v&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("data-prompt=\"p&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;\"")
                .contains("href=\"report/prompts/p%22%3E%3Cscript%3Ealert%282%29%3C%2Fscript%3E\"")
                // the prompt '..' is listed without a link: report/prompts/.. would be the report itself
                .contains("<tr data-prompt=\"..\">")
                .doesNotContain("href=\"report/prompts/..\"")
                .contains("href=\"report/prompts/a%2Fb%3Fc%23d\"");
        // Ids outside the id rule (docs/api.md) are listed, escaped and encoded, but their pages are refused at the
        // edge with a problem body: a link to them is never a link to another page.
        given().urlEncodingEnabled(false)
                .when()
                .get("/runs/" + hostileRun + "/report/prompts/a%2Fb%3Fc%23d")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().when()
                .get("/runs/{id}/report/prompts/{prompt}", hostileRun, prompt)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().when()
                .get("/runs/{id}/report/prompts/{prompt}", hostileRun, "p-ok")
                .then()
                .statusCode(200)
                .body(not(containsString("<script")))
                .body(containsString("a&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;"))
                .body(containsString("data-variant=\"v&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""));
    }

    @Test
    void servesTheReportPagePromptPageVerdictsAndExportsOfAScoredRun() {
        scoreRun();

        String html = given().when()
                .get("/runs/{id}/report", runId)
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .extract()
                .asString();
        assertThat(html)
                .contains("base is more diverse than chat")
                .contains("No recovery verdict yet")
                .contains("Coverage: not computed for this run.")
                .contains("id=\"chart-diversity-jaccard_1\"")
                .contains("class=\"ref-line ceiling\"")
                .doesNotContain("<script");

        given().when()
                .get("/runs/{id}/report/prompts/{prompt}", runId, "1")
                .then()
                .statusCode(200)
                .body(containsString("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Rest &amp; drink water."))
                .body(containsString("data-variant=\"base\""))
                .body(containsString("data-status=\"failed\""))
                .body(containsString("rate limited &lt;429&gt;"));

        given().when()
                .get("/runs/{id}/report/verdicts", runId)
                .then()
                .statusCode(200)
                .body("reference", equalTo("chat"))
                .body("shift[0].variant", equalTo("base"))
                .body("shift[0].outcome", equalTo("MORE_DIVERSE"))
                .body("recovery", equalTo(null));

        String csv = given().when()
                .get("/runs/{id}/export?format=csv", runId)
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString(".csv"))
                .extract()
                .asString();
        assertThat(csv).startsWith("promptId,variant,sample,reference,metric,value,reason,settings\r\n");
        assertThat(csv).contains(",base,,,jaccard_1,").contains(",base,1,chat,pair_jaccard_1,");

        String jsonl = given().when()
                .get("/runs/{id}/export?format=jsonl", runId)
                .then()
                .statusCode(200)
                .contentType(containsString("application/x-ndjson"))
                .extract()
                .asString();
        assertThat(jsonl.lines().count()).isEqualTo(csv.lines().count() - 1);
    }

    @Test
    void keepsTheLatestRecoveryReportPerRunAndShowsItsVerdict() throws Exception {
        scoreRun();
        Instant newer = Instant.parse("2026-11-27T14:40:00Z");
        send(report(runId, newer, true));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> given().when()
                        .get("/runs/{id}/report", runId)
                        .then()
                        .body(containsString("icl recovers chat")));

        // An older report arriving late (a redelivery, another partition's lag) must not replace the newer verdict.
        send(report(runId, newer.minusSeconds(60), false));
        String marker = runId + "-marker";
        send(report(marker, newer, false));
        await().atMost(Duration.ofSeconds(20)).until(() -> computedAt(marker) != null);

        assertThat(computedAt(runId)).isEqualTo(newer);
        given().when()
                .get("/runs/{id}/report/verdicts", runId)
                .then()
                .body("recovery.variants.headline", hasItem("icl recovers chat"))
                .body("recovery.computedAt", equalTo(newer.toString()));
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("delete from scorer.recovery_reports where run_id = ?")) {
            st.setString(1, marker);
            st.executeUpdate();
        }
    }

    @Test
    void refusesAnUnknownExportFormatNamingTheParameterAndTheAllowedValues() {
        scoreRun();

        given().when()
                .get("/runs/{id}/export?format=xml", runId)
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo("format"))
                .body("errors[0].message", containsString("csv, jsonl"))
                .body("errors[0].message", containsString("'xml'"));
        given().when()
                .get("/runs/{id}/export", runId)
                .then()
                .statusCode(400)
                .body("errors[0].message", containsString("is required"));
    }

    @Test
    void answersNotFoundForARunTheScorerHasNotSeen() {
        given().when()
                .get("/runs/{id}/report", "no-such-run")
                .then()
                .statusCode(404)
                .contentType(containsString("text/html"));
        given().when().get("/runs/{id}/report/prompts/0", "no-such-run").then().statusCode(404);
        given().when().get("/runs/{id}/report/verdicts", "no-such-run").then().statusCode(404);
        given().when().get("/runs/{id}/export?format=csv", "no-such-run").then().statusCode(404);
    }

    /** Three prompts of base (diverse) and chat (repetitive, the reference), and one failed set. */
    private void scoreRun() {
        List<String> base = List.of(
                "Drink plenty of water and rest.",
                "Zinc lozenges may shorten a cold.",
                "Honey soothes a sore throat.",
                "See a doctor when a fever lasts.");
        List<String> chat = List.of(
                "Sure! Rest, drink water and take honey for your throat.",
                "Sure! Rest, drink water and take honey for a sore throat.",
                "Sure! Rest and drink water; honey helps a sore throat.",
                "Sure! Rest, drink water and take honey.");
        for (int p = 0; p < 3; p++) {
            String prompt = String.valueOf(p);
            List<String> baseTexts = p == 1 ? List.of(HOSTILE, base.get(1), base.get(2), base.get(3)) : base;
            send(set(prompt, "base", false, baseTexts));
            send(set(prompt, "chat", true, chat));
        }
        send(new SampleSet(
                SchemaVersions.V1,
                runId,
                "1",
                "icl",
                false,
                SampleSet.FAILED,
                "rate limited <429>",
                List.of(),
                Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().when()
                        .get("/runs/{id}/scores", runId)
                        .then()
                        .statusCode(200)
                        .body("differences.find { it.metric == 'jaccard_1' }.n", equalTo(3)));
    }

    private void send(SampleSet set) {
        send("sample-sets-in", set);
    }

    private SampleSet set(String prompt, String variant, boolean reference, List<String> texts) {
        return set(runId, prompt, variant, reference, texts);
    }

    private static SampleSet set(String run, String prompt, String variant, boolean reference, List<String> texts) {
        List<Sample> samples = new java.util.ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            samples.add(new Sample(i, texts.get(i), "stop"));
        }
        return new SampleSet(
                SchemaVersions.V1, run, prompt, variant, reference, SampleSet.GENERATED, null, samples, Instant.now());
    }

    private void send(RecoveryReport report) {
        send(RecoveriesConsumer.CHANNEL, report);
    }

    private static RecoveryReport report(String run, Instant computedAt, boolean recovers) {
        return new RecoveryReport(
                SchemaVersions.V1,
                run,
                "chat",
                List.of(new RecoveryReport.Recovery(
                        "icl", "pair_jaccard_1", recovers ? 0.98 : 0.5, 0.9, recovers ? 1.05 : 0.6, recovers, 3, null)),
                computedAt);
    }

    private Instant computedAt(String run) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement("select computed_at from scorer.recovery_reports where run_id = ?")) {
            st.setString(1, run);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getTimestamp(1).toInstant() : null;
            }
        }
    }
}

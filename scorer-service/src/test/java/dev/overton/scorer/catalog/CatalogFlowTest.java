package dev.overton.scorer.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.memory.InMemorySink;

import dev.overton.contracts.DatasetSpec;
import dev.overton.contracts.RunCreated;
import dev.overton.contracts.RunDeletionConfirmed;
import dev.overton.contracts.RunDeletionRequested;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.VariantSpec;
import dev.overton.scorer.InMemoryChannels;
import dev.overton.scorer.InMemoryFlow;
import dev.overton.scorer.ScorerTables;

/**
 * The scorer's part of issue 14 on in-memory channels and the real PostgreSQL: the runs page at {@code /} (runs from
 * {@code runs}, escaped, security headers) and the deletion consumer (every scorer table empty for the deleted run,
 * the other run intact, a replayed deletion harmless, a late sample set dropped, a confirmation published).
 */
@QuarkusTest
@TestProfile(InMemoryChannels.class)
class CatalogFlowTest extends InMemoryFlow {

    private final String token = UUID.randomUUID().toString().substring(0, 8);
    private final String deleted = newRun("it-catalog-del-");
    private final String kept = newRun("it-catalog-keep-");

    @Test
    void runsPageListsRunsNewestFirstEscapedWithSecurityHeaders() {
        sendRun(deleted, "first <b>run</b> " + token, null, Instant.parse("2026-01-01T00:00:00Z"));
        sendRun(kept, "second run " + token, "model \"v2\"", Instant.parse("2026-01-02T00:00:00Z"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("catalog_runs", kept) == 1 && count("catalog_runs", deleted) == 1);

        String page = given().when()
                .get("/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("first &lt;b&gt;run&lt;/b&gt; " + token))
                .body(not(containsString("<b>run</b>")))
                .body(containsString("model &quot;v2&quot;"))
                .body(containsString("href=\"/runs/" + kept + "/report\""))
                .body(containsString("action=\"/compare\""))
                .body(containsString("0 / 2 sets"))
                .extract()
                .asString();
        assertThat(page.indexOf("second run " + token))
                .as("newest first")
                .isLessThan(page.indexOf("first &lt;b&gt;run"));
    }

    @Test
    void theRunsNameAndLabelAreShownOnItsReportItsPromptPagesAndItsComparison() {
        sendRun(deleted, "older run " + token, "ckpt <1200>", Instant.parse("2026-01-01T00:00:00Z"));
        sendRun(kept, "newer run " + token, "ckpt 1400", Instant.parse("2026-01-02T00:00:00Z"));
        for (String id : List.of(deleted, kept)) {
            send("sample-sets-in", set(id, "p0"));
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> rowsOf(deleted).get("score_values") > 0
                        && rowsOf(kept).get("score_values") > 0
                        && count("catalog_runs", deleted) == 1
                        && count("catalog_runs", kept) == 1);

        given().when()
                .get("/runs/{id}/report", kept)
                .then()
                .statusCode(200)
                .body(containsString("<strong class=\"run-name\">newer run " + token + "</strong>"))
                .body(containsString("label <span class=\"run-label\">ckpt 1400</span>"));
        given().when()
                .get("/runs/{id}/report/prompts/p0", deleted)
                .then()
                .statusCode(200)
                .body(containsString("<strong class=\"run-name\">older run " + token + "</strong>"))
                .body(containsString("label <span class=\"run-label\">ckpt &lt;1200&gt;</span>"));
        String comparison = given().accept("text/html")
                .queryParam("a", deleted)
                .queryParam("b", kept)
                .when()
                .get("/compare")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(element(comparison, "<li id=\"run-a\">"))
                .contains(deleted)
                .contains("older run " + token)
                .contains("ckpt &lt;1200&gt;");
        assertThat(element(comparison, "<li id=\"run-b\">"))
                .contains(kept)
                .contains("newer run " + token)
                .contains("ckpt 1400");
    }

    @Test
    void twoTickedRunsRedirectToTheComparisonOfTheOlderWithTheNewerAndOtherCountsAreRefused() {
        sendRun(deleted, "older run " + token, null, Instant.parse("2026-01-01T00:00:00Z"));
        sendRun(kept, "newer run " + token, null, Instant.parse("2026-01-02T00:00:00Z"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("catalog_runs", kept) == 1 && count("catalog_runs", deleted) == 1);

        // ticked newest first, as the page lists them: the older run still becomes the baseline a
        given().redirects()
                .follow(false)
                .accept("text/html")
                .queryParam("run", kept, deleted)
                .when()
                .get("/compare")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/compare?a=" + deleted + "&b=" + kept));
        for (List<String> ticked : List.of(List.of(kept), List.of(kept, kept), List.<String>of())) {
            given().accept("text/html")
                    .queryParam("run", ticked.toArray())
                    .when()
                    .get("/compare")
                    .then()
                    .statusCode(400)
                    .body(containsString("data-parameter=\"run\""));
        }
    }

    private static String element(String page, String start) {
        int from = page.indexOf(start);
        assertThat(from).as("%s on the page", start).isNotNegative();
        return page.substring(from, page.indexOf("</li>", from));
    }

    @Test
    void aRunRecordWithNulIsDeadLetteredAtOnceAndTheNextRunIsStillListed() {
        // docs/events.md, "Records that cannot be stored": such a record is dead-lettered before its handler runs,
        // never retried, and never holds up the partition (before, it was retried and then dead-lettered).
        sendRun(deleted, "nul\u0000name " + token, "nul\u0000label", Instant.now());
        String after = newRun("it-catalog-after-");
        sendRun(after, "after the nul " + token, "l", Instant.now());
        await().atMost(Duration.ofSeconds(10)).until(() -> count("catalog_runs", after) == 1);
        assertThat(count("catalog_runs", deleted)).isZero();
        given().when().get("/").then().statusCode(200).body(containsString("after the nul " + token));
    }

    @Test
    void deletionEmptiesEveryTableOfTheRunOnlyAndIsHarmlessWhenReplayed() {
        InMemorySink<String> confirmations = connector.sink("run-deletion-confirmations-out");
        double setsBefore = processed("sample-sets-in");
        for (String id : List.of(deleted, kept)) {
            sendRun(id, "run " + id, "l", Instant.now());
            send("sample-sets-in", set(id, "p0"));
            fillJudgeAndRecoveryRows(id);
        }
        await().atMost(Duration.ofSeconds(20))
                // The consumer counts a set once all its values are stored (they are stored in two steps), so the rows
                // are counted only after both sets are wholly scored.
                .until(() -> processed("sample-sets-in") >= setsBefore + 2
                        && rowsOf(deleted).get("score_values") > 0
                        && rowsOf(kept).get("score_values") > 0
                        && rowsOf(kept).get("catalog_runs") == 1);
        Map<String, Long> keptBefore = rowsOf(kept);
        assertThat(keptBefore.values())
                .as("every table holds rows of the kept run")
                .allMatch(n -> n > 0);
        assertThat(rowsOf(deleted).values()).allMatch(n -> n > 0);

        RunDeletionRequested deletion =
                new RunDeletionRequested(SchemaVersions.V1, deleted, Instant.now(), RunDeletionRequested.BY_USER);
        send("run-deletions-in", deletion);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> rowsOf(deleted).values().stream().allMatch(n -> n == 0));
        await().atMost(Duration.ofSeconds(10)).until(() -> confirmed(confirmations) == 1);
        assertThat(rowsOf(kept)).isEqualTo(keptBefore);

        // A late sample set and a late run record of the deleted run are dropped, not resurrected.
        double processed = processed("sample-sets-in");
        send("sample-sets-in", set(deleted, "p1"));
        sendRun(deleted, "run " + deleted, "l", Instant.now());
        await().atMost(Duration.ofSeconds(20)).until(() -> processed("sample-sets-in") > processed);
        assertThat(rowsOf(deleted).values()).allMatch(n -> n == 0);

        // A replayed deletion deletes nothing more and confirms again.
        send("run-deletions-in", deletion);
        await().atMost(Duration.ofSeconds(10)).until(() -> confirmed(confirmations) == 2);
        assertThat(rowsOf(deleted).values()).allMatch(n -> n == 0);
        assertThat(rowsOf(kept)).isEqualTo(keptBefore);
        given().when().get("/").then().statusCode(200).body(not(containsString(deleted)));
    }

    private long confirmed(InMemorySink<String> sink) {
        return sent(
                        sink,
                        RunDeletionConfirmed.class,
                        c -> c.runId().equals(deleted) && c.service().equals("scorer-service"))
                .size();
    }

    private double processed(String channel) {
        var counter = registry.find("overton.consumer.records")
                .tag("channel", channel)
                .tag("outcome", "processed")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private void sendRun(String id, String name, String label, Instant createdAt) {
        RunSpec spec = new RunSpec(
                name,
                new DatasetSpec(null, List.of("Hi?")),
                "chat",
                List.of(variant("base"), variant("chat")),
                List.of(),
                null,
                label);
        send("runs-in", new RunCreated(SchemaVersions.V1, id, createdAt, spec, List.of("p0")));
    }

    private static VariantSpec variant(String name) {
        return new VariantSpec(name, "openai", "m", null, "http://127.0.0.1:9/v1", "chat", 2, Map.of());
    }

    private static SampleSet set(String runId, String promptId) {
        return new SampleSet(
                SchemaVersions.V1,
                runId,
                promptId,
                "chat",
                true,
                SampleSet.GENERATED,
                null,
                List.of(
                        new Sample(0, "the sky is blue because of scattering", "stop"),
                        new Sample(1, "light scatters in the air so the sky looks blue", "stop")),
                Instant.now());
    }

    private void fillJudgeAndRecoveryRows(String id) {
        tables().execute(
                        "insert into scorer.recovery_reports (run_id, reference, computed_at, report, received_at)"
                                + " values (?, 'chat', now(), '{}'::jsonb, now())",
                        id);
        tables().execute(
                        "insert into scorer.judge_runs (run_id, reference, spec, prompt_ids, status, received_at)"
                                + " values (?, 'chat', '{}'::jsonb, '[]'::jsonb, 'live', now())",
                        id);
        tables().execute(
                        "insert into scorer.run_prompts (run_id, prompt_id, messages, received_at)"
                                + " values (?, 'p0', '[]'::jsonb, now())",
                        id);
        tables().execute(
                        "insert into scorer.judge_requests (request_id, run_id, prompt_id, variant, sample_index, judgement,"
                                + " prompt_version, attempt, messages, requested_at) values (? || '-r', ?, 'p0', 'chat', 0,"
                                + " 'quality', 'v1', 1, '[]'::jsonb, now())",
                        id,
                        id);
        tables().execute(
                        "insert into scorer.judge_verdicts (run_id, prompt_id, variant, sample_index, judgement, reference,"
                                + " prompt_version, attempt, status, source, judged_at) values (?, 'p0', 'chat', 0, 'quality',"
                                + " '', 'v1', 1, 'failed', 'model', now())",
                        id);
        tables().execute(
                        "insert into scorer.token_shift_runs (run_id, spec, base, received_at)"
                                + " values (?, '{}'::jsonb, '{}'::jsonb, now())",
                        id);
        tables().execute(
                        "insert into scorer.rendered_prompts (run_id, prompt_id, variant, rendered, received_at)"
                                + " values (?, 'p0', 'base-icl', 'Q: p0\\nA:', now())",
                        id);
        tables().execute(
                        "insert into scorer.token_shift_requests (request_id, run_id, prompt_id, sample_index, context,"
                                + " requested_at) values (? || '-t', ?, 'p0', 0, 'plain', now())",
                        id,
                        id);
        tables().execute(
                        "insert into scorer.token_shift_answers (run_id, prompt_id, reference, sample_index, context,"
                                + " status, error, top_k, tokens, received_at) values (?, 'p0', 'chat', 0, 'plain',"
                                + " 'failed', 'the server ignored echo', 5, '[]'::jsonb, now())",
                        id);
    }

    /** Rows of the run in every scorer table that holds rows of a run. */
    private Map<String, Long> rowsOf(String id) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : ScorerTables.RUN_TABLES) {
            rows.put(table, count(table, id));
        }
        return rows;
    }

    private long count(String table, String id) {
        return tables().count(table, id);
    }
}

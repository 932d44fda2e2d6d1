package dev.overton.icl;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemorySink;

import dev.overton.contracts.DatasetSpec;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.RecoveryReport;
import dev.overton.contracts.RunCreated;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.ScoreValue;
import dev.overton.contracts.SetScored;
import dev.overton.contracts.VariantSpec;
import dev.overton.icl.orchestration.IclOrchestrator;
import dev.overton.icl.recovery.messaging.RecoveryReporter;

/**
 * The service end to end on in-memory channels and the real PostgreSQL ({@code overton_it}): a run with two in-context
 * variants, its prompts (from the generator's requests) and its reference sets go in; generation requests with
 * rendered prompts (and failed sets for the over-budget variant) come out, once; the scorer's pair values go in and
 * the recovery verdict comes out over REST and as an event. The scheduled sweeps are off under {@code %test}; the
 * test drives them, so that another test JVM on the same database cannot take its work.
 */
@QuarkusTest
class IclServiceFlowTest extends InMemoryFlow {

    private static final List<String> QUERIES =
            List.of("How do I bake sourdough bread?", "What flour is best for bread?", "How do electric cars charge?");

    @Inject
    IclOrchestrator orchestrator;

    @Inject
    RecoveryReporter reporter;

    private final String runId = newRun("it-icl-");

    @Test
    void buildsInContextRequestsOnceThenServesTheRecoveryVerdict() {
        InMemorySink<String> requests = connector.sink("generation-requests-out");
        InMemorySink<String> failedSets = connector.sink("sample-sets-out");
        InMemorySink<String> reports = connector.sink("recoveries-out");

        VariantSpec base = new VariantSpec(
                "base",
                "openai",
                "llama-2-7b",
                null,
                "http://127.0.0.1:1/v1",
                "completions",
                2,
                Map.of("max_tokens", 200));
        VariantSpec chat = new VariantSpec("chat", "replay", "llama-2-7b-chat", "c.jsonl", null, null, 3, null);
        RunSpec spec = new RunSpec(
                "flow",
                new DatasetSpec(null, List.copyOf(QUERIES)),
                "chat",
                List.of(base, chat),
                List.of(
                        new IclVariantSpec("icl-knn", "base", "knn-prompt", 1, "none", 0, null),
                        new IclVariantSpec(
                                "icl-tight",
                                "base",
                                "fixed",
                                3,
                                "none",
                                0,
                                Map.of("context_window", 300, "max_new_tokens", 250))));
        send("runs-in", new RunCreated(SchemaVersions.V1, runId, Instant.now(), spec, List.of("0", "1", "2")));
        sendTeacherSide(
                runId,
                chat,
                QUERIES,
                i -> List.of(
                        new Sample(0, "Chat answer about " + QUERIES.get(i), "stop"),
                        new Sample(1, "Another chat answer", "stop")));

        awaitTeacherSideStored(runId, 3, Duration.ofSeconds(10));
        orchestrator.advance(runId).await().atMost(Duration.ofSeconds(30));
        assertThat(ours(requests, GenerationRequest.class, GenerationRequest::runId))
                .hasSize(3);
        assertThat(ours(failedSets, SampleSet.class, SampleSet::runId)).hasSize(3);
        List<GenerationRequest> sent = ours(requests, GenerationRequest.class, GenerationRequest::runId);
        assertThat(sent).allSatisfy(r -> {
            assertThat(r.variant().name()).isEqualTo("icl-knn");
            assertThat(r.variant().samples()).isEqualTo(2);
            assertThat(r.renderedPrompt()).startsWith("# Instructions:").endsWith("# Answer:\n```\n");
        });
        assertThat(renderedPrompt(sent, "0")).contains("Chat answer about " + QUERIES.get(1));
        assertThat(ours(failedSets, SampleSet.class, SampleSet::runId))
                .allSatisfy(s -> assertThat(s.error()).contains("over budget", "context window 300"));

        given().get("/runs/{id}/plan", runId)
                .then()
                .statusCode(200)
                .body("icl[0].requestsSent", equalTo(3))
                .body("icl[0].status", equalTo("sent"))
                .body("icl[1].failed", equalTo(3))
                .body("icl[1].droppedExamples", equalTo(6));

        // A second pass (as after a restart) finds nothing left to send.
        orchestrator.advance(runId).await().atMost(Duration.ofSeconds(10));
        assertThat(ours(requests, GenerationRequest.class, GenerationRequest::runId))
                .hasSize(3);

        // Scorer events: base vs chat 0.2 and 0.4 per prompt (mean 0.3), chat vs chat 0.6: recovery 0.5 (by hand).
        for (int i = 0; i < QUERIES.size(); i++) {
            String p = String.valueOf(i);
            send("scores-in", scored(p, "base", List.of(pair(0, 0.2), pair(1, 0.4), withinSet("jaccard_1", 0.1))));
            send("scores-in", scored(p, "chat", List.of(pair(1, 0.6))));
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().get("/runs/{id}/recovery", runId)
                        .then()
                        .statusCode(200)
                        .body("size()", equalTo(1))
                        .body("[0].variant", equalTo("base"))
                        .body("[0].measure", equalTo("pair_jaccard_1"))
                        .body("[0].n", equalTo(3))
                        .body("[0].recovers", equalTo(false)));
        float recovery =
                given().get("/runs/{id}/recovery", runId).then().extract().path("[0].recovery");
        assertThat((double) recovery).isCloseTo(0.5, within(1e-6));

        reporter.report(runId).await().atMost(Duration.ofSeconds(10));
        assertThat(ours(reports, RecoveryReport.class, RecoveryReport::runId))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.reference()).isEqualTo("chat");
                    assertThat(r.recoveries())
                            .singleElement()
                            .satisfies(e -> assertThat(e.n()).isEqualTo(3));
                });
    }

    @Test
    void unknownRunIsNotFoundWithAProblemBody() {
        given().get("/runs/{id}/recovery", "no-such-run")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("no-such-run"));
    }

    private SetScored scored(String promptId, String variant, List<ScoreValue> values) {
        return new SetScored(SchemaVersions.V1, runId, promptId, variant, values, Instant.now());
    }

    private static ScoreValue pair(int sample, double value) {
        return new ScoreValue("pair_jaccard_1", sample, "chat", value, null, "test");
    }

    private static ScoreValue withinSet(String metric, double value) {
        return new ScoreValue(metric, null, null, value, null, "test");
    }
}

package dev.overton.icl;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemorySink;

import dev.overton.contracts.Completion;
import dev.overton.contracts.CompletionRequest;
import dev.overton.contracts.DatasetSpec;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.RunCreated;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.VariantSpec;
import dev.overton.icl.hints.SummaryGauges;
import dev.overton.icl.hints.SummaryPrompt;
import dev.overton.icl.orchestration.IclOrchestrator;
import dev.overton.support.messaging.UnaskedCompletions;

/**
 * Summary hints written by a summarizer model through the generator, and nearest-neighbour selection with the default
 * (MiniLM) embedder, end to end on in-memory channels and the real PostgreSQL ({@code overton_it}). The test plays the
 * generator: it answers the service's {@code completion-requests} with {@code completions}. Sweeps are off under
 * {@code %test}; the test drives them.
 */
@QuarkusTest
class IclSummaryFlowTest extends InMemoryFlow {

    private static final List<String> QUERIES = List.of(
            "How do I bake sourdough bread?",
            "What flour is best for bread?",
            "How do electric cars charge?",
            "What's the best way to recharge a battery-powered vehicle?");

    private static final VariantSpec BASE = new VariantSpec(
            "base", "openai", "llama-2-7b", null, "http://127.0.0.1:1/v1", "completions", 2, Map.of("max_tokens", 200));

    /** The aligned model, served by a chat server: it can summarize its own answers. */
    private static final VariantSpec CHAT = new VariantSpec(
            "chat",
            "openai",
            "llama-2-7b-chat",
            null,
            "http://127.0.0.1:1/v1",
            "chat",
            3,
            Map.of("temperature", 0.5, "max_tokens", 700));

    @Inject
    IclOrchestrator orchestrator;

    @Inject
    SummaryGauges gauges;

    private final String runId = newRun("it-icl-sum-");

    @Test
    void summarizerModelWritesEachPromptsHintAndAFailedSummaryFailsThePrompt() {
        InMemorySink<String> summaryRequests = connector.sink("completion-requests-out");
        InMemorySink<String> requests = connector.sink("generation-requests-out");
        InMemorySink<String> failedSets = connector.sink("sample-sets-out");
        startRun(3, new IclVariantSpec("icl-sum", "base", "fixed", 1, "summary", 0, Map.of("summarizer", "chat")));

        orchestrator.advance(runId).await().atMost(Duration.ofSeconds(30));

        List<CompletionRequest> asked = ours(summaryRequests, CompletionRequest.class, CompletionRequest::runId);
        assertThat(asked).hasSize(3).allSatisfy(r -> {
            String promptId = r.attributes().get("promptId");
            assertThat(r.purpose()).isEqualTo("summary");
            assertThat(r.requestId())
                    .startsWith("summary/summarize-v1/" + runId + "/llama-2-7b-chat@")
                    .endsWith("/" + promptId);
            assertThat(r.model().model()).isEqualTo("llama-2-7b-chat");
            assertThat(r.model().endpoint()).isEqualTo(CHAT.endpoint());
            assertThat(r.model().params()).containsEntry("temperature", 0.5);
            assertThat(r.rawPrompt()).isNull();
            assertThat(r.messages()).singleElement().satisfies(m -> {
                assertThat(m.role()).isEqualTo("user");
                assertThat(m.content())
                        .isEqualTo(SummaryPrompt.render(QUERIES.get(Integer.parseInt(promptId)), answer(promptId)))
                        .contains(answer(promptId), "two or three sentences");
            });
        });
        assertThat(ours(requests, GenerationRequest.class, GenerationRequest::runId))
                .as("nothing is built before the summaries are in")
                .isEmpty();

        // A second pass (as after a restart) asks nothing again.
        orchestrator.advance(runId).await().atMost(Duration.ofSeconds(10));
        assertThat(ours(summaryRequests, CompletionRequest.class, CompletionRequest::runId))
                .hasSize(3);
        given().get("/runs/{id}/plan", runId)
                .then()
                .statusCode(200)
                .body("summaries.requested", equalTo(3))
                .body("summaries.completed", equalTo(0))
                .body("icl[0].summaryHint", startsWith("model:llama-2-7b-chat@"))
                .body("icl[0].status", equalTo("waiting"));

        Map<String, CompletionRequest> byPrompt = byPrompt(asked);
        Completion zero = completed(byPrompt.get("0"), "A lively starter and a hot oven make sourdough. Be patient.");
        send("completions-in", zero);
        send("completions-in", completed(byPrompt.get("1"), "Strong bread flour with high protein works best."));
        send("completions-in", failed(byPrompt.get("2"), "HTTP 500 from http://127.0.0.1:1/v1/chat/completions"));
        awaitSummaries(2, 1);

        orchestrator.advance(runId).await().atMost(Duration.ofSeconds(30));

        List<GenerationRequest> sent = ours(requests, GenerationRequest.class, GenerationRequest::runId);
        assertThat(sent).extracting(r -> r.prompt().id()).containsExactlyInAnyOrder("0", "1");
        assertThat(renderedPrompt(sent, "0"))
                .endsWith("# Query:\n```\n" + QUERIES.get(0) + "\n```\n\n# Summary:\n```\n"
                        + "A lively starter and a hot oven make sourdough. Be patient.\n```\n\n# Answer:\n```\n");
        assertThat(ours(failedSets, SampleSet.class, SampleSet::runId))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.promptId()).isEqualTo("2");
                    assertThat(s.variant()).isEqualTo("icl-sum");
                    assertThat(s.error())
                            .startsWith("in-context prompt not built: summary hint failed: summarizer llama-2-7b-chat@")
                            .contains("HTTP 500");
                });

        // The generator redelivers a completion: nothing is stored or sent twice.
        send("completions-in", zero);
        send("completions-in", zero);
        orchestrator.advance(runId).await().atMost(Duration.ofSeconds(10));
        assertThat(ours(requests, GenerationRequest.class, GenerationRequest::runId))
                .hasSize(2);
        assertThat(ours(failedSets, SampleSet.class, SampleSet::runId)).hasSize(1);

        given().get("/runs/{id}/plan", runId)
                .then()
                .statusCode(200)
                .body("summaries.requested", equalTo(3))
                .body("summaries.completed", equalTo(2))
                .body("summaries.failed", equalTo(1))
                .body("icl[0].summaries.completed", equalTo(2))
                .body("icl[0].requestsSent", equalTo(2))
                .body("icl[0].failed", equalTo(1))
                .body("icl[0].status", equalTo("sent"));
        given().get("/runs/{id}/summaries", runId)
                .then()
                .statusCode(200)
                .body("hints.size()", equalTo(3))
                .body("hints[0].promptId", equalTo("0"))
                .body("hints[0].source", startsWith("model:llama-2-7b-chat@"))
                .body("hints[0].summary", equalTo("A lively starter and a hot oven make sourdough. Be patient."))
                .body("hints[2].status", equalTo("failed"))
                .body("requested[2].status", equalTo("failed"))
                .body("requested[2].error", startsWith("HTTP 500"));

        gauges.refresh().await().atMost(Duration.ofSeconds(10));
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("overton_icl_summaries{run=\"" + runId + "\",state=\"requested\"} 3.0")
                .contains("overton_icl_summaries{run=\"" + runId + "\",state=\"completed\"} 2.0")
                .contains("overton_icl_summaries{run=\"" + runId + "\",state=\"failed\"} 1.0");
    }

    @Test
    void teacherPoolWaitsForEverySummaryAndLeavesOutExamplesWithoutOne() {
        InMemorySink<String> summaryRequests = connector.sink("completion-requests-out");
        InMemorySink<String> requests = connector.sink("generation-requests-out");
        InMemorySink<String> failedSets = connector.sink("sample-sets-out");
        startRun(
                3,
                new IclVariantSpec(
                        "icl-sum-knn",
                        "base",
                        "knn-prompt",
                        1,
                        "summary",
                        0,
                        Map.of(
                                "summarizer",
                                Map.of(
                                        "backend",
                                        "openai",
                                        "endpoint",
                                        "http://127.0.0.1:2/v1",
                                        "model",
                                        "gpt-4o-mini"))));

        orchestrator.advance(runId).await().atMost(Duration.ofSeconds(30));
        Map<String, CompletionRequest> asked =
                byPrompt(ours(summaryRequests, CompletionRequest.class, CompletionRequest::runId));
        assertThat(asked).hasSize(3);
        assertThat(asked.get("0").model().params())
                .containsEntry("temperature", 0)
                .containsEntry("max_tokens", 256);

        send("completions-in", completed(asked.get("0"), "Sourdough needs a starter."));
        // Another service's completion on the same topic is not ours.
        send("completions-in", UnaskedCompletions.completed("judge/x/" + runId, runId, "judge:quality", "{}", "judge"));
        awaitSummaries(1, 0);
        orchestrator.advance(runId).await().atMost(Duration.ofSeconds(30));
        assertThat(ours(requests, GenerationRequest.class, GenerationRequest::runId))
                .as("examples show other prompts' summaries: every summary must be in first")
                .isEmpty();

        send("completions-in", completed(asked.get("1"), "   "));
        send("completions-in", completed(asked.get("2"), "Electric cars charge from a wall box or a fast charger."));
        awaitSummaries(2, 1);
        orchestrator.advance(runId).await().atMost(Duration.ofSeconds(30));

        List<GenerationRequest> sent = ours(requests, GenerationRequest.class, GenerationRequest::runId);
        assertThat(sent).extracting(r -> r.prompt().id()).containsExactlyInAnyOrder("0", "2");
        // Prompt 1 (bread flour) is prompt 0's nearest, but has no summary: it is left out of the pool.
        assertThat(renderedPrompt(sent, "0"))
                .contains("Electric cars charge from a wall box or a fast charger.", answer("2"))
                .doesNotContain(answer("1"));
        assertThat(ours(failedSets, SampleSet.class, SampleSet::runId))
                .singleElement()
                .satisfies(s -> assertThat(s.error()).contains("summary hint failed", "empty summary"));
    }

    @Test
    void nearestNeighbourSelectionUsesMiniLmAndNeverTheQueryItself() throws SQLException {
        InMemorySink<String> requests = connector.sink("generation-requests-out");
        startRun(
                4,
                new IclVariantSpec("icl-kp", "base", "knn-prompt", 2, "none", 0, null),
                new IclVariantSpec("icl-kr", "base", "knn-response", 2, "none", 0, null));

        orchestrator.advance(runId).await().atMost(Duration.ofSeconds(60));

        List<GenerationRequest> sent = ours(requests, GenerationRequest.class, GenerationRequest::runId);
        assertThat(sent).hasSize(8).allSatisfy(r -> {
            String id = r.prompt().id();
            String query = QUERIES.get(Integer.parseInt(id));
            assertThat(r.renderedPrompt()).doesNotContain(answer(id));
            assertThat(r.renderedPrompt().split(java.util.regex.Pattern.quote(query), -1))
                    .as("the query appears once, as the test query")
                    .hasSize(2);
        });
        // Prompt 3 paraphrases prompt 2 without a shared content word: MiniLM ranks prompt 2 first.
        assertThat(examples("icl-kp", "3")).startsWith("[\"2\"");
        given().get("/runs/{id}/plan", runId)
                .then()
                .statusCode(200)
                .body("icl[0].embedder", equalTo("minilm(all-minilm-l6-v2-q)"))
                .body("icl[0].selection[0]", startsWith("knn-prompt(minilm(embedding(model=all-minilm-l6-v2-q"))
                .body("icl[1].selection[0]", startsWith("knn-response(minilm(embedding(model=all-minilm-l6-v2-q"));
    }

    private void startRun(int prompts, IclVariantSpec... icl) {
        List<String> queries = QUERIES.subList(0, prompts);
        RunSpec spec = new RunSpec(
                "summary flow", new DatasetSpec(null, List.copyOf(queries)), "chat", List.of(BASE, CHAT), List.of(icl));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < prompts; i++) {
            ids.add(String.valueOf(i));
        }
        send("runs-in", new RunCreated(SchemaVersions.V1, runId, Instant.now(), spec, ids));
        sendTeacherSide(
                runId,
                CHAT,
                queries,
                i -> List.of(
                        new Sample(0, answer(String.valueOf(i)), "stop"), new Sample(1, "Another answer.", "stop")));
        awaitTeacherSideStored(runId, prompts, Duration.ofSeconds(10));
    }

    /** The reference's sample 0 for a prompt. */
    private static String answer(String promptId) {
        return "Teacher answer " + promptId + " about "
                + QUERIES.get(Integer.parseInt(promptId)).toLowerCase();
    }

    private void awaitSummaries(int completed, int failed) {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().get("/runs/{id}/plan", runId)
                        .then()
                        .body("summaries.completed", equalTo(completed))
                        .body("summaries.failed", equalTo(failed)));
    }

    private static Completion completed(CompletionRequest r, String text) {
        return r.answer(Completion.COMPLETED, text, null, "stop", 300, 40, 120L, Instant.now());
    }

    private static Completion failed(CompletionRequest r, String error) {
        return r.failed(error, Instant.now());
    }

    private static Map<String, CompletionRequest> byPrompt(List<CompletionRequest> requests) {
        Map<String, CompletionRequest> m = new HashMap<>();
        requests.forEach(r -> m.put(r.attributes().get("promptId"), r));
        return m;
    }

    private String examples(String variant, String promptId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "select examples from icl.icl_requests where run_id = ? and variant = ? and prompt_id = ?")) {
            st.setString(1, runId);
            st.setString(2, variant);
            st.setString(3, promptId);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}

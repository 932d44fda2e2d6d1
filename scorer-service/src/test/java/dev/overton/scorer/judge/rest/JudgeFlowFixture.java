package dev.overton.scorer.judge.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;

import io.micrometer.core.instrument.Counter;
import io.smallrye.reactive.messaging.memory.InMemorySink;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.CompletionRequest;
import dev.overton.contracts.DatasetSpec;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.JudgeSpec;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.RunCreated;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.scorer.InMemoryFlow;
import dev.overton.support.messaging.UnaskedCompletions;

/**
 * The part of {@link JudgeFlowTest} that plays the generator for one run: it builds and sends the run, generation
 * requests, sample sets and completions, finds the judge requests the scorer sent on {@code completion-requests}, and
 * waits for and reads back what the scorer stored. The test class keeps the scenarios and their assertions.
 */
abstract class JudgeFlowFixture extends InMemoryFlow {

    final String runId = newRun("it-judge-");
    InMemorySink<String> requests;

    @BeforeEach
    void clearSink() {
        requests = clearedSink("completion-requests-out");
    }

    // ---- playing the other services ------------------------------------------------------------------------------

    String runCreated(JudgeSpec judge, String... prompts) {
        RunSpec spec = new RunSpec(
                "judge flow",
                new DatasetSpec(null, List.<Object>of("q")),
                "chat",
                List.of(
                        new VariantSpec("base", "replay", "b", "x", null, null, 3, Map.of()),
                        new VariantSpec("chat", "replay", "c", "y", null, null, 3, Map.of())),
                List.of(),
                judge);
        return EventJson.write(new RunCreated(SchemaVersions.V1, runId, Instant.now(), spec, List.of(prompts)));
    }

    String generationRequest(String promptId, String question) {
        return EventJson.write(new GenerationRequest(
                SchemaVersions.V1,
                runId,
                new Prompt(promptId, Integer.parseInt(promptId), List.of(new ChatMessage("user", question))),
                new VariantSpec("base", "replay", "b", "x", null, null, 3, Map.of()),
                false,
                Instant.now()));
    }

    String sampleSet(String promptId, String variant, boolean reference, int n) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            samples.add(new Sample(i, variant + " answer " + i + " to " + promptId + ": rest and fluids.", "stop"));
        }
        return EventJson.write(new SampleSet(
                SchemaVersions.V1,
                runId,
                promptId,
                variant,
                reference,
                SampleSet.GENERATED,
                null,
                samples,
                Instant.now()));
    }

    String completion(CompletionRequest request, String status, String text, String error) {
        return EventJson.write(request.answer(status, text, error, "stop", 100, 20, 5L, Instant.now()));
    }

    /** A completed completion of this run for {@code purpose}, answering a request the scorer may never have sent. */
    String completed(String requestId, String purpose, String text) {
        return EventJson.write(UnaskedCompletions.completed(requestId, runId, purpose, text, "m"));
    }

    CompletionRequest request(String id) {
        return requests.received().stream()
                .map(m -> read(m.getPayload(), CompletionRequest.class))
                .filter(r -> r.requestId().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no request " + id));
    }

    // ---- reading the results ---------------------------------------------------------------------------------------

    void awaitRequests(int n) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(requests.received()).hasSize(n));
    }

    void awaitRows(String table, int n) {
        await().atMost(Duration.ofSeconds(20)).until(() -> rows(table) == n);
    }

    void awaitVerdicts(int n) {
        awaitRows("judge_verdicts", n);
    }

    long rows(String table) {
        return tables().count(table, runId);
    }

    List<JsonNode> values() {
        return JudgeResults.values(runId).stream()
                .filter(v -> v.get("metric").asText().startsWith("judge_"))
                .toList();
    }

    double counter(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    static <T extends dev.overton.contracts.Event> T read(String json, Class<T> type) {
        return EventJson.read(json, type);
    }
}

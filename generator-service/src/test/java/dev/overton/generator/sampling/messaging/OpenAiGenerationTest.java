package dev.overton.generator.sampling.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemorySink;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.sampling.openai.FakeOpenAiServer;
import dev.overton.generator.sampling.openai.FakeOpenAiServer.Choice;
import dev.overton.generator.sampling.openai.FakeOpenAiServer.Reply;
import dev.overton.generator.testing.InMemoryFlow;
import dev.overton.generator.testing.PublishedSets;

/**
 * A generation request for an openai variant, through the consumer (in-memory channels) into the real PostgreSQL
 * ({@code overton_it}) and out as a sample-set event; the model server is the local fake. Shows that the usage
 * columns are written, and that a server's refusal is stored and published as a failed set.
 */
@QuarkusTest
class OpenAiGenerationTest extends InMemoryFlow {

    private String runId;
    private FakeOpenAiServer server;

    @BeforeEach
    void insertRun() {
        runId = storedRun("it-openai-", "openai-test", 1);
    }

    @AfterEach
    void cleanUp() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void generatedSetIsStoredWithUsageAndPublished() {
        // Sample 0 (seed 1) ends normally; sample 1 (seed 2) runs into max_tokens.
        server = FakeOpenAiServer.start(r -> {
            boolean first = r.body().get("seed").asInt() == 1;
            Choice choice = first ? new Choice("Rest.", "stop") : new Choice("Cut off by the lim", "length");
            return Reply.of(200, FakeOpenAiServer.chatBody(List.of(choice), 11, first ? 3 : 20));
        });
        InMemorySink<String> sink = connector.sink("sample-sets-out");
        sink.clear();

        connector
                .source(GenerationRequestConsumer.CHANNEL)
                .send(request("p0", Map.of("n_supported", false, "seed", 1, "max_tokens", 20)));

        SampleSet set = PublishedSets.await(sink, runId, "p0");
        assertThat(set.status()).as(set.error()).isEqualTo(SampleSet.GENERATED);
        assertThat(set.samples()).extracting(s -> s.text()).containsExactly("Rest.", "Cut off by the lim");
        List<List<Object>> rows = sql().query(
                        "select sample_index, prompt_tokens, completion_tokens, latency_ms is not null, truncated"
                                + " from generator.samples where run_id = ? order by sample_index",
                        runId);
        assertThat(rows).containsExactly(List.of(0, 11, 3, true, false), List.of(1, 11, 20, true, true));
    }

    @Test
    void refusedRequestIsStoredAndPublishedAsAFailedSet() {
        server = FakeOpenAiServer.start(r ->
                Reply.of(400, FakeOpenAiServer.vllmError("This model's maximum context length is 4096 tokens.", 400)));
        InMemorySink<String> sink = connector.sink("sample-sets-out");
        sink.clear();

        connector.source(GenerationRequestConsumer.CHANNEL).send(request("p1", Map.of()));

        SampleSet set = PublishedSets.await(sink, runId, "p1");
        assertThat(set.status()).isEqualTo(SampleSet.FAILED);
        assertThat(set.error()).contains("HTTP 400", "maximum context length");
        assertThat(sql().query("select status, error from generator.sample_sets where run_id = ?", runId))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.get(0)).isEqualTo("failed");
                    assertThat((String) row.get(1)).contains("maximum context length");
                });
    }

    private String request(String promptId, Map<String, Object> params) {
        return EventJson.write(new GenerationRequest(
                SchemaVersions.V1,
                runId,
                new Prompt(promptId, 0, List.of(new ChatMessage("user", "What should I take for a cold?"))),
                new VariantSpec("v", "openai", "test-model", null, server.baseUrl(), "chat", 2, params),
                true,
                Instant.now()));
    }
}

package dev.overton.generator.sampling.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.memory.InMemorySink;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.config.GeneratorConfig;
import dev.overton.generator.sampling.GenerationMeters;
import dev.overton.generator.sampling.openai.FakeOpenAiServer;
import dev.overton.generator.sampling.openai.FakeOpenAiServer.Received;
import dev.overton.generator.sampling.openai.FakeOpenAiServer.Reply;
import dev.overton.generator.testing.FastRetries;
import dev.overton.generator.testing.InMemoryFlow;

/**
 * Several generation requests in flight per instance ({@code overton.generator.max-concurrent-requests}, 4 here): a
 * slow endpoint holds up only the slots its requests take, requests for another endpoint go on beside them, and no
 * more than the limit run at once.
 */
@QuarkusTest
@TestProfile(FastRetries.class)
class ConcurrentGenerationTest extends InMemoryFlow {

    @Inject
    GeneratorConfig config;

    private String runId;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();
    private FakeOpenAiServer slow;
    private FakeOpenAiServer other;
    private InMemorySink<String> sink;

    @BeforeEach
    void insertRun() {
        runId = storedRun("it-concurrent-", "concurrency-test", 8);
        sink = connector.sink("sample-sets-out");
    }

    @AfterEach
    void cleanUp() {
        for (FakeOpenAiServer s : new FakeOpenAiServer[] {slow, other}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void slowEndpointDoesNotHoldUpRequestsForAnotherEndpoint() {
        slow = FakeOpenAiServer.start(r -> FakeOpenAiServer.echo(r).after(Duration.ofSeconds(3)));
        other = FakeOpenAiServer.healthy();

        for (int i = 0; i < 3; i++) {
            send("slow-" + i, "slow", slow);
        }
        for (int i = 0; i < 3; i++) {
            send("fast-" + i, "fast", other);
        }

        await().atMost(Duration.ofSeconds(2))
                .until(() ->
                        sets().stream().filter(s -> s.variant().equals("fast")).count() == 3);
        assertThat(sets())
                .as("the slow server has not answered yet")
                .noneMatch(s -> s.variant().equals("slow"));
        assertThat(slow.received()).as("its requests are all in flight").hasSize(3);
        assertThat(registry.get(GenerationMeters.CALLS_IN_FLIGHT)
                        .tag("endpoint", slow.baseUrl())
                        .gauge()
                        .value())
                .isEqualTo(3.0);

        await().atMost(Duration.ofSeconds(20)).until(() -> sets().size() == 6);
        assertThat(sets()).allSatisfy(s -> assertThat(s.status()).isEqualTo(SampleSet.GENERATED));
        assertThat(registry.get(GenerationMeters.TOKENS_PER_SECOND)
                        .tag("variant", "fast")
                        .summary()
                        .count())
                .isGreaterThanOrEqualTo(3);
        assertThat(registry.get(GenerationMeters.COMPLETION_TOKENS)
                        .tag("variant", "fast")
                        .counter()
                        .count())
                .as("5 tokens per choice, 2 choices, 3 calls")
                .isGreaterThanOrEqualTo(30.0);
        // Prometheus exports them under these names.
        given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(
                        containsString("overton_generation_calls_in_flight{"),
                        containsString("overton_generation_calls_waiting{"),
                        containsString("overton_generation_tokens_per_second_count{"),
                        containsString("overton_generation_completion_tokens_total{"),
                        containsString("overton_generation_consumer_in_flight{channel=\"generation-requests-in\""));
    }

    @Test
    void noMoreThanTheLimitOfRequestsIsInFlightAtOnce() {
        // Two endpoints, each allowing 4 calls: the cap on calls running together comes from the consumer's limit.
        Function<Received, Reply> counted = r -> {
            int now = running.incrementAndGet();
            mostRunning.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return FakeOpenAiServer.echo(r);
        };
        slow = FakeOpenAiServer.start(counted);
        other = FakeOpenAiServer.start(counted);

        for (int i = 0; i < 4; i++) {
            send("a-" + i, "a", slow);
            send("b-" + i, "b", other);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> sets().size() == 8);
        int limit = config.generator().maxConcurrentRequests();
        assertThat(limit).isEqualTo(4);
        assertThat(mostRunning.get()).isEqualTo(limit);
        assertThat(sets()).allSatisfy(s -> assertThat(s.status()).isEqualTo(SampleSet.GENERATED));
    }

    private void send(String promptId, String variant, FakeOpenAiServer server) {
        connector
                .source(GenerationRequestConsumer.CHANNEL)
                .send(EventJson.write(new GenerationRequest(
                        SchemaVersions.V1,
                        runId,
                        new Prompt(promptId, 0, List.of(new ChatMessage("user", "Why is the sky blue?"))),
                        new VariantSpec(variant, "openai", "test-model", null, server.baseUrl(), "chat", 2, Map.of()),
                        false,
                        Instant.now())));
    }

    private List<SampleSet> sets() {
        return sink.received().stream()
                .map(m -> EventJson.read(m.getPayload(), SampleSet.class))
                .filter(s -> s.runId().equals(runId))
                .toList();
    }
}

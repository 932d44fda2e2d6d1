package dev.overton.generator.sampling.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.Sample;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.VariantSpec;
import dev.overton.generator.sampling.GenerationMeters;
import dev.overton.generator.sampling.PromptFrames;
import dev.overton.generator.sampling.SampleUsage;
import dev.overton.generator.sampling.SampledSet;
import dev.overton.generator.sampling.openai.FakeOpenAiServer.Choice;
import dev.overton.generator.sampling.openai.FakeOpenAiServer.Received;
import dev.overton.generator.sampling.openai.FakeOpenAiServer.Reply;

/**
 * The openai backend against a local HTTP server speaking the OpenAI wire format: what it sends, what it makes of the
 * answers, and how it behaves when the server misbehaves. The waits between retries are SmallRye Fault Tolerance's
 * own, in real time; the backend tells the test each wait it chose, and tests that open a circuit breaker use a short
 * cool-down.
 */
class OpenAiBackendTest {

    private static final String QUERY = "What medicine should I take when I get a cold?";
    private static final String SECRET = "sk-test-0123456789abcdef";

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-06-01T12:00:00Z"));
    private final InstantSource clock = now::get;
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> cancelledRuns = ConcurrentHashMap.newKeySet();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private FakeOpenAiServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private OpenAiBackend backend(OpenAiSettings settings) {
        return new OpenAiBackend(
                settings,
                registry,
                new OpenAiSurroundings(cancelledRuns::contains, environment::get, clock, sleeps::add, new Random(42)));
    }

    private OpenAiBackend backend() {
        return backend(OpenAiSettings.defaults());
    }

    private static OpenAiSettings settings(int maxAttempts, int failureThreshold, int maxConcurrency) {
        return settings(maxAttempts, Duration.ofSeconds(1), failureThreshold, Duration.ofSeconds(30), maxConcurrency);
    }

    private static OpenAiSettings settings(
            int maxAttempts, Duration baseDelay, int failureThreshold, Duration coolDown, int maxConcurrency) {
        OpenAiSettings d = OpenAiSettings.defaults();
        return new OpenAiSettings(
                d.connectTimeout(),
                d.requestTimeout(),
                maxConcurrency,
                d.apiKeyEnv(),
                new RetryPolicy(maxAttempts, baseDelay, Duration.ofSeconds(30)),
                failureThreshold,
                coolDown,
                List.of());
    }

    private GenerationRequest request(String api, int samples, Map<String, Object> params) {
        return new GenerationRequest(
                SchemaVersions.V1,
                "run-1",
                new Prompt("0", 0, List.of(new ChatMessage("user", QUERY))),
                new VariantSpec("v", "openai", "test-model", null, server.baseUrl(), api, samples, params),
                false,
                Instant.now());
    }

    private static Map<String, Object> params(Object... keysAndValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            params.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return params;
    }

    @Test
    void chatVariantSendsModelMessagesNAndEveryParam() {
        server = FakeOpenAiServer.healthy();

        SampledSet set = backend()
                .sample(request(
                        "chat",
                        3,
                        params(
                                "temperature",
                                0.5,
                                "top_p",
                                0.9,
                                "max_tokens",
                                700,
                                "repetition_penalty",
                                1.1,
                                "seed",
                                7,
                                "stop",
                                List.of("</s>"))));

        assertThat(set.failed()).as(set.error()).isFalse();
        assertThat(set.samples())
                .containsExactly(
                        new Sample(0, "answer 0", "stop"),
                        new Sample(1, "answer 1", "stop"),
                        new Sample(2, "answer 2", "stop"));
        assertThat(server.received()).hasSize(1);
        Received sent = server.received().get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = sent.body();
        assertThat(body.get("model").asText()).isEqualTo("test-model");
        assertThat(body.get("messages").toString()).isEqualTo("[{\"role\":\"user\",\"content\":\"" + QUERY + "\"}]");
        assertThat(body.get("n").asInt()).isEqualTo(3);
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.5);
        assertThat(body.get("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.get("max_tokens").asInt()).isEqualTo(700);
        assertThat(body.get("repetition_penalty").asDouble()).isEqualTo(1.1);
        assertThat(body.get("seed").asInt()).isEqualTo(7);
        assertThat(body.get("stop").toString()).isEqualTo("[\"</s>\"]");
        assertThat(body.has("prompt")).isFalse();
    }

    @Test
    void completionsVariantSendsTheZeroShotFrameWithTheClosingFenceAsStop() {
        // A server that ignores stop strings: the model runs on into a new "# Query:" section.
        server = FakeOpenAiServer.start(r -> Reply.of(
                200,
                FakeOpenAiServer.completionBody(
                        List.of(new Choice("Rest and fluids.\n```\n\n# Query:\n```\nNext?", "length")), 20, 30)));

        SampledSet set = backend().sample(request("completions", 1, params("temperature", 0.5, "max_tokens", 30)));

        Received sent = server.received().get(0);
        assertThat(sent.path()).isEqualTo("/v1/completions");
        assertThat(sent.body().get("prompt").asText())
                .isEqualTo("# Query:\n```\n" + QUERY + "\n```\n\n# Answer:\n```\n")
                .isEqualTo(PromptFrames.zeroShot(QUERY));
        assertThat(sent.body().get("stop").toString()).isEqualTo("[\"```\"]");
        assertThat(sent.body().has("messages")).isFalse();
        assertThat(sent.body().has("n")).as("n is not sent for a single sample").isFalse();
        // The fence and what follows it are gone; the sample did end, so it is not flagged as cut by the limit.
        assertThat(set.samples()).containsExactly(new Sample(0, "Rest and fluids.\n", "stop"));
    }

    @Test
    void templateReplacesTheFrameAndAddsNoFenceStop() {
        server = FakeOpenAiServer.healthy();

        backend().sample(request("completions", 1, params("template", "Question: {query}\nAnswer:")));

        JsonNode body = server.received().get(0).body();
        assertThat(body.get("prompt").asText()).isEqualTo("Question: " + QUERY + "\nAnswer:");
        assertThat(body.has("stop")).isFalse();
        assertThat(body.has("template"))
                .as("Overton's own switches are not sent")
                .isFalse();
    }

    @Test
    void explicitStopIsKeptAndRemovedFromTheText() {
        server = FakeOpenAiServer.start(r -> Reply.of(
                200, FakeOpenAiServer.chatBody(List.of(new Choice("Drink tea.### and more", "length")), 9, 9)));

        SampledSet set = backend().sample(request("chat", 1, params("stop", "###")));

        assertThat(server.received().get(0).body().get("stop").asText()).isEqualTo("###");
        assertThat(set.samples()).containsExactly(new Sample(0, "Drink tea.", "stop"));
    }

    @Test
    void samplesCutByTheTokenLimitKeepFinishReasonLengthAndAreCounted() {
        server = FakeOpenAiServer.start(r -> Reply.of(
                200,
                FakeOpenAiServer.chatBody(
                        List.of(new Choice("A long answer that never", "length"), new Choice("Short.", "stop")),
                        15,
                        40)));

        SampledSet set = backend().sample(request("chat", 2, params("max_tokens", 20)));

        assertThat(set.samples())
                .containsExactly(new Sample(0, "A long answer that never", "length"), new Sample(1, "Short.", "stop"));
        assertThat(registry.get("overton.generation.samples.truncated")
                        .tag("backend", "openai")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void tokenCountsAndLatencyAreRecordedPerSampleAndInMetrics() {
        server = FakeOpenAiServer.healthy();
        OpenAiBackend backend = backend();

        SampledSet one = backend.sample(request("chat", 1, params()));
        SampledSet two = backend.sample(request("chat", 2, params()));

        // The healthy server reports 12 prompt tokens and 5 completion tokens per choice.
        SampleUsage single = one.usageOf(0);
        assertThat(single.promptTokens()).isEqualTo(12);
        assertThat(single.completionTokens()).isEqualTo(5);
        assertThat(single.latencyMs()).isNotNull().isGreaterThanOrEqualTo(0L);
        // With n=2 the server reports only the total of both choices, which is not split.
        assertThat(two.usage()).extracting(SampleUsage::completionTokens).containsExactly(null, null);
        assertThat(two.usage()).extracting(SampleUsage::promptTokens).containsExactly(12, 12);
        assertThat(registry.get("overton.generation.tokens")
                        .tag("kind", "prompt")
                        .counter()
                        .count())
                .isEqualTo(24.0);
        assertThat(registry.get("overton.generation.tokens")
                        .tag("kind", "completion")
                        .counter()
                        .count())
                .isEqualTo(15.0);
        assertThat(registry.get("overton.generation.request.latency")
                        .tag("backend", "openai")
                        .tag("outcome", "ok")
                        .timer()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void callsAreMeteredPerEndpointAndVariant() {
        server = FakeOpenAiServer.healthy();

        backend().sample(request("chat", 3, Map.of()));

        // The fake reports 5 completion tokens per choice: one call with n = 3 drew 15.
        assertThat(registry.get(GenerationMeters.COMPLETION_TOKENS)
                        .tag("backend", "openai")
                        .tag("variant", "v")
                        .counter()
                        .count())
                .isEqualTo(15.0);
        assertThat(registry.get(GenerationMeters.TOKENS_PER_SECOND)
                        .tag("variant", "v")
                        .summary()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(GenerationMeters.TOKENS_PER_SECOND)
                        .tag("variant", "v")
                        .summary()
                        .max())
                .isPositive();
        assertThat(registry.get(GenerationMeters.CALLS_IN_FLIGHT)
                        .tag("endpoint", server.baseUrl())
                        .gauge()
                        .value())
                .as("nothing in flight once the call returned")
                .isZero();
        assertThat(registry.get(GenerationMeters.CALLS_WAITING)
                        .tag("endpoint", server.baseUrl())
                        .gauge()
                        .value())
                .isZero();
    }

    @Test
    void withoutNSupportEachSampleIsItsOwnRequestWithItsOwnSeed() {
        server = FakeOpenAiServer.start(r -> Reply.of(
                200,
                FakeOpenAiServer.body(
                        r, List.of(new Choice("seed " + r.body().get("seed").asInt(), "stop")), 12, 5)));

        SampledSet set = backend().sample(request("completions", 4, params("n_supported", false, "seed", 10)));

        assertThat(server.received()).hasSize(4);
        assertThat(server.received()).allSatisfy(r -> {
            assertThat(r.body().has("n")).isFalse();
            assertThat(r.body().has("n_supported")).isFalse();
        });
        assertThat(server.received())
                .extracting(r -> r.body().get("seed").asInt())
                .containsExactlyInAnyOrder(10, 11, 12, 13);
        assertThat(set.samples()).extracting(Sample::text).containsExactly("seed 10", "seed 11", "seed 12", "seed 13");
        assertThat(set.samples()).extracting(Sample::index).containsExactly(0, 1, 2, 3);
        assertThat(set.usage()).extracting(SampleUsage::completionTokens).containsOnly(5);
    }

    @Test
    void separateRequestsStayWithinTheEndpointsConcurrencyLimit() {
        server = FakeOpenAiServer.start(r -> FakeOpenAiServer.echo(r).after(Duration.ofMillis(150)));

        SampledSet set = backend(settings(4, 5, 2)).sample(request("chat", 6, params("n_supported", false)));

        assertThat(set.samples()).hasSize(6);
        assertThat(server.received()).hasSize(6);
        assertThat(server.maxInFlight()).isEqualTo(2);
    }

    @Test
    void serverThatIgnoresNGetsTheMissingSamplesAsSeparateRequests() {
        server = FakeOpenAiServer.start(r ->
                Reply.of(200, FakeOpenAiServer.body(r, List.of(new Choice("only one", "stop")), 12, 5)));

        SampledSet set = backend().sample(request("chat", 3, params()));

        assertThat(set.samples()).hasSize(3).extracting(Sample::index).containsExactly(0, 1, 2);
        assertThat(server.received())
                .extracting(r -> r.body().path("n").asInt(1))
                .containsExactly(3, 1, 1);
    }

    @Test
    void rateLimitedRequestWaitsForRetryAfterThenSucceeds() {
        server = FakeOpenAiServer.start(FakeOpenAiServer.sequence(
                Reply.of(429, FakeOpenAiServer.openAiError("Rate limit reached", "requests"))
                        .withHeader("Retry-After", "2"),
                Reply.of(
                        200,
                        FakeOpenAiServer.chatBody(List.of(new Choice("a", "stop"), new Choice("b", "stop")), 1, 2))));

        SampledSet set = backend().sample(request("chat", 2, params()));

        assertThat(set.failed()).as(set.error()).isFalse();
        assertThat(set.samples()).extracting(Sample::text).containsExactly("a", "b");
        assertThat(server.received()).hasSize(2);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void retryAfterLongerThanTheMaxDelayFailsAtOnceWithTheReason() {
        server = FakeOpenAiServer.start(r -> Reply.of(429, FakeOpenAiServer.openAiError("quota", "insufficient_quota"))
                .withHeader("Retry-After", "3600"));

        SampledSet set = backend().sample(request("chat", 1, params()));

        assertThat(set.error()).contains("HTTP 429", "quota", "3600 s", "max-delay");
        assertThat(server.received()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void serverErrorsUntilAttemptsRunOutMakeAFailedSetWithStatusAndMessage() {
        server = FakeOpenAiServer.start(
                r -> Reply.of(500, FakeOpenAiServer.openAiError("CUDA out of memory", "server_error")));

        SampledSet set = backend().sample(request("chat", 5, params()));

        assertThat(set.failed()).isTrue();
        assertThat(set.samples()).isEmpty();
        assertThat(set.error())
                .contains("HTTP 500", server.baseUrl() + "/chat/completions", "CUDA out of memory", "after 4 attempts");
        assertThat(server.received()).hasSize(4);
        // Equal jitter: the k-th wait lies in [d/2, d] with d = 1 s * 2^(k-1).
        assertThat(sleeps).hasSize(3);
        for (int k = 0; k < 3; k++) {
            long d = 1000L << k;
            assertThat(sleeps.get(k).toMillis()).isBetween(d / 2, d);
        }
    }

    @Test
    void badRequestIsNotRetriedAndKeepsTheServersMessage() {
        server = FakeOpenAiServer.start(r -> Reply.of(
                400,
                FakeOpenAiServer.vllmError(
                        "This model's maximum context length is 4096 tokens. However, you requested 5120 tokens.",
                        400)));

        SampledSet set = backend().sample(request("completions", 5, params("max_tokens", 1024)));

        assertThat(set.failed()).isTrue();
        assertThat(set.error()).startsWith("HTTP 400 from ").contains("maximum context length is 4096 tokens");
        assertThat(server.received()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void oneRefusedSampleOfSeparateRequestsFailsTheWholeSet() {
        server = FakeOpenAiServer.start(r -> r.body().get("seed").asInt() == 2
                ? Reply.of(400, FakeOpenAiServer.vllmError("bad seed", 400))
                : FakeOpenAiServer.echo(r));

        SampledSet set = backend().sample(request("chat", 3, params("n_supported", false, "seed", 0)));

        assertThat(set.failed()).isTrue();
        assertThat(set.samples()).isEmpty();
        assertThat(set.error()).startsWith("sample 3 of 3: HTTP 400").contains("bad seed");
    }

    @Test
    void bodyWithoutChoicesIsAFailedSetNotAnException() {
        server = FakeOpenAiServer.start(r -> Reply.of(200, "{\"object\":\"list\",\"data\":[]}"));

        SampledSet set = backend().sample(request("chat", 1, params()));

        assertThat(set.error()).contains("without choices", "\"object\":\"list\"");
    }

    @Test
    void unreachableServerIsRetriedThenAFailedSet() {
        server = FakeOpenAiServer.healthy();
        String deadUrl = server.baseUrl();
        server.close();
        server = null;
        GenerationRequest request = new GenerationRequest(
                SchemaVersions.V1,
                "run-1",
                new Prompt("0", 0, List.of(new ChatMessage("user", QUERY))),
                new VariantSpec("v", "openai", "m", null, deadUrl, "chat", 1, Map.of()),
                false,
                Instant.now());

        SampledSet set = backend().sample(request);

        assertThat(set.error()).contains("cannot connect", deadUrl, "after 4 attempts");
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void requestTimeoutIsRetriedThenAFailedSet() {
        server = FakeOpenAiServer.start(r -> FakeOpenAiServer.echo(r).after(Duration.ofSeconds(2)));
        OpenAiSettings d = OpenAiSettings.defaults();
        OpenAiSettings quick = new OpenAiSettings(
                d.connectTimeout(),
                Duration.ofMillis(200),
                4,
                d.apiKeyEnv(),
                new RetryPolicy(2, Duration.ofMillis(10), Duration.ofSeconds(1)),
                5,
                Duration.ofSeconds(30),
                List.of());

        SampledSet set = backend(quick).sample(request("chat", 1, params()));

        assertThat(set.error()).contains("no response within PT0.2S", "after 2 attempts");
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void circuitBreakerOpensAfterConsecutiveFailuresAndHalfOpensAfterTheCoolDown() {
        server = FakeOpenAiServer.start(r -> Reply.of(503, "{\"error\":\"Model is overloaded\"}"));
        Duration coolDown = Duration.ofMillis(500);
        OpenAiBackend backend = backend(settings(1, Duration.ofSeconds(1), 3, coolDown, 4));

        for (int i = 0; i < 3; i++) {
            assertThat(backend.sample(request("chat", 1, params())).error()).contains("HTTP 503", "overloaded");
        }
        assertThat(backend.breakerState(server.baseUrl())).isEqualTo(CircuitBreakerState.OPEN);

        SampledSet refused = backend.sample(request("chat", 1, params()));
        assertThat(refused.error()).contains("circuit breaker open", "3 consecutive failures");
        assertThat(server.received()).as("an open breaker sends nothing").hasSize(3);

        sleepThrough(coolDown);
        server.respond(FakeOpenAiServer::echo);
        SampledSet trial = backend.sample(request("chat", 1, params()));
        assertThat(trial.failed()).as(trial.error()).isFalse();
        assertThat(server.received()).hasSize(4);
        assertThat(backend.breakerState(server.baseUrl())).isEqualTo(CircuitBreakerState.CLOSED);
        assertThat(registry.get("overton.generation.circuit.opened").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void retryWaitsUntilAnOpenBreakerHalfOpens() {
        server = FakeOpenAiServer.start(FakeOpenAiServer.sequence(
                Reply.of(502, "Bad Gateway"),
                Reply.of(200, FakeOpenAiServer.chatBody(List.of(new Choice("fine", "stop")), 1, 1))));
        Duration coolDown = Duration.ofMillis(500);

        SampledSet set =
                backend(settings(3, Duration.ofMillis(10), 1, coolDown, 4)).sample(request("chat", 1, params()));

        assertThat(set.samples()).extracting(Sample::text).containsExactly("fine");
        // The first failure opened the breaker; the next attempt was held back for (what was left of) the whole
        // cool-down, not the 5-10 ms backoff (rounded up to whole milliseconds, and one more).
        assertThat(sleeps).hasSize(1);
        assertThat(sleeps.get(0)).isBetween(coolDown.minusMillis(100), coolDown.plusMillis(1));
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void failedTrialReopensTheBreakerForAnotherCoolDown() {
        server = FakeOpenAiServer.start(r -> Reply.of(503, "{\"error\":\"still down\"}"));
        Duration coolDown = Duration.ofMillis(300);
        OpenAiBackend backend = backend(settings(1, Duration.ofSeconds(1), 1, coolDown, 4));

        backend.sample(request("chat", 1, params()));
        sleepThrough(coolDown);
        assertThat(backend.sample(request("chat", 1, params())).error()).contains("HTTP 503");

        assertThat(backend.breakerState(server.baseUrl())).isEqualTo(CircuitBreakerState.OPEN);
        assertThat(backend.sample(request("chat", 1, params())).error()).contains("circuit breaker open");
        assertThat(server.received())
                .as("the trial was sent, the call after it was refused")
                .hasSize(2);
        assertThat(registry.get("overton.generation.circuit.opened").counter().count())
                .isEqualTo(2.0);
    }

    @Test
    void successResetsTheCountOfConsecutiveFailures() {
        server = FakeOpenAiServer.start(FakeOpenAiServer.sequence(
                Reply.of(500, "boom"),
                Reply.of(500, "boom"),
                Reply.of(200, FakeOpenAiServer.chatBody(List.of(new Choice("ok", "stop")), 1, 1)),
                Reply.of(500, "boom"),
                Reply.of(500, "boom")));
        OpenAiBackend backend = backend(settings(1, Duration.ofSeconds(1), 3, Duration.ofSeconds(30), 4));

        for (int i = 0; i < 5; i++) {
            backend.sample(request("chat", 1, params()));
        }

        assertThat(backend.breakerState(server.baseUrl())).isEqualTo(CircuitBreakerState.CLOSED);
    }

    @Test
    void cancelledRunIsNotRetriedAfterAFailure() {
        // Every attempt fails with 503, so the backend would retry three more times; the run is cancelled while the
        // first request is at the server.
        server = FakeOpenAiServer.start(r -> {
            cancelledRuns.add("run-1");
            return Reply.of(503, "{\"error\":\"Model is overloaded\"}");
        });

        SampledSet set = backend().sample(request("chat", 1, params()));

        assertThat(set.failed()).isTrue();
        assertThat(set.error()).contains("run run-1 was cancelled", "HTTP 503", "not retried");
        assertThat(server.received()).hasSize(1);
        assertThat(sleeps).as("no wait for a retry that will not come").isEmpty();
        assertThat(registry.get("overton.generation.circuit.opened").counter().count())
                .isZero();
    }

    @Test
    void requestsOfACancelledRunThatAreNotSentYetAreSkipped() {
        // One request at a time: while the first sample's request is at the server, the other three wait for the
        // endpoint's permit; the run is cancelled meanwhile.
        server = FakeOpenAiServer.start(r -> {
            cancelledRuns.add("run-1");
            return FakeOpenAiServer.echo(r).after(Duration.ofMillis(200));
        });

        SampledSet set = backend(settings(4, 5, 1)).sample(request("chat", 4, params("n_supported", false)));

        assertThat(set.failed()).isTrue();
        assertThat(set.error()).contains("run run-1 was cancelled: not sent");
        assertThat(server.received()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void requestOfARunCancelledBeforehandIsNeverSent() {
        server = FakeOpenAiServer.healthy();
        cancelledRuns.add("run-1");

        SampledSet set = backend().sample(request("chat", 2, params()));

        assertThat(set.error()).contains("run run-1 was cancelled: not sent");
        assertThat(server.received()).isEmpty();
    }

    /** Real time passes: SmallRye's breaker reads the system clock. */
    private static void sleepThrough(Duration d) {
        try {
            Thread.sleep(d.plusMillis(50));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void apiKeyIsSentAsBearerButNeverAppearsInErrorsLogsOrToString() {
        environment.put("OPENAI_API_KEY", SECRET);
        // First a 500 (so that a retry is logged), then a 401 whose body echoes the key, as OpenAI's does.
        server = FakeOpenAiServer.start(FakeOpenAiServer.sequence(
                Reply.of(500, FakeOpenAiServer.openAiError("internal", "server_error")),
                Reply.of(
                        401,
                        FakeOpenAiServer.openAiError(
                                "Incorrect API key provided: " + SECRET + ". Find your key at ...",
                                "invalid_request_error"))));
        List<String> logged = Collections.synchronizedList(new ArrayList<>());
        Logger logger = Logger.getLogger("dev.overton.generator.sampling.openai");
        Level level = logger.getLevel();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
                if (record.getParameters() != null) {
                    for (Object p : record.getParameters()) {
                        text.append(' ').append(p);
                    }
                }
                logged.add(text.toString());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        OpenAiBackend backend = backend();
        SampledSet set;
        try {
            set = backend.sample(request("chat", 1, params()));
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(level);
        }

        assertThat(server.received()).extracting(r -> r.header("Authorization")).containsOnly("Bearer " + SECRET);
        assertThat(set.error())
                .contains("HTTP 401", "Incorrect API key provided: [redacted]")
                .doesNotContain(SECRET);
        assertThat(logged).as("the retry was logged").isNotEmpty();
        assertThat(String.join("\n", logged)).doesNotContain(SECRET);
        assertThat(backend.toString()).contains("OPENAI_API_KEY").doesNotContain(SECRET);
        assertThat(backend.breakerState(server.baseUrl()).toString()).doesNotContain(SECRET);
    }

    @Test
    void endpointSettingsNameTheirOwnKeyAndWithoutAKeyNoneIsSent() {
        environment.put("VLLM_KEY", "vllm-key");
        server = FakeOpenAiServer.healthy();
        OpenAiSettings d = OpenAiSettings.defaults();
        OpenAiSettings withEndpoint = new OpenAiSettings(
                d.connectTimeout(),
                d.requestTimeout(),
                d.maxConcurrency(),
                d.apiKeyEnv(),
                d.retry(),
                d.failureThreshold(),
                d.coolDown(),
                List.of(new OpenAiSettings.EndpointSettings(
                        server.baseUrl() + "/", Optional.of("VLLM_KEY"), Optional.empty())));

        backend(withEndpoint).sample(request("chat", 1, params()));
        backend().sample(request("chat", 1, params()));

        assertThat(server.received().get(0).header("Authorization")).isEqualTo("Bearer vllm-key");
        assertThat(server.received().get(1).header("Authorization"))
                .as("OPENAI_API_KEY is unset")
                .isNull();
    }

    @Test
    void variantWithoutEndpointOrModelIsAFailedSet() {
        server = FakeOpenAiServer.healthy();
        GenerationRequest noEndpoint = new GenerationRequest(
                SchemaVersions.V1,
                "run-1",
                new Prompt("0", 0, List.of(new ChatMessage("user", QUERY))),
                new VariantSpec("v", "openai", "m", null, null, "chat", 1, Map.of()),
                false,
                Instant.now());

        assertThat(backend().sample(noEndpoint).error()).contains("names no endpoint");
        assertThat(server.received()).isEmpty();
    }
}

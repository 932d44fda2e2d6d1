package dev.overton.generator.sampling.openai;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.VariantSpec;

/**
 * The shared set-up of the {@code OpenAiBackend*Test} classes: the openai backend against a local HTTP server speaking
 * the OpenAI wire format, with a fixed clock, a recorded list of the waits it chose, a set of cancelled runs, a meter
 * registry and an environment of its own. The waits between retries are SmallRye Fault Tolerance's own, in real time;
 * the backend tells the test each wait it chose, and tests that open a circuit breaker use a short cool-down. Each test
 * starts its {@link #server}; it is stopped after the test.
 */
abstract class OpenAiBackendFixture {

    static final String QUERY = "What medicine should I take when I get a cold?";

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-06-01T12:00:00Z"));
    final InstantSource clock = now::get;
    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    final Set<String> cancelledRuns = ConcurrentHashMap.newKeySet();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final Map<String, String> environment = new LinkedHashMap<>();
    FakeOpenAiServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    OpenAiBackend backend(OpenAiSettings settings) {
        return new OpenAiBackend(
                settings,
                registry,
                new OpenAiSurroundings(cancelledRuns::contains, environment::get, clock, sleeps::add, new Random(42)));
    }

    OpenAiBackend backend() {
        return backend(OpenAiSettings.defaults());
    }

    /** The default settings with these attempts, breaker threshold and concurrency; 1 s backoff, 30 s cool-down. */
    static OpenAiSettings settings(int maxAttempts, int failureThreshold, int maxConcurrency) {
        return settings(maxAttempts, Duration.ofSeconds(1), failureThreshold, Duration.ofSeconds(30), maxConcurrency);
    }

    /** The default settings with these retry, breaker and concurrency values; the max delay stays 30 s. */
    static OpenAiSettings settings(
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

    /** A request of run {@code run-1} for {@link #QUERY} to variant {@code v} at the test's server. */
    GenerationRequest request(String api, int samples, Map<String, Object> params) {
        return request(new VariantSpec("v", "openai", "test-model", null, server.baseUrl(), api, samples, params));
    }

    /** A request of run {@code run-1} for {@link #QUERY} to {@code variant}. */
    static GenerationRequest request(VariantSpec variant) {
        return new GenerationRequest(
                SchemaVersions.V1,
                "run-1",
                new Prompt("0", 0, List.of(new ChatMessage("user", QUERY))),
                variant,
                false,
                Instant.now());
    }

    /** Variant params from alternating keys and values, in their order. */
    static Map<String, Object> params(Object... keysAndValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            params.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return params;
    }
}

package dev.overton.generator.sampling.openai;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.overton.contracts.json.EventJson;
import dev.overton.generator.sampling.GenerationMeters;
import dev.overton.generator.sampling.RunCancellation;

/**
 * The HTTP side of the openai backend: one request to a model server, under its endpoint's guard ({@link
 * EndpointGuard}: retries, circuit breaker, concurrency limit). Each attempt is sorted here: a 2xx is parsed, a 429,
 * 5xx, timeout or connection error is an {@link AttemptFailed} the guard retries (a 429 after its {@code Retry-After},
 * unless that is longer than the retry's max delay), any other status is final. A request that still fails is a
 * {@link CallFailed} with the last reason; an interrupt is a {@link CancellationException}.
 *
 * <p>Cancellation: before each attempt, and after each failed one, the request's run is looked up ({@link
 * RunCancellation}); for a cancelled run nothing more is sent, and the request ends as a {@link CallFailed} at once,
 * without waiting or retrying.
 *
 * <p>The API key is read from the environment at each request and appears only in the {@code Authorization} header.
 */
final class OpenAiCalls {

    private static final ObjectMapper MAPPER = EventJson.mapper();
    private static final String NAME = OpenAiBackend.NAME;

    private final OpenAiSettings settings;
    private final MeterRegistry registry;
    private final GenerationMeters meters;
    private final RunCancellation cancellation;
    private final Function<String, String> environment;
    private final InstantSource clock;
    private final Consumer<Duration> waits;
    private final RandomGenerator random;
    private final HttpClient http;
    private final ConcurrentMap<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    OpenAiCalls(
            OpenAiSettings settings, MeterRegistry registry, GenerationMeters meters, OpenAiSurroundings surroundings) {
        this.settings = settings;
        this.registry = registry;
        this.meters = meters;
        this.cancellation = surroundings.cancellation();
        this.environment = surroundings.environment();
        this.clock = surroundings.clock();
        this.waits = surroundings.waits();
        this.random = surroundings.random();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The endpoint of {@code baseUrl}, created on first use.
     *
     * @throws IllegalArgumentException when it is not an http(s) URL
     */
    Endpoint endpoint(String baseUrl) {
        String base = OpenAiSettings.normalize(baseUrl);
        return endpoints.computeIfAbsent(base, b -> {
            URI uri = URI.create(b);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "endpoint '" + b + "' is not an http:// or https:// URL such as http://localhost:8000/v1");
            }
            var override = settings.endpoint(b);
            String keyEnv =
                    override.flatMap(OpenAiSettings.EndpointSettings::apiKeyEnv).orElse(settings.apiKeyEnv());
            int limit = override.flatMap(OpenAiSettings.EndpointSettings::maxConcurrency)
                    .orElse(settings.maxConcurrency());
            return new Endpoint(
                    b,
                    keyEnv,
                    new EndpointGuard(b, settings, Math.max(1, limit), random, waits, meters.endpoint(b), registry));
        });
    }

    /**
     * One request of run {@code runId}, with retries; returns the parsed response or fails with the last reason.
     *
     * @throws CallFailed for good: a final status, attempts used up, or the run cancelled
     */
    OpenAiResponse call(Endpoint endpoint, URI uri, ObjectNode body, String api, String variant, String runId)
            throws CallFailed {
        Exchange x = guarded(endpoint, uri, body, runId);
        return parse(x, uri, api, endpoint, variant);
    }

    /**
     * One request of run {@code runId} whose whole JSON answer the caller reads (token scoring), with the same retries,
     * guard and metrics as {@link #call}.
     *
     * @return the parsed 2xx body and the call's wall time
     * @throws CallFailed for good: a final status, attempts used up, the run cancelled, or a body that is not JSON
     */
    JsonAnswer callJson(Endpoint endpoint, URI uri, ObjectNode body, String runId) throws CallFailed {
        Exchange x = guarded(endpoint, uri, body, runId);
        JsonNode root;
        try {
            root = MAPPER.readTree(x.body() == null ? "" : x.body());
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw new CallFailed(OpenAiErrors.noChoices(x, uri, endpoint.apiKey()));
        }
        JsonNode usage = root.path("usage");
        countTokens(
                "prompt",
                usage.path("prompt_tokens").isNumber()
                        ? usage.get("prompt_tokens").asInt()
                        : null);
        return new JsonAnswer(root, TimeUnit.NANOSECONDS.toMillis(x.nanos()));
    }

    /** A parsed 2xx body and the wall time of the exchange that brought it. */
    record JsonAnswer(JsonNode root, long latencyMs) {}

    /** The 2xx exchange of one request, after the guard's retries. */
    private Exchange guarded(Endpoint endpoint, URI uri, ObjectNode body, String runId) throws CallFailed {
        byte[] payload;
        try {
            payload = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new CallFailed("cannot write the request body: " + e.getOriginalMessage());
        }
        int attempts = settings.retry().maxAttempts();
        String gaveUp = " (gave up after " + attempts + (attempts == 1 ? " attempt)" : " attempts)");
        try {
            return endpoint.guard.call(() -> attempt(endpoint, uri, payload, runId), Exchange.class);
        } catch (AttemptFailed e) {
            throw new CallFailed(e.getMessage() + gaveUp);
        } catch (CircuitBreakerOpenException e) {
            throw new CallFailed(endpoint.guard.refusal() + gaveUp);
        } catch (CallFailed | CancellationException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while calling " + uri);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("unexpected failure calling " + uri, e);
        }
    }

    /** One attempt: an {@link Exchange} with a 2xx, or the failure sorted as retryable or final. */
    private Exchange attempt(Endpoint endpoint, URI uri, byte[] payload, String runId)
            throws AttemptFailed, CallFailed {
        if (cancellation.isCancelled(runId)) {
            throw cancelled(runId, "not sent");
        }
        Exchange x = exchange(endpoint, uri, payload);
        int status = x.status();
        if (status >= 200 && status < 300) {
            return x;
        }
        AttemptFailed failed;
        if (status == 429) {
            String reason = OpenAiErrors.describe(x, uri, endpoint.apiKey());
            var asked = RetryPolicy.retryAfter(x.retryAfter(), clock.instant());
            Duration maxDelay = settings.retry().maxDelay();
            if (asked.isPresent() && asked.get().compareTo(maxDelay) > 0) {
                throw new CallFailed(reason + "; the server asks to retry after "
                        + asked.get().toSeconds() + " s, longer than overton.backends.openai.retry.max-delay ("
                        + maxDelay + ")");
            }
            failed = AttemptFailed.rateLimited(reason, asked.orElse(null));
        } else if (status < 0) {
            failed = AttemptFailed.ioError(uri + ": " + x.ioError());
        } else if (status >= 500) {
            failed = AttemptFailed.serverError(OpenAiErrors.describe(x, uri, endpoint.apiKey()));
        } else {
            throw new CallFailed(OpenAiErrors.describe(x, uri, endpoint.apiKey()));
        }
        countRetryReason(failed.kind());
        if (cancellation.isCancelled(runId)) {
            throw cancelled(runId, failed.getMessage() + "; not retried");
        }
        throw failed;
    }

    private static CallFailed cancelled(String runId, String what) {
        return new CallFailed("run " + runId + " was cancelled: " + what);
    }

    /** One HTTP exchange. Never throws for I/O: a failed exchange is an {@link Exchange} with status -1. */
    private Exchange exchange(Endpoint endpoint, URI uri, byte[] payload) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        String key = endpoint.apiKey();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            long nanos = System.nanoTime() - start;
            time(outcome(response.statusCode()), nanos);
            return new Exchange(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("Location").orElse(null),
                    null,
                    nanos);
        } catch (IOException e) {
            long nanos = System.nanoTime() - start;
            time("io-error", nanos);
            return new Exchange(-1, null, null, null, OpenAiErrors.describe(e, settings), nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while calling " + uri);
        }
    }

    private OpenAiResponse parse(Exchange x, URI uri, String api, Endpoint endpoint, String variant) throws CallFailed {
        JsonNode root;
        try {
            root = MAPPER.readTree(x.body() == null ? "" : x.body());
        } catch (JsonProcessingException e) {
            root = null;
        }
        JsonNode choices = root == null ? null : root.get("choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            throw new CallFailed(OpenAiErrors.noChoices(x, uri, endpoint.apiKey()));
        }
        List<OpenAiResponse.Choice> parsed = new ArrayList<>(choices.size());
        for (int i = 0; i < choices.size(); i++) {
            JsonNode c = choices.get(i);
            JsonNode text = OpenAiBackend.CHAT.equals(api) ? c.path("message").path("content") : c.path("text");
            parsed.add(new OpenAiResponse.Choice(
                    c.path("index").asInt(i),
                    text.isTextual() ? text.asText() : "",
                    c.hasNonNull("finish_reason") ? c.get("finish_reason").asText() : null));
        }
        parsed.sort(Comparator.comparingInt(OpenAiResponse.Choice::index));
        JsonNode usage = root.path("usage");
        Integer promptTokens = usage.path("prompt_tokens").isNumber()
                ? usage.get("prompt_tokens").asInt()
                : null;
        Integer completionTokens = usage.path("completion_tokens").isNumber()
                ? usage.get("completion_tokens").asInt()
                : null;
        countTokens("prompt", promptTokens);
        countTokens("completion", completionTokens);
        meters.recordCall(variant, completionTokens, x.nanos());
        return new OpenAiResponse(
                List.copyOf(parsed), promptTokens, completionTokens, TimeUnit.NANOSECONDS.toMillis(x.nanos()));
    }

    private static String outcome(int status) {
        if (status >= 200 && status < 300) {
            return "ok";
        }
        if (status == 429) {
            return "rate-limited";
        }
        return status >= 500 ? "server-error" : "client-error";
    }

    private void time(String outcome, long nanos) {
        Timer.builder("overton.generation.request.latency")
                .description("Time of one HTTP request to a model server, by outcome")
                .tag("backend", NAME)
                .tag("outcome", outcome)
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }

    private void countTokens(String kind, Integer tokens) {
        if (tokens != null && tokens > 0) {
            Counter.builder("overton.generation.tokens")
                    .description("Tokens processed by model servers, as they reported them")
                    .tag("backend", NAME)
                    .tag("kind", kind)
                    .register(registry)
                    .increment(tokens);
        }
    }

    private void countRetryReason(String reason) {
        Counter.builder("overton.generation.request.retries")
                .description("Attempts that failed for a retryable reason (429, 5xx, I/O, open breaker), by reason")
                .tag("backend", NAME)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** One server as seen from here: its guard, and where its key comes from. */
    final class Endpoint {
        final String baseUrl;
        final String apiKeyEnv;
        final EndpointGuard guard;

        Endpoint(String baseUrl, String apiKeyEnv, EndpointGuard guard) {
            this.baseUrl = baseUrl;
            this.apiKeyEnv = apiKeyEnv;
            this.guard = guard;
        }

        URI uri(String path) {
            return URI.create(baseUrl + path);
        }

        /** The key, looked up now (so a rotated key is picked up), or {@code null} when none is configured. */
        String apiKey() {
            if (blank(apiKeyEnv)) {
                return null;
            }
            String key = environment.apply(apiKeyEnv);
            return blank(key) ? null : key.strip();
        }

        @Override
        public String toString() {
            return baseUrl;
        }
    }
}

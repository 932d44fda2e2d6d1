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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.overton.contracts.json.EventJson;
import dev.overton.generator.sampling.GenerationMeters;

/**
 * The HTTP side of the openai backend: one request to a model server, with the fault handling around it. Each request
 * is retried on 429 (after its {@code Retry-After}), 5xx, timeouts and connection errors, with jittered exponential
 * backoff ({@link RetryPolicy}); other statuses are final. Each endpoint has a fair concurrency limit and a {@link
 * CircuitBreaker}; calls in flight and waiting are reported per endpoint ({@link GenerationMeters}). A request that
 * still fails is a {@link CallFailed} with the last reason; an interrupt is a {@link CancellationException}.
 *
 * <p>The API key is read from the environment at each request and appears only in the {@code Authorization} header.
 */
final class OpenAiCalls {

    private static final Logger LOG = Logger.getLogger(OpenAiCalls.class);
    private static final ObjectMapper MAPPER = EventJson.mapper();
    private static final String NAME = OpenAiBackend.NAME;

    private final OpenAiSettings settings;
    private final MeterRegistry registry;
    private final GenerationMeters meters;
    private final Function<String, String> environment;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final HttpClient http;
    private final ConcurrentMap<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    OpenAiCalls(
            OpenAiSettings settings,
            MeterRegistry registry,
            GenerationMeters meters,
            Function<String, String> environment,
            InstantSource clock,
            Sleeper sleeper,
            RandomGenerator random) {
        this.settings = settings;
        this.registry = registry;
        this.meters = meters;
        this.environment = environment;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
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
                    new Semaphore(Math.max(1, limit), true),
                    new CircuitBreaker(settings.failureThreshold(), settings.coolDown(), clock),
                    meters.endpoint(b));
        });
    }

    /** One request, with retries; returns the parsed response or fails with the last reason. */
    OpenAiResponse call(Endpoint endpoint, URI uri, ObjectNode body, String api, String variant) throws CallFailed {
        byte[] payload;
        try {
            payload = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new CallFailed("cannot write the request body: " + e.getOriginalMessage());
        }
        RetryPolicy retry = settings.retry();
        for (int attempt = 1; ; attempt++) {
            int thisAttempt = attempt;
            String failure;
            Duration wait;
            if (!endpoint.breaker.tryAcquire()) {
                failure = "circuit breaker open for " + endpoint + " after " + endpoint.breaker.failureThreshold()
                        + " consecutive failures";
                wait = max(retry.backoff(attempt, random), endpoint.breaker.untilHalfOpen());
                countRetryReason("circuit-open");
            } else {
                Exchange x = exchange(endpoint, uri, payload);
                int status = x.status();
                if (status >= 200 && status < 300) {
                    endpoint.breaker.onSuccess();
                    return parse(x, uri, api, endpoint, variant);
                }
                if (status == 429) {
                    endpoint.breaker.onSuccess(); // the server is up, only busy
                    failure = OpenAiErrors.describe(x, uri, endpoint.apiKey());
                    var asked = RetryPolicy.retryAfter(x.retryAfter(), clock.instant());
                    if (asked.isPresent() && asked.get().compareTo(retry.maxDelay()) > 0) {
                        throw new CallFailed(failure + "; the server asks to retry after "
                                + asked.get().toSeconds()
                                + " s, longer than overton.backends.openai.retry.max-delay (" + retry.maxDelay()
                                + ")");
                    }
                    wait = asked.orElseGet(() -> retry.backoff(thisAttempt, random));
                    countRetryReason("rate-limited");
                } else if (status >= 500 || status < 0) {
                    boolean opened = endpoint.breaker.onFailure();
                    if (opened) {
                        LOG.warnf(
                                "openai %s: circuit breaker opened after %d consecutive failures; refusing calls for %s",
                                endpoint, endpoint.breaker.failureThreshold(), settings.coolDown());
                        Counter.builder("overton.generation.circuit.opened")
                                .description("Times an endpoint's circuit breaker opened")
                                .tag("backend", NAME)
                                .register(registry)
                                .increment();
                    }
                    failure = status < 0 ? uri + ": " + x.ioError() : OpenAiErrors.describe(x, uri, endpoint.apiKey());
                    // If this failure opened the breaker, an attempt before the cool-down would only be refused.
                    wait = max(retry.backoff(attempt, random), endpoint.breaker.untilHalfOpen());
                    countRetryReason(status < 0 ? "io-error" : "server-error");
                } else {
                    endpoint.breaker.onSuccess();
                    throw new CallFailed(OpenAiErrors.describe(x, uri, endpoint.apiKey()));
                }
            }
            if (attempt >= retry.maxAttempts()) {
                throw new CallFailed(
                        failure + " (gave up after " + attempt + (attempt == 1 ? " attempt)" : " attempts)"));
            }
            LOG.infof(
                    "openai %s: %s; attempt %d of %d in %d ms",
                    endpoint, failure, attempt + 1, retry.maxAttempts(), wait.toMillis());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting to retry " + uri);
            }
        }
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
        boolean permitted = false;
        long start = System.nanoTime();
        try {
            endpoint.load.waiting().incrementAndGet();
            try {
                endpoint.permits.acquire();
            } finally {
                endpoint.load.waiting().decrementAndGet();
            }
            permitted = true;
            endpoint.load.inFlight().incrementAndGet();
            start = System.nanoTime();
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
            endpoint.breaker.onCancelled();
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while calling " + uri);
        } finally {
            if (permitted) {
                endpoint.load.inFlight().decrementAndGet();
                endpoint.permits.release();
            }
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

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** One server as seen from here: its limit and breaker, and where its key comes from. */
    final class Endpoint {
        final String baseUrl;
        final String apiKeyEnv;
        final Semaphore permits;
        final CircuitBreaker breaker;
        final GenerationMeters.EndpointLoad load;

        Endpoint(
                String baseUrl,
                String apiKeyEnv,
                Semaphore permits,
                CircuitBreaker breaker,
                GenerationMeters.EndpointLoad load) {
            this.baseUrl = baseUrl;
            this.apiKeyEnv = apiKeyEnv;
            this.permits = permits;
            this.breaker = breaker;
            this.load = load;
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

package dev.overton.generator.sampling.openai;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.Sample;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.sampling.GenerationMeters;
import dev.overton.generator.sampling.PromptFrames;
import dev.overton.generator.sampling.SampleUsage;
import dev.overton.generator.sampling.SampledSet;
import dev.overton.generator.sampling.SamplingBackend;
import dev.overton.generator.sampling.StopStrings;

/**
 * Samples from any server that speaks the OpenAI HTTP API: vLLM, TGI's Messages API, llama.cpp's server, Ollama, or
 * OpenAI itself.
 *
 * <p>A variant with {@code api: chat} (the default) POSTs the prompt's messages to {@code <endpoint>/chat/completions};
 * one with {@code api: completions} POSTs a raw prompt to {@code <endpoint>/completions}: the method's zero-shot frame
 * ({@link PromptFrames}) or the variant's {@code params.template}. When that prompt leaves the model inside a fence
 * and the variant gives no {@code stop}, the closing fence is sent as the stop string. Every other param is passed
 * through unchanged (so {@code repetition_penalty}, {@code top_k}, ... reach servers that know them), except the body
 * fields Overton sets itself ({@link #RESERVED}) and Overton's own switches ({@value #N_SUPPORTED}, {@value
 * #TEMPLATE}).
 *
 * <p>N samples are one request with {@code n = N}, or, when {@code params.n_supported} is {@code false} (or the
 * server returned fewer choices than asked), separate requests sent in parallel. Separate requests of a variant with
 * a {@code seed} get {@code seed + i} for sample {@code i}; the same seed would give N identical samples.
 *
 * <p>Faults: each HTTP request is retried on 429 (after its {@code Retry-After}), 5xx, timeouts and connection errors,
 * with jittered exponential backoff ({@link RetryPolicy}); other statuses are final (a 400 for an over-long prompt will
 * not go away). Each endpoint has a concurrency limit and a {@link CircuitBreaker}. A request that still fails makes
 * the whole set a failed {@link SampledSet} naming the status and the server's message, never an exception: the
 * failure is stored and published, not lost. Only an interrupt (shutdown) escapes, as a {@link
 * CancellationException}, so that the request is redelivered rather than stored as failed.
 *
 * <p>Stop strings are removed from the text ({@link StopStrings}; servers differ in whether they keep them). Token
 * counts and latencies go to the {@link SampleUsage} of each sample and to Micrometer (with the shared {@link
 * GenerationMeters}: calls in flight and waiting per endpoint, tokens per second per variant). The API key is read from the
 * environment at each request and appears only in the {@code Authorization} header: never in a field, log line,
 * error text or {@code toString}.
 *
 * <p>Blocking (the JDK's {@link HttpClient} in its synchronous form); callers run it on worker threads.
 */
public final class OpenAiBackend implements SamplingBackend {

    /** The backend name in run specs. */
    public static final String NAME = "openai";

    /** {@code api} of variants that send chat messages. */
    public static final String CHAT = "chat";

    /** {@code api} of variants that send a raw prompt to a base model. */
    public static final String COMPLETIONS = "completions";

    /** Param that, set to {@code false}, makes N separate requests instead of one with {@code n}. Not sent. */
    public static final String N_SUPPORTED = "n_supported";

    /** Param holding a prompt template for {@code completions} variants ({@code {query}} = the query). Not sent. */
    public static final String TEMPLATE = "template";

    /** Request fields Overton sets itself; params of these names are ignored (and refused by the run validator). */
    public static final Set<String> RESERVED = Set.of("model", "messages", "prompt", "n", "stream");

    private static final Logger LOG = Logger.getLogger(OpenAiBackend.class);
    private static final ObjectMapper MAPPER = EventJson.mapper();
    private static final int EXCERPT_CHARS = 500;
    private static final String REDACTED = "[redacted]";

    private final OpenAiSettings settings;
    private final MeterRegistry registry;
    private final GenerationMeters meters;
    private final Function<String, String> environment;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final HttpClient http;
    private final ConcurrentMap<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    /** A backend on the real clock, environment and thread sleep. */
    public OpenAiBackend(OpenAiSettings settings, MeterRegistry registry) {
        this(settings, registry, System::getenv, InstantSource.system(), Sleeper.THREAD, new Random());
    }

    /**
     * A backend with its collaborators given, for tests.
     *
     * @param environment looks up environment variables (API keys)
     * @param clock time for circuit breakers and {@code Retry-After} dates
     * @param sleeper waits between retries
     * @param random jitter source (must be thread-safe: parallel requests share it)
     */
    public OpenAiBackend(
            OpenAiSettings settings,
            MeterRegistry registry,
            Function<String, String> environment,
            InstantSource clock,
            Sleeper sleeper,
            RandomGenerator random) {
        this.settings = settings;
        this.registry = registry;
        this.meters = new GenerationMeters(registry, NAME);
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

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void checkVariant(
            dev.overton.contracts.spec.ModelEntry entry, java.util.List<dev.overton.contracts.spec.FieldError> errors) {
        OpenAiVariantCheck.check(entry, errors);
    }

    @Override
    public SampledSet sample(GenerationRequest request) {
        try {
            return draw(request.prompt(), request.variant(), request.renderedPrompt());
        } catch (CallFailed e) {
            return SampledSet.failed(e.getMessage());
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            // A bug or an unexpected server reply must still end as a stored failure, not a lost request.
            LOG.errorf(
                    e, "openai variant %s: unexpected error", request.variant().name());
            return SampledSet.failed("openai backend error: " + e);
        }
    }

    /** The circuit breaker of {@code baseUrl}, created on first use; for tests and diagnostics. */
    public CircuitBreaker breaker(String baseUrl) {
        return endpoint(baseUrl).breaker;
    }

    @Override
    public String toString() {
        return "OpenAiBackend[" + settings + "]";
    }

    private SampledSet draw(Prompt prompt, VariantSpec variant, String renderedPrompt) throws CallFailed {
        if (blank(variant.endpoint())) {
            throw new CallFailed("openai variant '" + variant.name() + "' names no endpoint; set its 'endpoint'"
                    + " to the server's base URL, e.g. http://localhost:8000/v1");
        }
        if (blank(variant.model())) {
            throw new CallFailed("openai variant '" + variant.name()
                    + "' names no model; set its 'model' to a name the server lists at <endpoint>/models");
        }
        String api = variant.api() == null ? CHAT : variant.api();
        if (!CHAT.equals(api) && !COMPLETIONS.equals(api)) {
            throw new CallFailed(
                    "openai variant '" + variant.name() + "' has api '" + api + "'; use 'chat' or 'completions'");
        }
        Map<String, Object> params = variant.params() == null ? Map.of() : variant.params();
        Endpoint endpoint;
        try {
            endpoint = endpoint(variant.endpoint());
        } catch (IllegalArgumentException e) {
            throw new CallFailed("openai variant '" + variant.name() + "': " + e.getMessage());
        }
        if (renderedPrompt != null && CHAT.equals(api)) {
            throw new CallFailed("openai variant '" + variant.name() + "' got a rendered (in-context) prompt but uses"
                    + " the chat API; in-context variants need a base variant with api 'completions'");
        }
        URI uri = endpoint.uri(CHAT.equals(api) ? "/chat/completions" : "/completions");

        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", variant.model());
        String rawPrompt = null;
        if (CHAT.equals(api)) {
            ArrayNode messages = body.putArray("messages");
            for (ChatMessage m : prompt.messages()) {
                messages.addObject().put("role", m.role()).put("content", m.content());
            }
        } else if (renderedPrompt != null) {
            // Built by icl-service (examples, hints, budget already applied): sent exactly as it is.
            rawPrompt = renderedPrompt;
            body.put("prompt", rawPrompt);
        } else {
            String template = params.get(TEMPLATE) instanceof String t ? t : PromptFrames.ZERO_SHOT;
            rawPrompt = PromptFrames.render(template, prompt.userText());
            body.put("prompt", rawPrompt);
        }
        for (Map.Entry<String, Object> param : params.entrySet()) {
            String key = param.getKey();
            if (!RESERVED.contains(key) && !N_SUPPORTED.equals(key) && !TEMPLATE.equals(key)) {
                body.set(key, MAPPER.valueToTree(param.getValue()));
            }
        }
        List<String> stops = stops(params.get("stop"));
        if (!params.containsKey("stop") && rawPrompt != null && PromptFrames.endsInsideFence(rawPrompt)) {
            stops = List.of(PromptFrames.FENCE);
            body.putArray("stop").add(PromptFrames.FENCE);
        }

        int wanted = variant.samples();
        if (wanted < 1) {
            throw new CallFailed("openai variant '" + variant.name() + "' asks for " + wanted
                    + " samples; set 'samples' to at least 1");
        }
        List<Drawn> drawn = new ArrayList<>(wanted);
        if (wanted > 1 && !Boolean.FALSE.equals(params.get(N_SUPPORTED))) {
            ObjectNode withN = body.deepCopy();
            withN.put("n", wanted);
            Response response = call(endpoint, uri, withN, api, variant.name());
            for (Choice choice : response.choices()) {
                if (drawn.size() < wanted) {
                    drawn.add(new Drawn(choice, response.usage(choice)));
                }
            }
            if (drawn.size() < wanted) {
                LOG.infof(
                        "openai %s returned %d of %d choices for n=%d (does it support n? if not, set"
                                + " params.n_supported=false); drawing the rest one request each",
                        endpoint, drawn.size(), wanted, wanted);
            }
        }
        if (drawn.size() < wanted) {
            drawn.addAll(drawSeparately(endpoint, uri, body, api, variant.name(), drawn.size(), wanted));
        }

        List<Sample> samples = new ArrayList<>(wanted);
        List<SampleUsage> usage = new ArrayList<>(wanted);
        for (int i = 0; i < wanted; i++) {
            Drawn d = drawn.get(i);
            StopStrings.Cut cut = StopStrings.cut(d.choice().text(), stops);
            String finishReason = cut.stopped() ? "stop" : d.choice().finishReason();
            if ("length".equals(finishReason)) {
                Counter.builder("overton.generation.samples.truncated")
                        .description("Samples cut off by the token limit (finish_reason length)")
                        .tag("backend", NAME)
                        .register(registry)
                        .increment();
            }
            samples.add(new Sample(i, cut.text(), finishReason));
            usage.add(d.usage());
        }
        return SampledSet.of(samples, usage);
    }

    /** Samples {@code from} to {@code to - 1}, one request each, in parallel up to the endpoint's limit. */
    private List<Drawn> drawSeparately(
            Endpoint endpoint, URI uri, ObjectNode body, String api, String variant, int from, int to)
            throws CallFailed {
        JsonNode seed = body.get("seed");
        List<ObjectNode> bodies = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            ObjectNode one = body.deepCopy();
            if (seed != null && seed.canConvertToLong()) {
                one.put("seed", seed.asLong() + i);
            }
            bodies.add(one);
        }
        if (bodies.size() == 1) {
            return List.of(first(call(endpoint, uri, bodies.get(0), api, variant)));
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Drawn>> futures = new ArrayList<>(bodies.size());
            for (ObjectNode one : bodies) {
                futures.add(pool.submit(() -> first(call(endpoint, uri, one, api, variant))));
            }
            List<Drawn> drawn = new ArrayList<>(bodies.size());
            for (int i = 0; i < futures.size(); i++) {
                try {
                    drawn.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    futures.forEach(f -> f.cancel(true));
                    if (e.getCause() instanceof CallFailed failed) {
                        throw new CallFailed("sample " + (from + i + 1) + " of " + to + ": " + failed.getMessage());
                    }
                    if (e.getCause() instanceof RuntimeException unexpected) {
                        throw unexpected;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    futures.forEach(f -> f.cancel(true));
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while sampling from " + endpoint);
                }
            }
            return drawn;
        }
    }

    private static Drawn first(Response response) {
        Choice choice = response.choices().get(0);
        return new Drawn(choice, response.usage(choice));
    }

    /** One request, with retries; returns the parsed response or fails with the last reason. */
    private Response call(Endpoint endpoint, URI uri, ObjectNode body, String api, String variant) throws CallFailed {
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
                    failure = describe(x, uri, endpoint);
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
                    failure = status < 0 ? uri + ": " + x.ioError() : describe(x, uri, endpoint);
                    // If this failure opened the breaker, an attempt before the cool-down would only be refused.
                    wait = max(retry.backoff(attempt, random), endpoint.breaker.untilHalfOpen());
                    countRetryReason(status < 0 ? "io-error" : "server-error");
                } else {
                    endpoint.breaker.onSuccess();
                    throw new CallFailed(describe(x, uri, endpoint));
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
            return new Exchange(-1, null, null, null, describe(e), nanos);
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

    private Response parse(Exchange x, URI uri, String api, Endpoint endpoint, String variant) throws CallFailed {
        JsonNode root;
        try {
            root = MAPPER.readTree(x.body() == null ? "" : x.body());
        } catch (JsonProcessingException e) {
            root = null;
        }
        JsonNode choices = root == null ? null : root.get("choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            throw new CallFailed(
                    "HTTP " + x.status() + " from " + uri + " without choices: " + excerpt(x.body(), endpoint));
        }
        List<Choice> parsed = new ArrayList<>(choices.size());
        for (int i = 0; i < choices.size(); i++) {
            JsonNode c = choices.get(i);
            JsonNode text = CHAT.equals(api) ? c.path("message").path("content") : c.path("text");
            parsed.add(new Choice(
                    c.path("index").asInt(i),
                    text.isTextual() ? text.asText() : "",
                    c.hasNonNull("finish_reason") ? c.get("finish_reason").asText() : null));
        }
        parsed.sort(Comparator.comparingInt(Choice::index));
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
        return new Response(
                List.copyOf(parsed), promptTokens, completionTokens, TimeUnit.NANOSECONDS.toMillis(x.nanos()));
    }

    /** "HTTP 400 from <uri>: <the server's message>", with the API key blanked if the server echoed it. */
    private String describe(Exchange x, URI uri, Endpoint endpoint) {
        String message = serverMessage(x.body());
        String where = x.status() >= 300 && x.status() < 400 && x.location() != null
                ? " (redirects to " + x.location() + "; use that as the endpoint)"
                : "";
        return "HTTP " + x.status() + " from " + uri + where
                + (message.isEmpty() ? "" : ": " + excerpt(message, endpoint));
    }

    /**
     * The error text of a response body: OpenAI's {@code error.message}, vLLM's {@code message}, TGI's {@code error},
     * FastAPI's {@code detail}, or the body itself.
     */
    private static String serverMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode root = MAPPER.readTree(body);
            JsonNode error = root.path("error");
            if (error.path("message").isTextual()) {
                return error.get("message").asText();
            }
            if (error.isTextual()) {
                return error.asText();
            }
            if (root.path("message").isTextual()) {
                return root.get("message").asText();
            }
            if (root.hasNonNull("detail")) {
                JsonNode detail = root.get("detail");
                return detail.isTextual() ? detail.asText() : detail.toString();
            }
        } catch (JsonProcessingException | RuntimeException notJson) {
            // fall through: show the raw text
        }
        return body.strip();
    }

    private String excerpt(String text, Endpoint endpoint) {
        if (text == null) {
            return "(empty body)";
        }
        String key = endpoint.apiKey();
        String safe = key == null ? text : text.replace(key, REDACTED);
        return safe.length() <= EXCERPT_CHARS ? safe : safe.substring(0, EXCERPT_CHARS) + "…";
    }

    private String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + settings.connectTimeout();
        }
        if (e instanceof HttpTimeoutException) {
            return "no response within " + settings.requestTimeout() + " (overton.backends.openai.request-timeout)";
        }
        if (e instanceof ConnectException) {
            return "cannot connect" + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
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

    private Endpoint endpoint(String baseUrl) {
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

    private static List<String> stops(Object stop) {
        if (stop instanceof String s) {
            return List.of(s);
        }
        if (stop instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** One server as seen from here: its limit and breaker, and where its key comes from. */
    private final class Endpoint {
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

    /** The outcome of one HTTP exchange; {@code status} is -1 when there was no response ({@code ioError} says why). */
    private record Exchange(int status, String body, String retryAfter, String location, String ioError, long nanos) {}

    private record Choice(int index, String text, String finishReason) {}

    private record Drawn(Choice choice, SampleUsage usage) {}

    /** A parsed 2xx response. */
    private record Response(List<Choice> choices, Integer promptTokens, Integer completionTokens, long latencyMs) {

        /** Usage of one choice: the completion count is its own only if it was the only choice. */
        SampleUsage usage(Choice choice) {
            return new SampleUsage(promptTokens, choices.size() == 1 ? completionTokens : null, latencyMs);
        }
    }

    /** A request that failed for good; its message is the reason stored with the failed set. */
    private static final class CallFailed extends Exception {
        private static final long serialVersionUID = 1L;

        CallFailed(String reason) {
            super(reason, null, false, false);
        }
    }
}

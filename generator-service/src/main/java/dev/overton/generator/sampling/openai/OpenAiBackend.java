package dev.overton.generator.sampling.openai;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.Sample;
import dev.overton.contracts.TokenScores;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.spec.FieldError;
import dev.overton.generator.sampling.GenerationMeters;
import dev.overton.generator.sampling.PromptFrames;
import dev.overton.generator.sampling.RunCancellation;
import dev.overton.generator.sampling.SampleUsage;
import dev.overton.generator.sampling.SampledSet;
import dev.overton.generator.sampling.SamplingBackend;
import dev.overton.generator.sampling.StopStrings;
import dev.overton.generator.tokenshift.ScoredAnswer;
import dev.overton.generator.tokenshift.ScoringCall;

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
 * <p>Faults: each endpoint has a SmallRye Fault Tolerance guard ({@link EndpointGuard}): each HTTP request is retried
 * on 429 (after its {@code Retry-After}), 5xx, timeouts and connection errors, with jittered exponential backoff
 * ({@link RetryPolicy}); other statuses are final (a 400 for an over-long prompt will not go away); a concurrency limit
 * and a circuit breaker protect the server. A request that still fails makes the whole set a failed {@link SampledSet}
 * naming the status and the server's message, never an exception: the failure is stored and published, not lost. Only
 * an interrupt (shutdown) escapes, as a {@link CancellationException}, so that the request is redelivered rather than
 * stored as failed. A request of a cancelled run ({@link RunCancellation}) is not sent, and a failed one is not
 * retried: the set ends failed at once, and the caller drops it.
 *
 * <p>Stop strings are removed from the text ({@link StopStrings}; servers differ in whether they keep them). Token
 * counts and latencies go to the {@link SampleUsage} of each sample and to Micrometer (with the shared {@link
 * GenerationMeters}: calls in flight and waiting per endpoint, tokens per second per variant). The API key is read from the
 * environment at each request and appears only in the {@code Authorization} header: never in a field, log line,
 * error text or {@code toString}.
 *
 * <p>One job per class: this one draws a set; {@link OpenAiRequests} builds the request bodies, {@link OpenAiCalls}
 * makes the HTTP exchange under the endpoint's {@link EndpointGuard}, {@link OpenAiErrors} words the failures.
 *
 * <p>Blocking (the JDK's {@code HttpClient} in its synchronous form); callers run it on worker threads.
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

    private final OpenAiSettings settings;
    private final MeterRegistry registry;
    private final OpenAiCalls calls;

    /** A backend on the real clock and environment, for runs that are never cancelled (tools and tests). */
    public OpenAiBackend(OpenAiSettings settings, MeterRegistry registry) {
        this(settings, registry, RunCancellation.NEVER);
    }

    /** A backend on the real clock and environment that stops work for cancelled runs. */
    public OpenAiBackend(OpenAiSettings settings, MeterRegistry registry, RunCancellation cancellation) {
        this(settings, registry, OpenAiSurroundings.real(cancellation));
    }

    /**
     * A backend with its surroundings given, for tests.
     *
     * @param surroundings the cancellation, environment, clock, waits and jitter of its calls
     */
    public OpenAiBackend(OpenAiSettings settings, MeterRegistry registry, OpenAiSurroundings surroundings) {
        this.settings = settings;
        this.registry = registry;
        this.calls = new OpenAiCalls(settings, registry, new GenerationMeters(registry, NAME), surroundings);
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
    public void checkTokenScoring(VariantSpec base, String at, List<FieldError> errors) {
        OpenAiVariantCheck.checkScoring(base, at, errors);
    }

    /**
     * Scores the answer through {@code <endpoint>/completions} with {@code echo} and {@code logprobs} ({@link
     * EchoScoring}), under the endpoint's guard like a sample. A server that ignores echo, refuses the request (OpenAI's
     * current models refuse echo with logprobs) or returns offsets that do not fit the prompt gives a failed result
     * with the reason.
     */
    @Override
    public ScoredAnswer scoreTokens(ScoringCall call) {
        VariantSpec model = call.model();
        try {
            String api = OpenAiRequests.api(model);
            if (!COMPLETIONS.equals(api)) {
                return ScoredAnswer.failed(
                        TokenScores.ECHO,
                        "openai variant '" + model.name() + "' uses the chat API; token scoring needs api"
                                + " 'completions'");
            }
            OpenAiCalls.Endpoint endpoint = calls.endpoint(model.endpoint());
            OpenAiCalls.JsonAnswer answer = calls.callJson(
                    endpoint,
                    endpoint.uri(EchoScoring.PATH),
                    EchoScoring.body(model.model(), call.context(), call.answer(), call.topK()),
                    call.runId());
            return EchoScoring.parse(answer.root(), call.context(), call.answer(), call.topK(), answer.latencyMs());
        } catch (CallFailed e) {
            return ScoredAnswer.failed(TokenScores.ECHO, e.getMessage());
        } catch (IllegalArgumentException e) {
            return ScoredAnswer.failed(TokenScores.ECHO, "openai variant '" + model.name() + "': " + e.getMessage());
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.errorf(e, "openai variant %s: unexpected error while scoring tokens", model.name());
            return ScoredAnswer.failed(TokenScores.ECHO, "openai backend error: " + e);
        }
    }

    @Override
    public SampledSet sample(GenerationRequest request) {
        try {
            return draw(request.runId(), request.prompt(), request.variant(), request.renderedPrompt());
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

    /** The state of the circuit breaker of {@code baseUrl} (its guard is created on first use); for diagnostics. */
    public CircuitBreakerState breakerState(String baseUrl) {
        return calls.endpoint(baseUrl).guard.state();
    }

    @Override
    public String toString() {
        return "OpenAiBackend[" + settings + "]";
    }

    private SampledSet draw(String runId, Prompt prompt, VariantSpec variant, String renderedPrompt) throws CallFailed {
        String api = OpenAiRequests.api(variant);
        OpenAiCalls.Endpoint endpoint;
        try {
            endpoint = calls.endpoint(variant.endpoint());
        } catch (IllegalArgumentException e) {
            throw new CallFailed("openai variant '" + variant.name() + "': " + e.getMessage());
        }
        OpenAiRequests.Built built = OpenAiRequests.build(prompt, variant, api, renderedPrompt);
        URI uri = endpoint.uri(built.path());
        Map<String, Object> params = variant.params() == null ? Map.of() : variant.params();

        int wanted = variant.samples();
        if (wanted < 1) {
            throw new CallFailed("openai variant '" + variant.name() + "' asks for " + wanted
                    + " samples; set 'samples' to at least 1");
        }
        List<Drawn> drawn = new ArrayList<>(wanted);
        if (wanted > 1 && !Boolean.FALSE.equals(params.get(N_SUPPORTED))) {
            OpenAiResponse response =
                    calls.call(endpoint, uri, OpenAiRequests.withN(built.body(), wanted), api, variant.name(), runId);
            for (OpenAiResponse.Choice choice : response.choices()) {
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
            drawn.addAll(drawSeparately(endpoint, uri, built.body(), api, variant.name(), runId, drawn.size(), wanted));
        }

        List<Sample> samples = new ArrayList<>(wanted);
        List<SampleUsage> usage = new ArrayList<>(wanted);
        for (int i = 0; i < wanted; i++) {
            Drawn d = drawn.get(i);
            StopStrings.Cut cut = StopStrings.cut(d.choice().text(), built.stops());
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
            OpenAiCalls.Endpoint endpoint,
            URI uri,
            ObjectNode body,
            String api,
            String variant,
            String runId,
            int from,
            int to)
            throws CallFailed {
        List<ObjectNode> bodies = OpenAiRequests.separate(body, from, to);
        if (bodies.size() == 1) {
            return List.of(first(calls.call(endpoint, uri, bodies.get(0), api, variant, runId)));
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Drawn>> futures = new ArrayList<>(bodies.size());
            for (ObjectNode one : bodies) {
                futures.add(pool.submit(() -> first(calls.call(endpoint, uri, one, api, variant, runId))));
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

    private static Drawn first(OpenAiResponse response) {
        OpenAiResponse.Choice choice = response.choices().get(0);
        return new Drawn(choice, response.usage(choice));
    }

    private record Drawn(OpenAiResponse.Choice choice, SampleUsage usage) {}
}

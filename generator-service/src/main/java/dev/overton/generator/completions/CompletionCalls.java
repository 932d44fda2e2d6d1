package dev.overton.generator.completions;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.overton.contracts.Completion;
import dev.overton.contracts.CompletionRequest;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.Sample;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.VariantSpec;
import dev.overton.generator.sampling.ReplayBackend;
import dev.overton.generator.sampling.SampleUsage;
import dev.overton.generator.sampling.SampledSet;
import dev.overton.generator.sampling.SamplingBackend;
import dev.overton.generator.sampling.openai.OpenAiBackend;

/**
 * Answers one {@link CompletionRequest} with the same backends that sample run variants, so that a judge verdict or a
 * hint summary gets the same retries, circuit breaker and per-endpoint concurrency limit as a sample.
 *
 * <p>The request becomes a {@link GenerationRequest} for one sample: its {@code messages} are the prompt's messages
 * (system, user and assistant messages are all sent, in order, to a chat API), its {@code rawPrompt} the rendered
 * prompt of a completions API, and its model the variant. A request the generator cannot serve (unknown backend,
 * {@code replay}, a missing endpoint) is answered with a failed {@link Completion} naming the field, without a model
 * call: the record itself is valid, so it is answered rather than dead-lettered.
 *
 * <p>Plain Java and blocking (the backend may call a server); callers run it on a worker thread.
 */
public final class CompletionCalls {

    private final Function<String, SamplingBackend> backends;
    private final Set<String> liveBackends;

    /**
     * @param backends the backend of a name, or {@code null}
     * @param names every backend name the generator offers; all but {@code replay} can answer completion requests
     */
    public CompletionCalls(Function<String, SamplingBackend> backends, Set<String> names) {
        this.backends = backends;
        TreeSet<String> live = new TreeSet<>(names);
        live.remove(ReplayBackend.NAME);
        this.liveBackends = Set.copyOf(live);
    }

    /** The backends that can answer completion requests, sorted. */
    public Set<String> liveBackends() {
        return new TreeSet<>(liveBackends);
    }

    /**
     * Draws the completion.
     *
     * @return a completed or failed completion (never {@code null}); only an interrupt (shutdown) escapes, as a {@link
     *     CancellationException}, so that the request is consumed again rather than stored as failed
     */
    public Completion call(CompletionRequest request) {
        String problem = problem(request);
        if (problem != null) {
            return failed(request, problem);
        }
        SamplingBackend backend = backends.apply(request.model().backend());
        long start = System.nanoTime();
        SampledSet drawn;
        try {
            drawn = backend.sample(asGenerationRequest(request));
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            return failed(request, request.model().backend() + " backend error: " + e);
        }
        if (drawn.failed()) {
            return failed(request, drawn.error());
        }
        if (drawn.samples().isEmpty()) {
            return failed(request, request.model().backend() + " backend returned no completion");
        }
        Sample sample = drawn.samples().get(0);
        SampleUsage usage = drawn.usageOf(0);
        Long latency = usage.latencyMs() != null
                ? usage.latencyMs()
                : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return request.answer(
                Completion.COMPLETED,
                sample.text(),
                null,
                sample.finishReason(),
                usage.promptTokens(),
                usage.completionTokens(),
                latency,
                now());
    }

    /**
     * What keeps the generator from serving {@code request}, naming the field and the fix, or {@code null} when it
     * can be served.
     */
    public String problem(CompletionRequest request) {
        VariantSpec model = request.model();
        String backend = model.backend();
        if (ReplayBackend.NAME.equals(backend)) {
            return "model.backend: 'replay' cannot answer completion requests (it only replays released samples of"
                    + " run variants); use one of " + liveBackends();
        }
        if (!liveBackends.contains(backend) || backends.apply(backend) == null) {
            return "model.backend: '" + backend + "' is not available in this generator; use one of " + liveBackends();
        }
        String api = api(request);
        if (!OpenAiBackend.CHAT.equals(api) && !OpenAiBackend.COMPLETIONS.equals(api)) {
            return "model.api: '" + api + "' is not an API; use 'chat' (messages) or 'completions' (rawPrompt)";
        }
        if (OpenAiBackend.COMPLETIONS.equals(api) && blank(request.rawPrompt())) {
            return "rawPrompt: is required when model.api is 'completions' (the complete prompt to continue); send"
                    + " 'messages' with model.api 'chat' instead";
        }
        if (OpenAiBackend.CHAT.equals(api) && request.messages().isEmpty()) {
            return "messages: are required when model.api is 'chat'; send the raw prompt with model.api"
                    + " 'completions' instead";
        }
        if (OpenAiBackend.NAME.equals(backend)) {
            if (blank(model.endpoint())) {
                return "model.endpoint: is required for the openai backend: the server's base URL, e.g."
                        + " http://localhost:8000/v1";
            }
            if (blank(model.model())) {
                return "model.model: is required for the openai backend: a model name the server serves";
            }
        }
        return null;
    }

    /**
     * The request as a generation request for one sample. The variant is named after the model spec's name, or the
     * request's purpose when it has none (it tags the throughput metrics and appears in the backend's messages).
     */
    public static GenerationRequest asGenerationRequest(CompletionRequest request) {
        VariantSpec model = request.model();
        String api = api(request);
        VariantSpec variant = new VariantSpec(
                blank(model.name()) ? request.purpose() : model.name(),
                model.backend(),
                model.model(),
                model.source(),
                model.endpoint(),
                api,
                1,
                model.params());
        return new GenerationRequest(
                SchemaVersions.V1,
                request.runId(),
                new Prompt(request.requestId(), 0, request.messages()),
                variant,
                false,
                request.requestedAt() == null ? Instant.now() : request.requestedAt(),
                OpenAiBackend.COMPLETIONS.equals(api) ? request.rawPrompt() : null);
    }

    /** The model's {@code api}; when it gives none, {@code completions} for a raw prompt, else {@code chat}. */
    static String api(CompletionRequest request) {
        String api = request.model().api();
        if (!blank(api)) {
            return api;
        }
        return request.messages().isEmpty() && !blank(request.rawPrompt())
                ? OpenAiBackend.COMPLETIONS
                : OpenAiBackend.CHAT;
    }

    /** A failed completion for {@code request} with {@code error}. */
    public static Completion failed(CompletionRequest request, String error) {
        return request.failed(error, now());
    }

    private static Instant now() {
        // What the database keeps, so that a republished completion equals the first one.
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

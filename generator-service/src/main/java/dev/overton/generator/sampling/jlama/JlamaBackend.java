package dev.overton.generator.sampling.jlama;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jboss.logging.Logger;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.Sample;
import dev.overton.contracts.ScoredToken;
import dev.overton.contracts.TokenScores;
import dev.overton.contracts.VariantSpec;
import dev.overton.generator.sampling.GenerationMeters;
import dev.overton.generator.sampling.PromptFrames;
import dev.overton.generator.sampling.SampleUsage;
import dev.overton.generator.sampling.SampledSet;
import dev.overton.generator.sampling.SamplingBackend;
import dev.overton.generator.tokenshift.ScoredAnswer;
import dev.overton.generator.tokenshift.ScoringCall;
import dev.overton.jlama.JlamaCall;
import dev.overton.jlama.JlamaCompletion;
import dev.overton.jlama.JlamaEngine;
import dev.overton.jlama.JlamaModelUnavailableException;
import dev.overton.jlama.JlamaModels;
import dev.overton.jlama.JlamaRuntime;
import dev.overton.jlama.JlamaSettings;
import dev.overton.jlama.JlamaTokenScores;
import dev.overton.jlama.JlamaUnsupportedRuntimeException;
import dev.overton.support.log.LogSafe;

/**
 * The embedded backend: draws samples in-process with jlama (generator-jlama module), for people without a model
 * server. A base variant ({@code api: completions}) gets the method's zero-shot frame (or its {@code params.template},
 * or icl-service's rendered prompt) and the closing fence as stop string, like the {@code openai} backend; a chat
 * variant gets the model's own chat template. Sample {@code i} is drawn with seed {@code seed + i}.
 *
 * <p>The engine is created on first use, so a generator whose JVM lacks the Vector API (started without {@code
 * --add-modules jdk.incubator.vector}, or a native image) still serves every other backend; a jlama variant then fails
 * with the reason and the fix. A model that is neither a local folder nor in the cache and cannot be downloaded fails
 * the set with a message naming the cache path and the alternatives, never hangs (the download has timeouts).
 */
public final class JlamaBackend implements SamplingBackend {

    private static final Logger LOG = Logger.getLogger(JlamaBackend.class);

    /** The sampling parameters this backend understands; anything else fails the set instead of being ignored. */
    public static final Set<String> SUPPORTED_PARAMS = Set.of("temperature", "max_tokens", "seed", "stop", "template");

    /** Used when a variant gives no {@code max_tokens}. */
    public static final int DEFAULT_MAX_TOKENS = 256;

    private final JlamaSettings settings;
    private final GenerationMeters meters;
    private volatile JlamaEngine engine;

    /**
     * @param settings where models are cached and how they are downloaded
     * @param meters in-flight calls (endpoint {@value #ENDPOINT}) and tokens per second, like the openai backend's
     */
    public JlamaBackend(JlamaSettings settings, GenerationMeters meters) {
        this.settings = settings;
        this.meters = meters;
    }

    /** The endpoint tag of the in-process calls in the generation metrics. */
    public static final String ENDPOINT = "in-process";

    @Override
    public String name() {
        return "jlama";
    }

    @Override
    public void checkVariant(
            dev.overton.contracts.spec.ModelEntry entry, java.util.List<dev.overton.contracts.spec.FieldError> errors) {
        JlamaVariantCheck.check(entry, errors);
    }

    @Override
    public void checkTokenScoring(VariantSpec base, String at, List<dev.overton.contracts.spec.FieldError> errors) {
        JlamaVariantCheck.checkScoring(base, at, errors);
    }

    /**
     * Scores the answer by one forward pass over the context and the answer ({@link JlamaEngine#score}): the two are
     * tokenised separately and joined, so the answer's tokens are exactly its own encoding and every offset is within
     * it. A model that cannot be loaded, or a text that does not fit its context, gives a failed result with the
     * reason.
     */
    @Override
    public ScoredAnswer scoreTokens(ScoringCall call) {
        VariantSpec variant = call.model();
        String method = TokenScores.FORWARD_PASS;
        try {
            if (variant.model() == null || variant.model().isBlank()) {
                return ScoredAnswer.failed(method, "jlama variant '" + variant.name() + "' names no model");
            }
            JlamaEngine engine = engine();
            GenerationMeters.EndpointLoad load = meters.endpoint(ENDPOINT);
            JlamaTokenScores scores;
            load.inFlight().incrementAndGet();
            try {
                scores = engine.score(variant.model(), call.context(), call.answer(), call.topK());
            } finally {
                load.inFlight().decrementAndGet();
            }
            List<ScoredToken> tokens = scores.tokens().stream()
                    .map(t -> new ScoredToken(t.text(), t.offset(), t.logprob(), t.rank()))
                    .toList();
            return ScoredAnswer.of(tokens, method, scores.latency().toMillis());
        } catch (JlamaModelUnavailableException
                | JlamaUnsupportedRuntimeException
                | IllegalArgumentException
                | IllegalStateException e) {
            return ScoredAnswer.failed(method, "jlama variant '" + variant.name() + "': " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            LOG.errorf(e, "jlama variant %s failed to score tokens", LogSafe.quote(variant.name()));
            return ScoredAnswer.failed(method, "jlama variant '" + variant.name() + "' failed: " + e);
        }
    }

    @Override
    public SampledSet sample(GenerationRequest request) {
        VariantSpec variant = request.variant();
        try {
            List<JlamaCall> calls = calls(request);
            JlamaEngine engine = engine();
            List<Sample> samples = new ArrayList<>(calls.size());
            List<SampleUsage> usage = new ArrayList<>(calls.size());
            GenerationMeters.EndpointLoad load = meters.endpoint(ENDPOINT);
            for (int i = 0; i < calls.size(); i++) {
                JlamaCompletion done;
                load.inFlight().incrementAndGet();
                try {
                    done = engine.generate(calls.get(i));
                } finally {
                    load.inFlight().decrementAndGet();
                }
                meters.recordCall(
                        variant.name(), done.completionTokens(), done.latency().toNanos());
                samples.add(new Sample(i, done.text(), done.finishReason()));
                usage.add(new SampleUsage(
                        done.promptTokens(),
                        done.completionTokens(),
                        done.latency().toMillis()));
            }
            return SampledSet.of(samples, usage);
        } catch (JlamaModelUnavailableException
                | JlamaUnsupportedRuntimeException
                | IllegalArgumentException
                | IllegalStateException e) {
            return SampledSet.failed("jlama variant '" + variant.name() + "': " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            LOG.errorf(e, "jlama variant %s failed", LogSafe.quote(variant.name()));
            return SampledSet.failed("jlama variant '" + variant.name() + "' failed: " + e);
        }
    }

    /** The calls for the N samples of {@code request}; throws {@link IllegalArgumentException} naming a bad field. */
    static List<JlamaCall> calls(GenerationRequest request) {
        VariantSpec variant = request.variant();
        if (variant.model() == null || variant.model().isBlank()) {
            throw new IllegalArgumentException("names no model; set 'model' to a Hugging Face repo id (e.g. "
                    + JlamaModels.SMOLLM2_INSTRUCT + ") or a local model folder");
        }
        Map<String, Object> params = variant.params() == null ? Map.of() : variant.params();
        Set<String> unsupported = new TreeSet<>(params.keySet());
        unsupported.removeAll(SUPPORTED_PARAMS);
        if (!unsupported.isEmpty()) {
            throw new IllegalArgumentException("params " + unsupported + " are not supported by the embedded backend"
                    + " (it supports " + new TreeSet<>(SUPPORTED_PARAMS) + "); remove them or use the openai backend");
        }
        String api = variant.api() == null ? "chat" : variant.api();
        double temperature = number(params.get("temperature"), "temperature", 1.0);
        int maxTokens = (int) number(params.get("max_tokens"), "max_tokens", DEFAULT_MAX_TOKENS);
        Long seed = params.get("seed") == null ? null : (long) number(params.get("seed"), "seed", 0);
        List<String> stops = stops(params.get("stop"));
        int wanted = variant.samples();
        if (wanted < 1) {
            throw new IllegalArgumentException("asks for " + wanted + " samples; set 'samples' to at least 1");
        }
        List<JlamaCall> calls = new ArrayList<>(wanted);
        if ("chat".equals(api)) {
            if (request.renderedPrompt() != null) {
                throw new IllegalArgumentException("got a rendered (in-context) prompt but uses the chat API;"
                        + " in-context variants need a base variant with api 'completions'");
            }
            List<JlamaCall.Message> messages = new ArrayList<>();
            for (ChatMessage m : request.prompt().messages()) {
                messages.add(new JlamaCall.Message(m.role(), m.content()));
            }
            for (int i = 0; i < wanted; i++) {
                calls.add(JlamaCall.chat(variant.model(), messages, temperature, maxTokens, seedOf(seed, i), stops));
            }
        } else if ("completions".equals(api)) {
            String prompt;
            if (request.renderedPrompt() != null) {
                prompt = request.renderedPrompt();
            } else {
                String template = params.get("template") instanceof String t ? t : PromptFrames.ZERO_SHOT;
                prompt = PromptFrames.render(template, request.prompt().userText());
            }
            List<String> effectiveStops = params.containsKey("stop") || !PromptFrames.endsInsideFence(prompt)
                    ? stops
                    : List.of(PromptFrames.FENCE);
            for (int i = 0; i < wanted; i++) {
                calls.add(JlamaCall.completion(
                        variant.model(), prompt, temperature, maxTokens, seedOf(seed, i), effectiveStops));
            }
        } else {
            throw new IllegalArgumentException("has api '" + api + "'; use 'chat' or 'completions'");
        }
        return calls;
    }

    private static Long seedOf(Long seed, int index) {
        return seed == null ? null : seed + index;
    }

    private static double number(Object value, String param, double fallback) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("params." + param + " must be a number, was '" + value + "'");
    }

    private static List<String> stops(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            return List.of(s);
        }
        if (value instanceof List<?> list) {
            List<String> stops = new ArrayList<>();
            for (Object o : list) {
                stops.add(String.valueOf(o));
            }
            return stops;
        }
        throw new IllegalArgumentException("params.stop must be a string or a list of strings");
    }

    private JlamaEngine engine() {
        JlamaEngine current = engine;
        if (current == null) {
            synchronized (this) {
                current = engine;
                if (current == null) {
                    JlamaRuntime.requireSupported();
                    current = new JlamaEngine(new JlamaModels(settings));
                    engine = current;
                }
            }
        }
        return current;
    }

    /** Unloads the models. */
    public void close() {
        JlamaEngine current = engine;
        if (current != null) {
            current.close();
        }
    }
}

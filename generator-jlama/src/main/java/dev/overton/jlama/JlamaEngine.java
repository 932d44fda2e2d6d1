package dev.overton.jlama;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Runs language models inside this JVM with jlama: the engine behind the generator's {@code jlama} backend, for
 * people without a model server.
 *
 * <p>A model is loaded on its first call (downloaded first when needed, see {@link JlamaModels}) and kept until the
 * engine is closed, so a run's N samples of P prompts load it once. The engine is thread-safe: calls on one model run
 * one after the other (each already uses every core), calls on different models run in parallel, and a model that
 * failed to load is tried again on the next call, so a run started before the network came back can be retried.
 *
 * <p>One call is one sample; see {@link JlamaCall} for how the caller seeds N samples.
 */
public final class JlamaEngine implements AutoCloseable {

    private final JlamaModels models;
    private final Function<Path, LoadedModel> loader;
    private final ConcurrentMap<String, Slot> slots = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * An engine that finds models with {@code models}.
     *
     * @throws JlamaUnsupportedRuntimeException when this JVM cannot run jlama (see {@link JlamaRuntime})
     */
    public JlamaEngine(JlamaModels models) {
        this(models, null);
    }

    JlamaEngine(JlamaModels models, Function<Path, LoadedModel> loader) {
        // Before anything touches a jlama class: without the Vector API those fail to load (jdk.incubator.vector.*).
        JlamaRuntime.requireSupported();
        this.models = models;
        this.loader = loader == null ? LoadedModel::load : loader;
    }

    /**
     * Draws one sample.
     *
     * @throws JlamaModelUnavailableException when the model is not cached and cannot be downloaded
     * @throws IllegalArgumentException when the call does not fit the model: chat asked of a model without a chat
     *     template, a prompt longer than the model's context, a folder that is not a model jlama can run
     * @throws IllegalStateException after {@link #close()}
     */
    public JlamaCompletion generate(JlamaCall call) {
        return model(call.model()).generate(call);
    }

    /**
     * Scores {@code answer} token by token after {@code context} with {@code model}: one forward pass, each answer
     * token's log-probability and its rank among the model's {@code topK} most likely tokens ({@link
     * LoadedModel#score}).
     *
     * @throws JlamaModelUnavailableException when the model is not cached and cannot be downloaded
     * @throws IllegalArgumentException when the answer is empty or does not fit the model's context
     */
    public JlamaTokenScores score(String model, String context, String answer, int topK) {
        return model(model).score(context, answer, topK);
    }

    /**
     * Loads {@code model} now instead of on its first call (e.g. at startup, so that the first sample's latency is not
     * the loading time, and a missing model is reported before a run is accepted).
     *
     * @throws JlamaModelUnavailableException when the model is not cached and cannot be downloaded
     */
    public void load(String model) {
        model(model);
    }

    /** The models loaded so far, as they were named in calls. */
    public Set<String> loadedModels() {
        Set<String> names = new TreeSet<>();
        slots.forEach((name, slot) -> {
            if (slot.loaded != null) {
                names.add(name);
            }
        });
        return names;
    }

    /** The model resolver this engine uses. */
    public JlamaModels models() {
        return models;
    }

    /** Unloads every model, each after its call in progress; later calls fail. */
    @Override
    public void close() {
        closed = true;
        slots.values().forEach(Slot::close);
    }

    private LoadedModel model(String name) {
        if (closed) {
            throw new IllegalStateException("the jlama engine is closed");
        }
        return slots.computeIfAbsent(name, n -> new Slot()).get(name);
    }

    /** Holds one model; loading happens under its own lock so that other models stay usable meanwhile. */
    private final class Slot {
        private volatile LoadedModel loaded;

        LoadedModel get(String name) {
            LoadedModel current = loaded;
            if (current != null) {
                return current;
            }
            synchronized (this) {
                if (loaded == null) {
                    if (closed) {
                        throw new IllegalStateException("the jlama engine is closed");
                    }
                    loaded = loader.apply(models.resolve(name));
                }
                return loaded;
            }
        }

        synchronized void close() {
            if (loaded != null) {
                loaded.close();
            }
        }
    }
}

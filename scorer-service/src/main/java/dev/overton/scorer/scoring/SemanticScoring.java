package dev.overton.scorer.scoring;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.overton.contracts.spec.MeasureGroup;
import dev.overton.scorer.config.ScorerConfig;
import dev.overton.semantic.encoder.EncoderSpec;
import dev.overton.semantic.encoder.OnnxEncoder;

/**
 * Holds the scorer's {@link SemanticScorer}, loading the bundled encoder on first use (on the worker thread that
 * needs it, so start-up stays fast) unless {@code overton.semantic.enabled} is false. Once loaded, the encoder's work is
 * exported as counters (texts, texts encoded again, windows, tokens, seconds inside ONNX Runtime), so that a run's
 * end-to-end tokens per second can be set against the encoder's own (docs/semantic.md, "Benchmark").
 */
@ApplicationScoped
public class SemanticScoring {

    private static final Logger LOG = Logger.getLogger(SemanticScoring.class);

    /** The setting that switches the model-based groups on. */
    public static final String ENABLE_SETTING = "overton.semantic.enabled=true";

    /** The groups that need the encoder. */
    public static final Set<MeasureGroup> MODEL_GROUPS = Collections.unmodifiableSet(
            EnumSet.of(MeasureGroup.EMBEDDING, MeasureGroup.BERTSCORE, MeasureGroup.COVERAGE));

    private final ScorerConfig config;
    private final MeterRegistry registry;
    private volatile SemanticScorer scorer;

    public SemanticScoring(ScorerConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /** The measure groups this scorer computes with its configuration. */
    public Set<MeasureGroup> offered() {
        Set<MeasureGroup> offered = EnumSet.allOf(MeasureGroup.class);
        if (!config.semantic().enabled()) {
            offered.removeAll(MODEL_GROUPS);
        }
        return offered;
    }

    /** Whether the model-based groups are switched on (without loading the encoder). */
    public boolean enabled() {
        return config.semantic().enabled();
    }

    /** The scorer, or empty when semantic measures are switched off. Blocking on first call. */
    public Optional<SemanticScorer> scorer() {
        if (!config.semantic().enabled()) {
            return Optional.empty();
        }
        SemanticScorer s = scorer;
        if (s == null) {
            synchronized (this) {
                s = scorer;
                if (s == null) {
                    long start = System.nanoTime();
                    EncoderSpec spec = EncoderSpec.bundledMiniLm();
                    OnnxEncoder encoder = new OnnxEncoder(
                            spec,
                            config.semantic().threads(),
                            OnnxEncoder.UNBATCHED,
                            config.semantic().parallelCalls());
                    s = new SemanticScorer(
                            encoder,
                            config.semantic().coverageThreshold(),
                            config.semantic().cacheMb() * (1024L * 1024 / Float.BYTES));
                    register(encoder);
                    LOG.infof("encoder %s loaded in %d ms", spec.name(), (System.nanoTime() - start) / 1_000_000);
                    scorer = s;
                }
            }
        }
        return Optional.of(s);
    }

    private void register(OnnxEncoder encoder) {
        counter("overton.semantic.texts.encoded", "texts run through the encoder", encoder, OnnxEncoder::textsEncoded);
        counter(
                "overton.semantic.texts.encoded.again",
                "texts run through the encoder again after the bounded caches evicted them",
                encoder,
                OnnxEncoder::textsEncodedAgain);
        counter("overton.semantic.windows.encoded", "windows run", encoder, OnnxEncoder::windowsEncoded);
        counter("overton.semantic.tokens.encoded", "real (unpadded) tokens run", encoder, OnnxEncoder::tokensEncoded);
        counter(
                "overton.semantic.encode.seconds",
                "wall time inside ONNX Runtime",
                encoder,
                e -> e.encodeNanos() / 1e9);
    }

    private void counter(String name, String description, OnnxEncoder encoder, ToDoubleFunction<OnnxEncoder> count) {
        FunctionCounter.builder(name, encoder, count).description(description).register(registry);
    }
}

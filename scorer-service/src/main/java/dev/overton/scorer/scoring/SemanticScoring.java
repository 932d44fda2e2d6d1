package dev.overton.scorer.scoring;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.overton.contracts.spec.MeasureGroup;
import dev.overton.scorer.config.ScorerConfig;
import dev.overton.semantic.encoder.EncoderSpec;
import dev.overton.semantic.encoder.OnnxEncoder;

/**
 * Holds the scorer's {@link SemanticScorer}, loading the bundled encoder on first use (on the worker thread that
 * needs it, so start-up stays fast) unless {@code overton.semantic.enabled} is false.
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
    private volatile SemanticScorer scorer;

    public SemanticScoring(ScorerConfig config) {
        this.config = config;
    }

    /** The measure groups this scorer computes with its configuration. */
    public Set<MeasureGroup> offered() {
        Set<MeasureGroup> offered = EnumSet.allOf(MeasureGroup.class);
        if (!config.semantic().enabled()) {
            offered.removeAll(MODEL_GROUPS);
        }
        return offered;
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
                    s = new SemanticScorer(
                            new OnnxEncoder(spec, config.semantic().threads()),
                            config.semantic().coverageThreshold(),
                            config.semantic().cacheMb() * (1024L * 1024 / Float.BYTES));
                    LOG.infof("encoder %s loaded in %d ms", spec.name(), (System.nanoTime() - start) / 1_000_000);
                    scorer = s;
                }
            }
        }
        return Optional.of(s);
    }
}

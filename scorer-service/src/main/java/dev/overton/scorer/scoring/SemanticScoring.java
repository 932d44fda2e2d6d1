package dev.overton.scorer.scoring;

import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

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

    private final ScorerConfig config;
    private volatile SemanticScorer scorer;

    public SemanticScoring(ScorerConfig config) {
        this.config = config;
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

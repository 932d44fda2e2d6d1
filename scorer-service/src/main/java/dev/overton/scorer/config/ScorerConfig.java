package dev.overton.scorer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The scorer's own settings, under {@code overton.*}. */
@ConfigMapping(prefix = "overton")
public interface ScorerConfig {

    /** How aggregates over prompts are computed. */
    Aggregates aggregates();

    /** Which runs' aggregates are exported as Prometheus gauges. */
    Gauges gauges();

    /** The measures that need a model (embeddings, BERTScore, coverage). */
    Semantic semantic();

    /** The measures that need a model (embeddings, BERTScore, coverage). */
    interface Semantic {
        /** Whether to compute them; off, the scorer serves the lexical measures only (much faster). */
        @WithDefault("true")
        boolean enabled();

        /** Cosine at which a base sentence counts as covered by the aligned answer (0.6 suits the bundled MiniLM). */
        @WithDefault("0.6")
        double coverageThreshold();

        /** Bound of the BERTScore token-matrix cache in MiB; the heap needs room for it (default heap: 1 GB+). */
        @WithDefault("256")
        int cacheMb();

        /** ONNX Runtime intra-op threads of the encoder. */
        @WithDefault("2")
        int threads();
    }

    /** Which runs' aggregates are exported as Prometheus gauges. */
    interface Gauges {
        /** Runs that received a sample set within this window are exported. */
        @WithDefault("24h")
        java.time.Duration window();

        /** At most this many runs (the most recent) are exported, to bound the series count. */
        @WithDefault("20")
        int maxRuns();
    }

    /** How aggregates over prompts are computed. */
    interface Aggregates {
        /** Bootstrap resamples for the confidence interval of a mean over prompts. */
        @WithDefault("2000")
        int resamples();

        /** Seed of the bootstrap, so that an aggregate served twice does not move. */
        @WithDefault("20240625")
        long seed();
    }
}

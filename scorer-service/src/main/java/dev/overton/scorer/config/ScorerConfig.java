package dev.overton.scorer.config;

import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
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

    /** Where files named in run specs (a replay judge's released verdicts) are looked up. */
    Files files();

    /** The LLM judges. */
    Judge judge();

    /** How this scorer tells the generator what it computes ({@code scorer-capabilities}). */
    Capabilities capabilities();

    /** The monitors' history and alarms. */
    Monitors monitors();

    /** The monitors' history and alarms. */
    interface Monitors {
        /**
         * How often the sweep evaluates windows no event completed (after a crash, or a baseline scored late) and
         * publishes alarm changes left in the outbox (the scheduler reads the key {@code overton.monitors.sweep}).
         */
        @WithDefault("10s")
        java.time.Duration sweep();
    }

    /** How this scorer tells the generator what it computes. */
    interface Capabilities {
        /**
         * How often the record is published again (it is also published at start), so that it outlives the topic's
         * retention where the topic is not compacted.
         */
        @WithDefault("10m")
        java.time.Duration every();
    }

    /**
     * Where files named in run specs are looked up: the same rules as the generator's replay sources (keys {@code
     * overton.files.*} in both services).
     */
    interface Files {
        /** Folder that relative paths in a run spec are resolved against; unset: the working directory. */
        Optional<String> baseDir();

        /**
         * Folders the files must lie in after symbolic links are resolved (relative ones are resolved against {@code
         * base-dir}); unset or empty: {@code base-dir} only.
         */
        Optional<List<String>> allowedDirs();

        /**
         * The largest file read (checked when the file is opened, and again while it is read); bigger files are refused
         * with the reason.
         */
        @WithDefault("64M")
        MemorySize maxFileSize();
    }

    /** The LLM judges (requests through the generator's backends, or replay of released verdicts). */
    interface Judge {
        /** Version of the judge prompts for new requests: files {@code judge-prompts/<judgement>-<version>.txt}. */
        @WithDefault("v1")
        String promptVersion();

        /**
         * Whether judge requests to {@code openai} chat backends ask the server for JSON output ({@code
         * "response_format": {"type": "json_object"}}) when the spec's params do not set {@code response_format}
         * themselves. The verdict is parsed strictly either way.
         */
        @WithDefault("true")
        boolean jsonMode();
    }

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

        /**
         * ONNX calls the encoder runs at once, each on one window (values unchanged: docs/semantic.md, "The model").
         * With {@code threads} 1 and one call per core the cores work on different windows; which is faster depends on
         * the machine, so the replay bench measures both ways (docs/semantic.md, "End to end through the services").
         */
        @WithDefault("1")
        int parallelCalls();
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

package dev.overton.icl.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** icl-service's own settings, under {@code overton.*}. */
@ConfigMapping(prefix = "overton")
public interface IclConfig {

    /** Where files named in run specs (templates, instructions, example pools) are looked up. */
    Files files();

    /** Building and sending in-context generation requests. */
    Orchestration orchestration();

    /** How in-context prompts are built: the embedder of nearest-neighbour example selection. */
    Icl icl();

    /** The recovery verdict. */
    Recovery recovery();

    /** Which runs' verdicts are exported as Prometheus gauges. */
    Gauges gauges();

    /** Where files named in run specs are looked up. */
    interface Files {
        /** Folder that relative template, instruction and pool paths are resolved against. */
        @WithDefault(".")
        String baseDir();

        /**
         * Folders that template, instruction and pool files must lie in after symbolic links are resolved (relative
         * ones are resolved against {@code base-dir}); unset or empty: {@code base-dir} only.
         */
        Optional<List<String>> allowedDirs();

        /** The largest template, instruction or pool file read. */
        @WithDefault("64M")
        MemorySize maxFileSize();
    }

    /** Building and sending in-context generation requests. */
    interface Orchestration {
        /** A request stored as built but not marked sent for this long is sent again (the generator is idempotent). */
        @WithDefault("30s")
        Duration resendAfter();

        /** How often runs with in-context work left are checked (a safety net for missed triggers and restarts). */
        @WithDefault("15s")
        Duration sweepEvery();
    }

    /** How in-context prompts are built. */
    interface Icl {
        /**
         * The embedder of {@code knn-prompt} / {@code knn-response} selection: {@code minilm} (sentence embeddings of
         * the bundled all-MiniLM-L6-v2, finds paraphrases) or {@code tfidf} (lexical, shared words only; no model).
         */
        @WithDefault("minilm")
        EmbedderChoice embedder();

        /** ONNX Runtime intra-op threads of the MiniLM embedder. */
        @WithDefault("2")
        int embedderThreads();

        /** MiniLM embeddings kept in memory (by text hash), so a text shared by runs is embedded once. */
        @WithDefault("4096")
        int embedderCacheEntries();
    }

    /** The embedders nearest-neighbour selection can use. */
    enum EmbedderChoice {
        /** Sentence embeddings: mean-pooled all-MiniLM-L6-v2 (int8), the {@code semantic} module's encoder. */
        MINILM,
        /** Bag-of-words TF-IDF over the run's texts; the fallback without a model. */
        TFIDF
    }

    /** The recovery verdict. */
    interface Recovery {
        /** Bootstrap resamples for the interval of a recovery. */
        @WithDefault("2000")
        int resamples();

        /** Seed of the bootstrap, so that a verdict served twice does not move. */
        @WithDefault("20240625")
        long seed();

        /** Confidence level of the interval. */
        @WithDefault("0.95")
        double level();

        /** A run's RecoveryReport is re-published at most this often while its values change. */
        @WithDefault("10s")
        Duration reportInterval();
    }

    /** Which runs' verdicts are exported as Prometheus gauges. */
    interface Gauges {
        /** Runs that received a pair value within this window are exported. */
        @WithDefault("24h")
        Duration window();

        /** At most this many runs (the most recent) are exported, to bound the series count. */
        @WithDefault("20")
        int maxRuns();
    }
}

package dev.overton.generator.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The generator's own settings, under {@code overton.*}. */
@ConfigMapping(prefix = "overton")
public interface GeneratorConfig {

    /** Where files named in run specs are looked up. */
    Files files();

    /** Publishing of accepted runs. */
    Outbox outbox();

    /** Who may call the write endpoints. */
    Security security();

    /** The model backends that sample variants. */
    BackendSettings backends();

    /** How many consumed records one generator instance works on at a time. */
    Consumers generator();

    /**
     * How many consumed records one generator instance works on at a time ({@code overton.generator.*}). Records are
     * taken in parallel up to the limit and their offsets committed only when every earlier record of the partition is
     * done, so a slow model server holds up at most this many records; the per-endpoint limit of each backend still
     * applies inside it.
     */
    interface Consumers {
        /** Generation requests in flight at once per instance (each may make several model calls). */
        @WithDefault("4")
        int maxConcurrentRequests();

        /** Completion requests (judge verdicts, summaries) in flight at once per instance. */
        @WithDefault("4")
        int maxConcurrentCompletions();
    }

    /** Where files named in run specs are looked up. */
    interface Files {
        /** Folder that relative dataset paths and replay sources are resolved against. */
        @WithDefault(".")
        String baseDir();

        /**
         * Folders that dataset paths and replay sources must lie in (relative ones are resolved against {@code
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

    /** Who may call the write endpoints ({@code POST /runs}). */
    interface Security {
        /** Whether write endpoints require an {@code X-API-Key} header; off only in the {@code local} profile. */
        @WithDefault("true")
        boolean enabled();

        /** The accepted keys (env {@code OVERTON_API_KEYS}, comma-separated); none configured refuses every write. */
        Optional<List<String>> apiKeys();
    }

    /** Publishing of accepted runs. */
    interface Outbox {
        /** How long an accepted run may stay unpublished (e.g. Kafka was down) before it is published again. */
        @WithDefault("30s")
        Duration republishAfter();
    }

    /** The model backends that sample variants. */
    interface BackendSettings {
        /** The backend for OpenAI-compatible servers ({@code "backend": "openai"}). */
        OpenAi openai();

        /** The embedded in-process backend ({@code "backend": "jlama"}). */
        Jlama jlama();
    }

    /**
     * The embedded backend: models run in the generator's JVM with jlama (needs {@code --add-modules
     * jdk.incubator.vector}; not available in the native image). Hugging Face's {@code HF_ENDPOINT}, {@code
     * HF_HUB_OFFLINE} and {@code HF_TOKEN} environment variables are honoured.
     */
    interface Jlama {
        /** Folder models are downloaded to and loaded from; default {@code ~/.cache/overton/jlama}. */
        Optional<String> cacheDir();

        /** How long to wait for a connection to the Hugging Face hub when a model is not cached. */
        @WithDefault("10s")
        Duration connectTimeout();

        /** How long a download may wait for data before it fails (it never hangs). */
        @WithDefault("30s")
        Duration readTimeout();

        /** Never contact the hub: a model that is not cached fails at once, naming the cache path. */
        @WithDefault("false")
        boolean offline();
    }

    /** The backend for OpenAI-compatible servers: vLLM, TGI, llama.cpp, Ollama, OpenAI. */
    interface OpenAi {
        /** How long to wait for a TCP connection to a model server. */
        @WithDefault("10s")
        Duration connectTimeout();

        /** How long one HTTP request may take, response included (N samples of max_tokens each can take minutes). */
        @WithDefault("5m")
        Duration requestTimeout();

        /** Most requests in flight to one endpoint at a time, per generator instance. */
        @WithDefault("4")
        int maxConcurrency();

        /** Environment variable whose value is sent as the Bearer token; unset or empty sends no key. */
        @WithDefault("OPENAI_API_KEY")
        String apiKeyEnv();

        /** Retries of one HTTP request. */
        Retry retry();

        /** The per-endpoint circuit breaker. */
        CircuitBreakerSettings circuitBreaker();

        /** Settings for particular endpoints, under a name of your choice ({@code endpoints.<name>.url=...}). */
        Map<String, Endpoint> endpoints();
    }

    /** Retries of one HTTP request on 429, 5xx, timeouts and connection errors. */
    interface Retry {
        /** Attempts per request, the first included; 1 turns retries off. */
        @WithDefault("4")
        int maxAttempts();

        /** Delay scale: the wait before attempt k+1 is drawn from [d/2, d], d = base-delay * 2^(k-1). */
        @WithDefault("1s")
        Duration baseDelay();

        /** Cap on one wait; a 429 asking for a longer Retry-After fails at once instead. */
        @WithDefault("30s")
        Duration maxDelay();
    }

    /** The per-endpoint circuit breaker. */
    interface CircuitBreakerSettings {
        /** Consecutive failures (5xx, timeouts, connection errors) that open it. */
        @WithDefault("5")
        int failureThreshold();

        /** How long it refuses calls once open, before one trial call is let through. */
        @WithDefault("30s")
        Duration coolDown();
    }

    /** Settings for one endpoint that differ from the defaults above. */
    interface Endpoint {
        /** The endpoint's base URL, as variants give it, e.g. {@code http://gpu-1:8000/v1}. */
        String url();

        /** Environment variable holding this endpoint's API key, instead of {@code api-key-env}. */
        Optional<String> apiKeyEnv();

        /** This endpoint's concurrency limit, instead of {@code max-concurrency}. */
        Optional<Integer> maxConcurrency();
    }
}

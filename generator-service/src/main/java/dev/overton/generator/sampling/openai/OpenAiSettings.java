package dev.overton.generator.sampling.openai;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The settings of the {@link OpenAiBackend}, as plain values so that the backend needs no configuration framework
 * (the service builds them from {@code overton.backends.openai.*}; tests build them directly).
 *
 * <p>It holds the <em>names</em> of the environment variables that carry API keys, never the keys themselves, so it
 * can be logged and printed safely.
 *
 * @param connectTimeout how long to wait for a connection to an endpoint
 * @param requestTimeout how long one HTTP request may take, response included
 * @param maxConcurrency most requests in flight to one endpoint at a time (unless the endpoint says otherwise)
 * @param apiKeyEnv the environment variable whose value is sent as the Bearer token (unless the endpoint names
 *     another); unset or blank sends no {@code Authorization} header
 * @param retry how requests are retried
 * @param failureThreshold consecutive failures that open an endpoint's circuit breaker
 * @param coolDown how long an open breaker refuses calls before a trial call
 * @param endpoints per-endpoint overrides
 */
public record OpenAiSettings(
        Duration connectTimeout,
        Duration requestTimeout,
        int maxConcurrency,
        String apiKeyEnv,
        RetryPolicy retry,
        int failureThreshold,
        Duration coolDown,
        List<EndpointSettings> endpoints) {

    /** Rejects settings that cannot work. */
    public OpenAiSettings {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + maxConcurrency);
        }
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }

    /** The defaults documented in {@code application.properties}, for tests and tools. */
    public static OpenAiSettings defaults() {
        return new OpenAiSettings(
                Duration.ofSeconds(10),
                Duration.ofMinutes(5),
                4,
                "OPENAI_API_KEY",
                new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30)),
                5,
                Duration.ofSeconds(30),
                List.of());
    }

    /** The override for {@code baseUrl}, matched after dropping trailing slashes, if one is configured. */
    public Optional<EndpointSettings> endpoint(String baseUrl) {
        String wanted = normalize(baseUrl);
        return endpoints.stream().filter(e -> normalize(e.url()).equals(wanted)).findFirst();
    }

    /** {@code url} without trailing slashes, so that {@code .../v1} and {@code .../v1/} are one endpoint. */
    public static String normalize(String url) {
        String u = url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    /**
     * Settings for one endpoint that differ from the defaults.
     *
     * @param url the endpoint's base URL, as variants give it (e.g. {@code http://gpu-1:8000/v1})
     * @param apiKeyEnv the environment variable holding this endpoint's key, or empty for the default
     * @param maxConcurrency the endpoint's concurrency limit, or empty for the default
     */
    public record EndpointSettings(String url, Optional<String> apiKeyEnv, Optional<Integer> maxConcurrency) {}
}

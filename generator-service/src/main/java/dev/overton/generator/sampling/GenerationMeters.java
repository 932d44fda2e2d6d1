package dev.overton.generator.sampling;

import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The throughput and load meters every sampling backend shares, so that a backend added later (say, an embedded one)
 * reports under the same names and tags as the openai one. Plain Micrometer, no framework.
 *
 * <ul>
 *   <li>{@value #CALLS_IN_FLIGHT} and {@value #CALLS_WAITING} (gauges; tags {@code backend}, {@code endpoint}): model
 *       calls running against an endpoint, and calls queued for one of its concurrency permits;
 *   <li>{@value #TOKENS_PER_SECOND} (distribution summary; tags {@code backend}, {@code variant}): completion tokens
 *       per second of one model call, as the server counted the tokens and the generator timed the call;
 *   <li>{@value #COMPLETION_TOKENS} (counter; tags {@code backend}, {@code variant}): completion tokens, so that {@code
 *       rate()} gives a variant's token throughput over all calls.
 * </ul>
 *
 * Tags stay low-cardinality: an endpoint is its base URL without user info, a variant its name in the run spec.
 */
public final class GenerationMeters {

    /** Gauge: model calls in flight, per backend and endpoint. */
    public static final String CALLS_IN_FLIGHT = "overton.generation.calls.in.flight";

    /** Gauge: model calls waiting for an endpoint's concurrency permit, per backend and endpoint. */
    public static final String CALLS_WAITING = "overton.generation.calls.waiting";

    /** Distribution summary: completion tokens per second of one model call, per backend and variant. */
    public static final String TOKENS_PER_SECOND = "overton.generation.tokens.per.second";

    /** Counter: completion tokens the servers reported, per backend and variant. */
    public static final String COMPLETION_TOKENS = "overton.generation.completion.tokens";

    private final MeterRegistry registry;
    private final String backend;
    private final ConcurrentMap<String, EndpointLoad> endpoints = new ConcurrentHashMap<>();

    /**
     * @param registry where the meters live
     * @param backend the backend's name, the {@code backend} tag of every meter
     */
    public GenerationMeters(MeterRegistry registry, String backend) {
        this.registry = registry;
        this.backend = backend;
    }

    /** The in-flight and waiting counts of {@code endpoint}, registered as gauges on first use. */
    public EndpointLoad endpoint(String endpoint) {
        String tag = endpointTag(endpoint);
        return endpoints.computeIfAbsent(tag, t -> {
            EndpointLoad load = new EndpointLoad(new AtomicInteger(), new AtomicInteger());
            Gauge.builder(CALLS_IN_FLIGHT, load.inFlight(), AtomicInteger::get)
                    .description("Model calls in flight, per backend and endpoint")
                    .tag("backend", backend)
                    .tag("endpoint", t)
                    .strongReference(true)
                    .register(registry);
            Gauge.builder(CALLS_WAITING, load.waiting(), AtomicInteger::get)
                    .description("Model calls waiting for an endpoint's concurrency permit, per backend and endpoint")
                    .tag("backend", backend)
                    .tag("endpoint", t)
                    .strongReference(true)
                    .register(registry);
            return load;
        });
    }

    /**
     * Records one model call's throughput.
     *
     * @param variant the variant (or completion purpose) the call was made for
     * @param completionTokens the call's completion tokens as the server reported them; {@code null} (not reported)
     *     or 0 records nothing, since no rate can be given
     * @param nanos the call's duration
     */
    public void recordCall(String variant, Integer completionTokens, long nanos) {
        if (completionTokens == null || completionTokens <= 0) {
            return;
        }
        String v = variant == null ? "" : variant;
        Counter.builder(COMPLETION_TOKENS)
                .description("Completion tokens the model servers reported, per backend and variant")
                .tag("backend", backend)
                .tag("variant", v)
                .register(registry)
                .increment(completionTokens);
        if (nanos > 0) {
            DistributionSummary.builder(TOKENS_PER_SECOND)
                    .description("Completion tokens per second of one model call, per backend and variant")
                    .tag("backend", backend)
                    .tag("variant", v)
                    .register(registry)
                    .record(completionTokens / (nanos / 1e9));
        }
    }

    /** {@code url} without user info, query or fragment (a tag must never carry a credential). */
    static String endpointTag(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return url;
            }
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
            return uri.getScheme() + "://" + uri.getHost() + port + path;
        } catch (IllegalArgumentException e) {
            return "(invalid)";
        }
    }

    /**
     * The live load of one endpoint, as read by its gauges.
     *
     * @param inFlight calls running now
     * @param waiting calls waiting for a permit
     */
    public record EndpointLoad(AtomicInteger inFlight, AtomicInteger waiting) {}
}

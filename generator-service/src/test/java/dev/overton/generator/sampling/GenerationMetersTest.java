package dev.overton.generator.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The shared throughput and load meters: names, tags, and what they refuse to record. */
class GenerationMetersTest {

    private static final double DELTA = 1e-9;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GenerationMeters meters = new GenerationMeters(registry, "openai");

    @Test
    void oneCallRecordsItsTokensPerSecondAndCountsItsTokens() {
        meters.recordCall("llama-2-chat", 120, TimeUnit.MILLISECONDS.toNanos(1500));
        meters.recordCall("llama-2-chat", 30, TimeUnit.MILLISECONDS.toNanos(500));

        var summary = registry.get(GenerationMeters.TOKENS_PER_SECOND)
                .tag("backend", "openai")
                .tag("variant", "llama-2-chat")
                .summary();
        // 120 tokens / 1.5 s = 80 tokens/s; 30 / 0.5 = 60.
        assertThat(summary.count()).isEqualTo(2);
        assertThat(summary.totalAmount()).isCloseTo(140.0, within(DELTA));
        assertThat(summary.max()).isCloseTo(80.0, within(DELTA));
        assertThat(registry.get(GenerationMeters.COMPLETION_TOKENS)
                        .tag("variant", "llama-2-chat")
                        .counter()
                        .count())
                .isEqualTo(150.0);
    }

    @Test
    void aCallWithoutReportedTokensRecordsNothing() {
        meters.recordCall("v", null, 1_000_000);
        meters.recordCall("v", 0, 1_000_000);

        assertThat(registry.find(GenerationMeters.TOKENS_PER_SECOND).summary()).isNull();
        assertThat(registry.find(GenerationMeters.COMPLETION_TOKENS).counter()).isNull();
    }

    @Test
    void endpointGaugesFollowTheLoadAndTheirTagCarriesNoCredentials() {
        GenerationMeters.EndpointLoad load = meters.endpoint("http://user:secret@gpu-1:8000/v1/");
        load.inFlight().set(3);
        load.waiting().set(2);

        assertThat(registry.get(GenerationMeters.CALLS_IN_FLIGHT)
                        .tag("backend", "openai")
                        .tag("endpoint", "http://gpu-1:8000/v1")
                        .gauge()
                        .value())
                .isEqualTo(3.0);
        assertThat(registry.get(GenerationMeters.CALLS_WAITING)
                        .tag("endpoint", "http://gpu-1:8000/v1")
                        .gauge()
                        .value())
                .isEqualTo(2.0);
        assertThat(meters.endpoint("http://gpu-1:8000/v1")).isSameAs(load);
    }
}

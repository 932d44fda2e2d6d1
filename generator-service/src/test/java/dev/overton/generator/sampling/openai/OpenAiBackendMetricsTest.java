package dev.overton.generator.sampling.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.overton.generator.sampling.GenerationMeters;
import dev.overton.generator.sampling.SampleUsage;
import dev.overton.generator.sampling.SampledSet;

/**
 * The openai backend's meters: token counts and latency per sample and in metrics, and the calls per endpoint and
 * variant.
 */
class OpenAiBackendMetricsTest extends OpenAiBackendFixture {

    @Test
    void tokenCountsAndLatencyAreRecordedPerSampleAndInMetrics() {
        server = FakeOpenAiServer.healthy();
        OpenAiBackend backend = backend();

        SampledSet one = backend.sample(request("chat", 1, params()));
        SampledSet two = backend.sample(request("chat", 2, params()));

        // The healthy server reports 12 prompt tokens and 5 completion tokens per choice.
        SampleUsage single = one.usageOf(0);
        assertThat(single.promptTokens()).isEqualTo(12);
        assertThat(single.completionTokens()).isEqualTo(5);
        assertThat(single.latencyMs()).isNotNull().isGreaterThanOrEqualTo(0L);
        // With n=2 the server reports only the total of both choices, which is not split.
        assertThat(two.usage()).extracting(SampleUsage::completionTokens).containsExactly(null, null);
        assertThat(two.usage()).extracting(SampleUsage::promptTokens).containsExactly(12, 12);
        assertThat(registry.get("overton.generation.tokens")
                        .tag("kind", "prompt")
                        .counter()
                        .count())
                .isEqualTo(24.0);
        assertThat(registry.get("overton.generation.tokens")
                        .tag("kind", "completion")
                        .counter()
                        .count())
                .isEqualTo(15.0);
        assertThat(registry.get("overton.generation.request.latency")
                        .tag("backend", "openai")
                        .tag("outcome", "ok")
                        .timer()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void callsAreMeteredPerEndpointAndVariant() {
        server = FakeOpenAiServer.healthy();

        backend().sample(request("chat", 3, Map.of()));

        // The fake reports 5 completion tokens per choice: one call with n = 3 drew 15.
        assertThat(registry.get(GenerationMeters.COMPLETION_TOKENS)
                        .tag("backend", "openai")
                        .tag("variant", "v")
                        .counter()
                        .count())
                .isEqualTo(15.0);
        assertThat(registry.get(GenerationMeters.TOKENS_PER_SECOND)
                        .tag("variant", "v")
                        .summary()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(GenerationMeters.TOKENS_PER_SECOND)
                        .tag("variant", "v")
                        .summary()
                        .max())
                .isPositive();
        assertThat(registry.get(GenerationMeters.CALLS_IN_FLIGHT)
                        .tag("endpoint", server.baseUrl())
                        .gauge()
                        .value())
                .as("nothing in flight once the call returned")
                .isZero();
        assertThat(registry.get(GenerationMeters.CALLS_WAITING)
                        .tag("endpoint", server.baseUrl())
                        .gauge()
                        .value())
                .isZero();
    }
}

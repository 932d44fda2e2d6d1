package dev.overton.generator.sampling.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.Sample;
import dev.overton.contracts.VariantSpec;
import dev.overton.generator.sampling.SampledSet;
import dev.overton.generator.sampling.openai.FakeOpenAiServer.Choice;
import dev.overton.generator.sampling.openai.FakeOpenAiServer.Reply;

/**
 * The openai backend's retries: Retry-After honoured up to the max delay, server errors, unreachable servers and
 * timeouts retried with backoff until the attempts run out, and bad requests not retried.
 */
class OpenAiBackendRetryTest extends OpenAiBackendFixture {

    @Test
    void rateLimitedRequestWaitsForRetryAfterThenSucceeds() {
        server = FakeOpenAiServer.start(FakeOpenAiServer.sequence(
                Reply.of(429, FakeOpenAiServer.openAiError("Rate limit reached", "requests"))
                        .withHeader("Retry-After", "2"),
                Reply.of(
                        200,
                        FakeOpenAiServer.chatBody(List.of(new Choice("a", "stop"), new Choice("b", "stop")), 1, 2))));

        SampledSet set = backend().sample(request("chat", 2, params()));

        assertThat(set.failed()).as(set.error()).isFalse();
        assertThat(set.samples()).extracting(Sample::text).containsExactly("a", "b");
        assertThat(server.received()).hasSize(2);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void retryAfterLongerThanTheMaxDelayFailsAtOnceWithTheReason() {
        server = FakeOpenAiServer.start(r -> Reply.of(429, FakeOpenAiServer.openAiError("quota", "insufficient_quota"))
                .withHeader("Retry-After", "3600"));

        SampledSet set = backend().sample(request("chat", 1, params()));

        assertThat(set.error()).contains("HTTP 429", "quota", "3600 s", "max-delay");
        assertThat(server.received()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void serverErrorsUntilAttemptsRunOutMakeAFailedSetWithStatusAndMessage() {
        server = FakeOpenAiServer.start(
                r -> Reply.of(500, FakeOpenAiServer.openAiError("CUDA out of memory", "server_error")));

        SampledSet set = backend().sample(request("chat", 5, params()));

        assertThat(set.failed()).isTrue();
        assertThat(set.samples()).isEmpty();
        assertThat(set.error())
                .contains("HTTP 500", server.baseUrl() + "/chat/completions", "CUDA out of memory", "after 4 attempts");
        assertThat(server.received()).hasSize(4);
        // Equal jitter: the k-th wait lies in [d/2, d] with d = 1 s * 2^(k-1).
        assertThat(sleeps).hasSize(3);
        for (int k = 0; k < 3; k++) {
            long d = 1000L << k;
            assertThat(sleeps.get(k).toMillis()).isBetween(d / 2, d);
        }
    }

    @Test
    void badRequestIsNotRetriedAndKeepsTheServersMessage() {
        server = FakeOpenAiServer.start(r -> Reply.of(
                400,
                FakeOpenAiServer.vllmError(
                        "This model's maximum context length is 4096 tokens. However, you requested 5120 tokens.",
                        400)));

        SampledSet set = backend().sample(request("completions", 5, params("max_tokens", 1024)));

        assertThat(set.failed()).isTrue();
        assertThat(set.error()).startsWith("HTTP 400 from ").contains("maximum context length is 4096 tokens");
        assertThat(server.received()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void unreachableServerIsRetriedThenAFailedSet() {
        server = FakeOpenAiServer.healthy();
        String deadUrl = server.baseUrl();
        server.close();
        server = null;
        GenerationRequest request = request(new VariantSpec("v", "openai", "m", null, deadUrl, "chat", 1, Map.of()));

        SampledSet set = backend().sample(request);

        assertThat(set.error()).contains("cannot connect", deadUrl, "after 4 attempts");
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void requestTimeoutIsRetriedThenAFailedSet() {
        server = FakeOpenAiServer.start(r -> FakeOpenAiServer.echo(r).after(Duration.ofSeconds(2)));
        OpenAiSettings d = OpenAiSettings.defaults();
        OpenAiSettings quick = new OpenAiSettings(
                d.connectTimeout(),
                Duration.ofMillis(200),
                4,
                d.apiKeyEnv(),
                new RetryPolicy(2, Duration.ofMillis(10), Duration.ofSeconds(1)),
                5,
                Duration.ofSeconds(30),
                List.of());

        SampledSet set = backend(quick).sample(request("chat", 1, params()));

        assertThat(set.error()).contains("no response within PT0.2S", "after 2 attempts");
        assertThat(server.received()).hasSize(2);
    }
}

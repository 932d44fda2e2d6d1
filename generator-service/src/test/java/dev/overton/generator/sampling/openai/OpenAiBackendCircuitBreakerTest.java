package dev.overton.generator.sampling.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.smallrye.faulttolerance.api.CircuitBreakerState;

import dev.overton.contracts.Sample;
import dev.overton.generator.sampling.SampledSet;
import dev.overton.generator.sampling.openai.FakeOpenAiServer.Choice;
import dev.overton.generator.sampling.openai.FakeOpenAiServer.Reply;

/**
 * The openai backend's circuit breaker per endpoint: it opens after consecutive failures, half-opens after the
 * cool-down, reopens on a failed trial, holds retries back while open, and a success resets the count.
 */
class OpenAiBackendCircuitBreakerTest extends OpenAiBackendFixture {

    @Test
    void circuitBreakerOpensAfterConsecutiveFailuresAndHalfOpensAfterTheCoolDown() {
        server = FakeOpenAiServer.start(r -> Reply.of(503, "{\"error\":\"Model is overloaded\"}"));
        Duration coolDown = Duration.ofMillis(500);
        OpenAiBackend backend = backend(settings(1, Duration.ofSeconds(1), 3, coolDown, 4));

        for (int i = 0; i < 3; i++) {
            assertThat(backend.sample(request("chat", 1, params())).error()).contains("HTTP 503", "overloaded");
        }
        assertThat(backend.breakerState(server.baseUrl())).isEqualTo(CircuitBreakerState.OPEN);

        SampledSet refused = backend.sample(request("chat", 1, params()));
        assertThat(refused.error()).contains("circuit breaker open", "3 consecutive failures");
        assertThat(server.received()).as("an open breaker sends nothing").hasSize(3);

        sleepThrough(coolDown);
        server.respond(FakeOpenAiServer::echo);
        SampledSet trial = backend.sample(request("chat", 1, params()));
        assertThat(trial.failed()).as(trial.error()).isFalse();
        assertThat(server.received()).hasSize(4);
        assertThat(backend.breakerState(server.baseUrl())).isEqualTo(CircuitBreakerState.CLOSED);
        assertThat(registry.get("overton.generation.circuit.opened").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void retryWaitsUntilAnOpenBreakerHalfOpens() {
        server = FakeOpenAiServer.start(FakeOpenAiServer.sequence(
                Reply.of(502, "Bad Gateway"),
                Reply.of(200, FakeOpenAiServer.chatBody(List.of(new Choice("fine", "stop")), 1, 1))));
        Duration coolDown = Duration.ofMillis(500);

        SampledSet set =
                backend(settings(3, Duration.ofMillis(10), 1, coolDown, 4)).sample(request("chat", 1, params()));

        assertThat(set.samples()).extracting(Sample::text).containsExactly("fine");
        // The first failure opened the breaker; the next attempt was held back for (what was left of) the whole
        // cool-down, not the 5-10 ms backoff (rounded up to whole milliseconds, and one more).
        assertThat(sleeps).hasSize(1);
        assertThat(sleeps.get(0)).isBetween(coolDown.minusMillis(100), coolDown.plusMillis(1));
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void failedTrialReopensTheBreakerForAnotherCoolDown() {
        server = FakeOpenAiServer.start(r -> Reply.of(503, "{\"error\":\"still down\"}"));
        Duration coolDown = Duration.ofMillis(300);
        OpenAiBackend backend = backend(settings(1, Duration.ofSeconds(1), 1, coolDown, 4));

        backend.sample(request("chat", 1, params()));
        sleepThrough(coolDown);
        assertThat(backend.sample(request("chat", 1, params())).error()).contains("HTTP 503");

        assertThat(backend.breakerState(server.baseUrl())).isEqualTo(CircuitBreakerState.OPEN);
        assertThat(backend.sample(request("chat", 1, params())).error()).contains("circuit breaker open");
        assertThat(server.received())
                .as("the trial was sent, the call after it was refused")
                .hasSize(2);
        assertThat(registry.get("overton.generation.circuit.opened").counter().count())
                .isEqualTo(2.0);
    }

    @Test
    void successResetsTheCountOfConsecutiveFailures() {
        server = FakeOpenAiServer.start(FakeOpenAiServer.sequence(
                Reply.of(500, "boom"),
                Reply.of(500, "boom"),
                Reply.of(200, FakeOpenAiServer.chatBody(List.of(new Choice("ok", "stop")), 1, 1)),
                Reply.of(500, "boom"),
                Reply.of(500, "boom")));
        OpenAiBackend backend = backend(settings(1, Duration.ofSeconds(1), 3, Duration.ofSeconds(30), 4));

        for (int i = 0; i < 5; i++) {
            backend.sample(request("chat", 1, params()));
        }

        assertThat(backend.breakerState(server.baseUrl())).isEqualTo(CircuitBreakerState.CLOSED);
    }

    /** Real time passes: SmallRye's breaker reads the system clock. */
    private static void sleepThrough(Duration d) {
        try {
            Thread.sleep(d.plusMillis(50));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

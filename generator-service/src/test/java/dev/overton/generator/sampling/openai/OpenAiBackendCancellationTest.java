package dev.overton.generator.sampling.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.overton.generator.sampling.SampledSet;
import dev.overton.generator.sampling.openai.FakeOpenAiServer.Reply;

/**
 * The openai backend and cancelled runs: nothing retried, queued or sent for a run once it is cancelled.
 */
class OpenAiBackendCancellationTest extends OpenAiBackendFixture {

    @Test
    void cancelledRunIsNotRetriedAfterAFailure() {
        // Every attempt fails with 503, so the backend would retry three more times; the run is cancelled while the
        // first request is at the server.
        server = FakeOpenAiServer.start(r -> {
            cancelledRuns.add("run-1");
            return Reply.of(503, "{\"error\":\"Model is overloaded\"}");
        });

        SampledSet set = backend().sample(request("chat", 1, params()));

        assertThat(set.failed()).isTrue();
        assertThat(set.error()).contains("run run-1 was cancelled", "HTTP 503", "not retried");
        assertThat(server.received()).hasSize(1);
        assertThat(sleeps).as("no wait for a retry that will not come").isEmpty();
        assertThat(registry.get("overton.generation.circuit.opened").counter().count())
                .isZero();
    }

    @Test
    void requestsOfACancelledRunThatAreNotSentYetAreSkipped() {
        // One request at a time: while the first sample's request is at the server, the other three wait for the
        // endpoint's permit; the run is cancelled meanwhile.
        server = FakeOpenAiServer.start(r -> {
            cancelledRuns.add("run-1");
            return FakeOpenAiServer.echo(r).after(Duration.ofMillis(200));
        });

        SampledSet set = backend(settings(4, 5, 1)).sample(request("chat", 4, params("n_supported", false)));

        assertThat(set.failed()).isTrue();
        assertThat(set.error()).contains("run run-1 was cancelled: not sent");
        assertThat(server.received()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void requestOfARunCancelledBeforehandIsNeverSent() {
        server = FakeOpenAiServer.healthy();
        cancelledRuns.add("run-1");

        SampledSet set = backend().sample(request("chat", 2, params()));

        assertThat(set.error()).contains("run run-1 was cancelled: not sent");
        assertThat(server.received()).isEmpty();
    }
}

package dev.overton.generator.sampling.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.Sample;
import dev.overton.generator.sampling.PromptFrames;
import dev.overton.generator.sampling.SampleUsage;
import dev.overton.generator.sampling.SampledSet;
import dev.overton.generator.sampling.openai.FakeOpenAiServer.Choice;
import dev.overton.generator.sampling.openai.FakeOpenAiServer.Received;
import dev.overton.generator.sampling.openai.FakeOpenAiServer.Reply;

/**
 * The openai backend's requests and what it makes of the answers: the body it sends for the chat and completions
 * APIs, the frame, template and stop strings, finish reasons, and samples drawn as separate requests when the server
 * does not honour {@code n}.
 */
class OpenAiBackendRequestTest extends OpenAiBackendFixture {

    @Test
    void chatVariantSendsModelMessagesNAndEveryParam() {
        server = FakeOpenAiServer.healthy();

        SampledSet set = backend()
                .sample(request(
                        "chat",
                        3,
                        params(
                                "temperature",
                                0.5,
                                "top_p",
                                0.9,
                                "max_tokens",
                                700,
                                "repetition_penalty",
                                1.1,
                                "seed",
                                7,
                                "stop",
                                List.of("</s>"))));

        assertThat(set.failed()).as(set.error()).isFalse();
        assertThat(set.samples())
                .containsExactly(
                        new Sample(0, "answer 0", "stop"),
                        new Sample(1, "answer 1", "stop"),
                        new Sample(2, "answer 2", "stop"));
        assertThat(server.received()).hasSize(1);
        Received sent = server.received().get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = sent.body();
        assertThat(body.get("model").asText()).isEqualTo("test-model");
        assertThat(body.get("messages").toString()).isEqualTo("[{\"role\":\"user\",\"content\":\"" + QUERY + "\"}]");
        assertThat(body.get("n").asInt()).isEqualTo(3);
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.5);
        assertThat(body.get("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.get("max_tokens").asInt()).isEqualTo(700);
        assertThat(body.get("repetition_penalty").asDouble()).isEqualTo(1.1);
        assertThat(body.get("seed").asInt()).isEqualTo(7);
        assertThat(body.get("stop").toString()).isEqualTo("[\"</s>\"]");
        assertThat(body.has("prompt")).isFalse();
    }

    @Test
    void completionsVariantSendsTheZeroShotFrameWithTheClosingFenceAsStop() {
        // A server that ignores stop strings: the model runs on into a new "# Query:" section.
        server = FakeOpenAiServer.start(r -> Reply.of(
                200,
                FakeOpenAiServer.completionBody(
                        List.of(new Choice("Rest and fluids.\n```\n\n# Query:\n```\nNext?", "length")), 20, 30)));

        SampledSet set = backend().sample(request("completions", 1, params("temperature", 0.5, "max_tokens", 30)));

        Received sent = server.received().get(0);
        assertThat(sent.path()).isEqualTo("/v1/completions");
        assertThat(sent.body().get("prompt").asText())
                .isEqualTo("# Query:\n```\n" + QUERY + "\n```\n\n# Answer:\n```\n")
                .isEqualTo(PromptFrames.zeroShot(QUERY));
        assertThat(sent.body().get("stop").toString()).isEqualTo("[\"```\"]");
        assertThat(sent.body().has("messages")).isFalse();
        assertThat(sent.body().has("n")).as("n is not sent for a single sample").isFalse();
        // The fence and what follows it are gone; the sample did end, so it is not flagged as cut by the limit.
        assertThat(set.samples()).containsExactly(new Sample(0, "Rest and fluids.\n", "stop"));
    }

    @Test
    void templateReplacesTheFrameAndAddsNoFenceStop() {
        server = FakeOpenAiServer.healthy();

        backend().sample(request("completions", 1, params("template", "Question: {query}\nAnswer:")));

        JsonNode body = server.received().get(0).body();
        assertThat(body.get("prompt").asText()).isEqualTo("Question: " + QUERY + "\nAnswer:");
        assertThat(body.has("stop")).isFalse();
        assertThat(body.has("template"))
                .as("Overton's own switches are not sent")
                .isFalse();
    }

    @Test
    void explicitStopIsKeptAndRemovedFromTheText() {
        server = FakeOpenAiServer.start(r -> Reply.of(
                200, FakeOpenAiServer.chatBody(List.of(new Choice("Drink tea.### and more", "length")), 9, 9)));

        SampledSet set = backend().sample(request("chat", 1, params("stop", "###")));

        assertThat(server.received().get(0).body().get("stop").asText()).isEqualTo("###");
        assertThat(set.samples()).containsExactly(new Sample(0, "Drink tea.", "stop"));
    }

    @Test
    void samplesCutByTheTokenLimitKeepFinishReasonLengthAndAreCounted() {
        server = FakeOpenAiServer.start(r -> Reply.of(
                200,
                FakeOpenAiServer.chatBody(
                        List.of(new Choice("A long answer that never", "length"), new Choice("Short.", "stop")),
                        15,
                        40)));

        SampledSet set = backend().sample(request("chat", 2, params("max_tokens", 20)));

        assertThat(set.samples())
                .containsExactly(new Sample(0, "A long answer that never", "length"), new Sample(1, "Short.", "stop"));
        assertThat(registry.get("overton.generation.samples.truncated")
                        .tag("backend", "openai")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void withoutNSupportEachSampleIsItsOwnRequestWithItsOwnSeed() {
        server = FakeOpenAiServer.start(r -> Reply.of(
                200,
                FakeOpenAiServer.body(
                        r, List.of(new Choice("seed " + r.body().get("seed").asInt(), "stop")), 12, 5)));

        SampledSet set = backend().sample(request("completions", 4, params("n_supported", false, "seed", 10)));

        assertThat(server.received()).hasSize(4);
        assertThat(server.received()).allSatisfy(r -> {
            assertThat(r.body().has("n")).isFalse();
            assertThat(r.body().has("n_supported")).isFalse();
        });
        assertThat(server.received())
                .extracting(r -> r.body().get("seed").asInt())
                .containsExactlyInAnyOrder(10, 11, 12, 13);
        assertThat(set.samples()).extracting(Sample::text).containsExactly("seed 10", "seed 11", "seed 12", "seed 13");
        assertThat(set.samples()).extracting(Sample::index).containsExactly(0, 1, 2, 3);
        assertThat(set.usage()).extracting(SampleUsage::completionTokens).containsOnly(5);
    }

    @Test
    void separateRequestsStayWithinTheEndpointsConcurrencyLimit() {
        server = FakeOpenAiServer.start(r -> FakeOpenAiServer.echo(r).after(Duration.ofMillis(150)));

        SampledSet set = backend(settings(4, 5, 2)).sample(request("chat", 6, params("n_supported", false)));

        assertThat(set.samples()).hasSize(6);
        assertThat(server.received()).hasSize(6);
        assertThat(server.maxInFlight()).isEqualTo(2);
    }

    @Test
    void serverThatIgnoresNGetsTheMissingSamplesAsSeparateRequests() {
        server = FakeOpenAiServer.start(r ->
                Reply.of(200, FakeOpenAiServer.body(r, List.of(new Choice("only one", "stop")), 12, 5)));

        SampledSet set = backend().sample(request("chat", 3, params()));

        assertThat(set.samples()).hasSize(3).extracting(Sample::index).containsExactly(0, 1, 2);
        assertThat(server.received())
                .extracting(r -> r.body().path("n").asInt(1))
                .containsExactly(3, 1, 1);
    }
}

package dev.overton.generator.sampling.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.VariantSpec;
import dev.overton.generator.sampling.SampledSet;
import dev.overton.generator.sampling.openai.FakeOpenAiServer.Reply;

/**
 * The openai backend's failed sets: a refused sample, an answer without choices or a variant without endpoint makes a
 * failed set whose error says why, never an exception.
 */
class OpenAiBackendFailedSetTest extends OpenAiBackendFixture {

    @Test
    void oneRefusedSampleOfSeparateRequestsFailsTheWholeSet() {
        server = FakeOpenAiServer.start(r -> r.body().get("seed").asInt() == 2
                ? Reply.of(400, FakeOpenAiServer.vllmError("bad seed", 400))
                : FakeOpenAiServer.echo(r));

        SampledSet set = backend().sample(request("chat", 3, params("n_supported", false, "seed", 0)));

        assertThat(set.failed()).isTrue();
        assertThat(set.samples()).isEmpty();
        assertThat(set.error()).startsWith("sample 3 of 3: HTTP 400").contains("bad seed");
    }

    @Test
    void bodyWithoutChoicesIsAFailedSetNotAnException() {
        server = FakeOpenAiServer.start(r -> Reply.of(200, "{\"object\":\"list\",\"data\":[]}"));

        SampledSet set = backend().sample(request("chat", 1, params()));

        assertThat(set.error()).contains("without choices", "\"object\":\"list\"");
    }

    @Test
    void variantWithoutEndpointOrModelIsAFailedSet() {
        server = FakeOpenAiServer.healthy();
        GenerationRequest noEndpoint = request(new VariantSpec("v", "openai", "m", null, null, "chat", 1, Map.of()));

        assertThat(backend().sample(noEndpoint).error()).contains("names no endpoint");
        assertThat(server.received()).isEmpty();
    }
}

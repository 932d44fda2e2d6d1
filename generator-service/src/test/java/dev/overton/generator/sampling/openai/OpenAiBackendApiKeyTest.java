package dev.overton.generator.sampling.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import dev.overton.generator.sampling.SampledSet;
import dev.overton.generator.sampling.openai.FakeOpenAiServer.Reply;

/**
 * The openai backend's API keys: sent as a bearer token, named per endpoint, and never shown in errors, logs or
 * {@code toString}.
 */
class OpenAiBackendApiKeyTest extends OpenAiBackendFixture {

    private static final String SECRET = "sk-test-0123456789abcdef";

    @Test
    void apiKeyIsSentAsBearerButNeverAppearsInErrorsLogsOrToString() {
        environment.put("OPENAI_API_KEY", SECRET);
        // First a 500 (so that a retry is logged), then a 401 whose body echoes the key, as OpenAI's does.
        server = FakeOpenAiServer.start(FakeOpenAiServer.sequence(
                Reply.of(500, FakeOpenAiServer.openAiError("internal", "server_error")),
                Reply.of(
                        401,
                        FakeOpenAiServer.openAiError(
                                "Incorrect API key provided: " + SECRET + ". Find your key at ...",
                                "invalid_request_error"))));
        List<String> logged = Collections.synchronizedList(new ArrayList<>());
        Logger logger = Logger.getLogger("dev.overton.generator.sampling.openai");
        Level level = logger.getLevel();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
                if (record.getParameters() != null) {
                    for (Object p : record.getParameters()) {
                        text.append(' ').append(p);
                    }
                }
                logged.add(text.toString());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        OpenAiBackend backend = backend();
        SampledSet set;
        try {
            set = backend.sample(request("chat", 1, params()));
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(level);
        }

        assertThat(server.received()).extracting(r -> r.header("Authorization")).containsOnly("Bearer " + SECRET);
        assertThat(set.error())
                .contains("HTTP 401", "Incorrect API key provided: [redacted]")
                .doesNotContain(SECRET);
        assertThat(logged).as("the retry was logged").isNotEmpty();
        assertThat(String.join("\n", logged)).doesNotContain(SECRET);
        assertThat(backend.toString()).contains("OPENAI_API_KEY").doesNotContain(SECRET);
        assertThat(backend.breakerState(server.baseUrl()).toString()).doesNotContain(SECRET);
    }

    @Test
    void endpointSettingsNameTheirOwnKeyAndWithoutAKeyNoneIsSent() {
        environment.put("VLLM_KEY", "vllm-key");
        server = FakeOpenAiServer.healthy();
        OpenAiSettings d = OpenAiSettings.defaults();
        OpenAiSettings withEndpoint = new OpenAiSettings(
                d.connectTimeout(),
                d.requestTimeout(),
                d.maxConcurrency(),
                d.apiKeyEnv(),
                d.retry(),
                d.failureThreshold(),
                d.coolDown(),
                List.of(new OpenAiSettings.EndpointSettings(
                        server.baseUrl() + "/", Optional.of("VLLM_KEY"), Optional.empty())));

        backend(withEndpoint).sample(request("chat", 1, params()));
        backend().sample(request("chat", 1, params()));

        assertThat(server.received().get(0).header("Authorization")).isEqualTo("Bearer vllm-key");
        assertThat(server.received().get(1).header("Authorization"))
                .as("OPENAI_API_KEY is unset")
                .isNull();
    }
}

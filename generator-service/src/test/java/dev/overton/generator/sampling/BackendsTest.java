package dev.overton.generator.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.overton.generator.config.GeneratorConfig;
import dev.overton.generator.sampling.openai.OpenAiSettings;

/** The service offers both backends and builds the openai one from {@code overton.backends.openai.*}. */
@QuarkusTest
class BackendsTest {

    @Inject
    Backends backends;

    @Inject
    GeneratorConfig config;

    @Test
    void replayOpenAiAndJlamaAreAvailable() {
        assertThat(backends.get("replay")).isNotNull();
        assertThat(backends.get("openai")).isNotNull();
        assertThat(backends.get("jlama")).isNotNull();
        assertThat(backends.get("gpt")).isNull();
        assertThat(backends.names()).containsExactly("jlama", "openai", "replay");
    }

    @Test
    void openAiSettingsComeFromConfiguration() {
        OpenAiSettings settings = Backends.openAiSettings(config.backends().openai());

        assertThat(settings.maxConcurrency()).isEqualTo(4);
        assertThat(settings.apiKeyEnv()).isEqualTo("OPENAI_API_KEY");
        assertThat(settings.retry().maxAttempts()).isEqualTo(4);
        assertThat(settings.retry().baseDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.failureThreshold()).isEqualTo(5);
        assertThat(settings.coolDown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.endpoint("http://127.0.0.1:9/v1/"))
                .contains(new OpenAiSettings.EndpointSettings(
                        "http://127.0.0.1:9/v1", Optional.of("OVERTON_TEST_UNUSED_KEY"), Optional.of(2)));
    }
}

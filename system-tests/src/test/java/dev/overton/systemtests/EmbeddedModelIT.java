package dev.overton.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

import dev.overton.jlama.TinyLlamaModel;
import dev.overton.systemtests.ServiceProcesses.Service;

/**
 * The embedded {@code jlama} backend end to end: a run whose base and instruct variants are tiny random-weight models
 * of SmolLM2's architecture (written to a folder here, so no download) is sampled in-process by the generator, stored,
 * published through the real broker and scored. The texts are noise; the point is that the service, started like in
 * production (with the Vector API flags), generates, and that its token counts reach the metrics.
 */
class EmbeddedModelIT {

    private static ServiceProcesses services;
    private static Path models;

    @BeforeAll
    static void start() throws Exception {
        models = Files.createDirectories(Path.of("target/tiny-models").toAbsolutePath());
        TinyLlamaModel.base().writeTo(models, "tiny-base");
        TinyLlamaModel.instruct().writeTo(models, "tiny-instruct");
        services = ServiceProcesses.startAll();
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void tinyModelsAreSampledInProcessAndScored() {
        String spec = "{\"name\":\"embedded\",\"dataset\":{\"prompts\":[\"Why is the sky blue?\","
                + "\"How do I boil an egg?\",\"What is a good first pet?\"]},\"reference\":\"tiny-instruct\","
                + "\"variants\":["
                + "{\"name\":\"tiny-base\",\"backend\":\"jlama\",\"model\":\"" + models.resolve("tiny-base") + "\","
                + "\"api\":\"completions\",\"samples\":3,\"params\":{\"max_tokens\":12,\"seed\":1}},"
                + "{\"name\":\"tiny-instruct\",\"backend\":\"jlama\",\"model\":\"" + models.resolve("tiny-instruct")
                + "\",\"api\":\"chat\",\"samples\":3,\"params\":{\"max_tokens\":12,\"seed\":1}}]}";
        String runId = Runs.submit(spec);

        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    JsonPath run = Runs.status(runId);
                    assertThat(run.getList("variants.generated", Integer.class)).containsOnly(3);
                    assertThat(run.getList("variants.failed", Integer.class)).containsOnly(0);
                    assertThat(run.getList("variants.scored", Integer.class)).containsOnly(3);
                });

        String samples = Runs.samples(runId);
        assertThat(samples.lines().filter(l -> !l.isBlank()))
                .hasSize(18)
                .allSatisfy(line -> assertThat(line).containsPattern("\"finishReason\":\"(stop|length)\""));
        String metrics = given().baseUri(Service.GENERATOR.url())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(metrics)
                .containsPattern("overton_generation_completion_tokens_total\\{[^}]*backend=\"jlama\"[^}]*"
                        + "variant=\"tiny-base\"[^}]*} [1-9]")
                .containsPattern("overton_generation_calls_in_flight\\{[^}]*endpoint=\"in-process\"[^}]*} 0");
    }
}

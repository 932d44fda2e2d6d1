package dev.overton.generator.runs;

import static dev.overton.generator.runs.RefusedSpecs.errorsOf;
import static dev.overton.generator.runs.SpecBodies.openAiSpec;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.overton.contracts.spec.FieldError;

/**
 * The run spec validator on variants and their backends: the fields and params each backend (replay, openai, jlama)
 * needs, allows or refuses, and the answer to a backend this version does not offer.
 */
class RunSpecValidatorVariantsTest {

    @TempDir
    Path dir;

    @Test
    void validInlineSpecKeepsParams() throws IOException {
        Files.writeString(dir.resolve("one.jsonl"), "{}\n");
        AcceptedRun run = new RunSpecValidator(dir)
                .validate("{\"name\":\"r\",\"dataset\":{\"prompts\":[\"a?\"]},\"reference\":\"a\","
                        + "\"variants\":[{\"name\":\"a\",\"backend\":\"replay\",\"source\":\"one.jsonl\","
                        + "\"samples\":3,\"params\":{\"temperature\":0.5,\"stop\":[\"```\"]}}]}");
        assertThat(run.spec().variants().get(0).params()).containsEntry("stop", List.of("```"));
        assertThat(run.spec().variants().get(0).samples()).isEqualTo(3);
    }

    @Test
    void openAiVariantIsAcceptedWithApiDefaultingToChat() {
        AcceptedRun run = new RunSpecValidator(dir)
                .validate(openAiSpec(",\"endpoint\":\"http://localhost:8000/v1\",\"model\":\"m\","
                        + "\"params\":{\"temperature\":0.5,\"repetition_penalty\":1.1,\"n_supported\":false}"));

        assertThat(run.spec().variants().get(0).api()).isEqualTo("chat");
        assertThat(run.spec().variants().get(0).params())
                .containsEntry("repetition_penalty", 1.1)
                .containsEntry("n_supported", false);
    }

    @Test
    void openAiVariantNeedsEndpointAndModelAndSaysWhatToGive() {
        assertThat(errorsOf(dir, openAiSpec("")))
                .extracting(FieldError::field, FieldError::message)
                .anySatisfy(e -> {
                    assertThat(e.toList().get(0)).isEqualTo("variants[0].endpoint");
                    assertThat((String) e.toList().get(1)).contains("required", "http://localhost:8000/v1");
                })
                .anySatisfy(e -> {
                    assertThat(e.toList().get(0)).isEqualTo("variants[0].model");
                    assertThat((String) e.toList().get(1)).contains("required", "/models");
                });
    }

    @Test
    void openAiEndpointMustBeAnHttpBaseUrl() {
        assertThat(errorsOf(dir, openAiSpec(",\"endpoint\":\"localhost:8000\",\"model\":\"m\"")))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("variants[0].endpoint");
                    assertThat(e.message()).contains("http:// or https://");
                });
        assertThat(errorsOf(
                        dir, openAiSpec(",\"endpoint\":\"http://localhost:8000/v1/chat/completions\",\"model\":\"m\"")))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("base URL", "appends"));
    }

    @Test
    void openAiParamsThatOvertonSetsItselfAreRefused() {
        assertThat(errorsOf(
                        dir,
                        openAiSpec(",\"endpoint\":\"http://h/v1\",\"model\":\"m\","
                                + "\"params\":{\"n\":5,\"stream\":true,\"model\":\"x\",\"n_supported\":\"no\"}")))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "variants[0].params.n",
                        "variants[0].params.stream",
                        "variants[0].params.model",
                        "variants[0].params.n_supported");
    }

    @Test
    void templateNeedsTheCompletionsApiAndAQueryPlaceholder() {
        assertThat(errorsOf(
                        dir,
                        openAiSpec(",\"endpoint\":\"http://h/v1\",\"model\":\"m\","
                                + "\"params\":{\"template\":\"Q: {query}\"}")))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("'completions'"));
        assertThat(errorsOf(
                        dir,
                        openAiSpec(",\"endpoint\":\"http://h/v1\",\"model\":\"m\",\"api\":\"completions\","
                                + "\"params\":{\"template\":\"Q: \"}")))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("{query}"));
        new RunSpecValidator(dir)
                .validate(openAiSpec(",\"endpoint\":\"http://h/v1\",\"model\":\"m\",\"api\":\"completions\","
                        + "\"params\":{\"template\":\"Q: {query}\\nA:\"}"));
    }

    @Test
    void unknownBackendListsTheAvailableOnes() {
        assertThat(errorsOf(dir, openAiSpec("").replace("openai", "vllm-direct")))
                .extracting(FieldError::message)
                .contains("'vllm-direct' is not available in this version; use one of [jlama, openai, replay]");
    }

    @Test
    void jlamaVariantIsAcceptedWithApiDefaultingToChat() {
        AcceptedRun run = new RunSpecValidator(dir)
                .validate("{\"name\":\"r\",\"dataset\":{\"prompts\":[\"a?\"]},\"reference\":\"a\","
                        + "\"variants\":[{\"name\":\"a\",\"backend\":\"jlama\","
                        + "\"model\":\"HuggingFaceTB/SmolLM2-135M-Instruct\",\"params\":{\"temperature\":0.7,"
                        + "\"max_tokens\":64,\"seed\":1}}]}");

        assertThat(run.spec().variants().get(0).api()).isEqualTo("chat");
        assertThat(run.spec().variants().get(0).backend()).isEqualTo("jlama");
    }

    @Test
    void jlamaVariantNeedsAModelAndRefusesParamsItCannotHonour() {
        List<FieldError> errors = errorsOf(
                dir,
                "{\"name\":\"r\",\"dataset\":{\"prompts\":[\"a?\"]},\"reference\":\"a\","
                        + "\"variants\":[{\"name\":\"a\",\"backend\":\"jlama\",\"params\":{\"top_p\":0.9,"
                        + "\"repetition_penalty\":1.1,\"seed\":0.5}}]}");

        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "variants[0].model",
                        "variants[0].params.top_p",
                        "variants[0].params.repetition_penalty",
                        "variants[0].params.seed");
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("variants[0].params.top_p");
            assertThat(e.message()).contains("not supported by the jlama backend", "openai backend");
        });
    }
}

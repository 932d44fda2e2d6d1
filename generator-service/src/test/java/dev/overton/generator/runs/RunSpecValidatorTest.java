package dev.overton.generator.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSpecValidatorTest {

    @TempDir
    Path dir;

    @Test
    void promptIdIsLineNumberUnlessTheLineCarriesAnId() throws IOException {
        Files.writeString(
                dir.resolve("data.jsonl"),
                "{\"messages\":[{\"role\":\"user\",\"content\":\"first\"}]}\n"
                        + "{\"id\":\"q-7\",\"messages\":[{\"role\":\"user\",\"content\":\"second\"}]}\n"
                        + "{\"messages\":[{\"role\":\"user\",\"content\":\"third\"}]}\n");
        Files.writeString(dir.resolve("samples.jsonl"), "{}\n{}\n{}\n");

        AcceptedRun run = new RunSpecValidator(dir)
                .validate("{\"name\":\"r\",\"dataset\":{\"path\":\"data.jsonl\"},\"reference\":\"a\","
                        + "\"variants\":[{\"name\":\"a\",\"backend\":\"replay\",\"source\":\"samples.jsonl\"}]}");

        assertThat(run.prompts()).extracting(p -> p.id()).containsExactly("0", "q-7", "2");
        assertThat(run.prompts()).extracting(p -> p.index()).containsExactly(0, 1, 2);
        assertThat(run.prompts().get(1).userText()).isEqualTo("second");
        assertThat(run.spec().variants().get(0).samples()).isEqualTo(RunSpecValidator.DEFAULT_SAMPLES);
    }

    @Test
    void badDatasetLinesAreReportedWithTheirLineNumber() throws IOException {
        Files.writeString(
                dir.resolve("data.jsonl"),
                "{\"messages\":[{\"role\":\"user\",\"content\":\"ok\"}]}\nnot json\n{\"messages\":[]}\n");

        assertThatThrownBy(() -> new RunSpecValidator(dir)
                        .validate("{\"name\":\"r\",\"dataset\":{\"path\":\"data.jsonl\"},\"reference\":\"a\","
                                + "\"variants\":[{\"name\":\"a\",\"backend\":\"replay\",\"source\":\"s.jsonl\"}]}"))
                .isInstanceOfSatisfying(
                        InvalidRunSpecException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .contains("dataset.path:line 2", "dataset.path:line 3.messages"));
    }

    @Test
    void replaySourceShorterThanTheDatasetIsRefused() throws IOException {
        Files.writeString(dir.resolve("samples.jsonl"), "{}\n");

        assertThatThrownBy(
                        () -> new RunSpecValidator(dir)
                                .validate(
                                        "{\"name\":\"r\",\"dataset\":{\"prompts\":[\"a?\",\"b?\"]},\"reference\":\"a\","
                                                + "\"variants\":[{\"name\":\"a\",\"backend\":\"replay\",\"source\":\"samples.jsonl\"}]}"))
                .isInstanceOfSatisfying(
                        InvalidRunSpecException.class,
                        e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                            assertThat(err.field()).isEqualTo("variants[0].source");
                            assertThat(err.message()).contains("1 records", "2 prompts");
                        }));
    }

    @Test
    void duplicatePromptIdsAreRefused() {
        assertThatThrownBy(() -> new RunSpecValidator(dir)
                        .validate("{\"name\":\"r\",\"dataset\":{\"prompts\":["
                                + "{\"id\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]},"
                                + "{\"id\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"b\"}]}]},"
                                + "\"reference\":\"a\",\"variants\":[{\"name\":\"a\",\"backend\":\"replay\","
                                + "\"source\":\"s\"}]}"))
                .isInstanceOfSatisfying(
                        InvalidRunSpecException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .contains("dataset.prompts[1].id"));
    }

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

    private static String openAiSpec(String variantFields) {
        return "{\"name\":\"r\",\"dataset\":{\"prompts\":[\"a?\"]},\"reference\":\"a\","
                + "\"variants\":[{\"name\":\"a\",\"backend\":\"openai\"" + variantFields + "}]}";
    }

    private List<FieldError> errorsOf(String spec) {
        try {
            new RunSpecValidator(dir).validate(spec);
        } catch (InvalidRunSpecException e) {
            return e.errors();
        }
        throw new AssertionError("spec was accepted: " + spec);
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
        assertThat(errorsOf(openAiSpec("")))
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
        assertThat(errorsOf(openAiSpec(",\"endpoint\":\"localhost:8000\",\"model\":\"m\"")))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("variants[0].endpoint");
                    assertThat(e.message()).contains("http:// or https://");
                });
        assertThat(errorsOf(openAiSpec(",\"endpoint\":\"http://localhost:8000/v1/chat/completions\",\"model\":\"m\"")))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("base URL", "appends"));
    }

    @Test
    void openAiParamsThatOvertonSetsItselfAreRefused() {
        assertThat(errorsOf(openAiSpec(",\"endpoint\":\"http://h/v1\",\"model\":\"m\","
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
        assertThat(errorsOf(openAiSpec(
                        ",\"endpoint\":\"http://h/v1\",\"model\":\"m\"," + "\"params\":{\"template\":\"Q: {query}\"}")))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("'completions'"));
        assertThat(errorsOf(openAiSpec(",\"endpoint\":\"http://h/v1\",\"model\":\"m\",\"api\":\"completions\","
                        + "\"params\":{\"template\":\"Q: \"}")))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("{query}"));
        new RunSpecValidator(dir)
                .validate(openAiSpec(",\"endpoint\":\"http://h/v1\",\"model\":\"m\",\"api\":\"completions\","
                        + "\"params\":{\"template\":\"Q: {query}\\nA:\"}"));
    }

    @Test
    void unknownBackendListsTheAvailableOnes() {
        assertThat(errorsOf(openAiSpec("").replace("openai", "jlama")))
                .extracting(FieldError::message)
                .contains("'jlama' is not available in this version; use one of [openai, replay]");
    }

    @Test
    void iclEntriesAreValidatedByField() throws IOException {
        Files.writeString(dir.resolve("one.jsonl"), "{}\n");
        String variants = "[{\"name\":\"base\",\"backend\":\"replay\",\"source\":\"one.jsonl\"},"
                + "{\"name\":\"chat\",\"backend\":\"replay\",\"source\":\"one.jsonl\"}]";
        String icl = "[{\"name\":\"chat\",\"base\":\"nope\",\"examples\":\"closest\",\"k\":99,"
                + "\"hint\":\"maybe\",\"options\":{\"context_window\":100,\"max_new_tokens\":200}}]";

        assertThatThrownBy(() -> new RunSpecValidator(dir)
                        .validate("{\"name\":\"r\",\"dataset\":{\"prompts\":[\"a?\"]},\"reference\":\"chat\","
                                + "\"variants\":" + variants + ",\"icl\":" + icl + "}"))
                .isInstanceOfSatisfying(
                        InvalidRunSpecException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactlyInAnyOrder(
                                        "icl[0].name",
                                        "icl[0].base",
                                        "icl[0].examples",
                                        "icl[0].k",
                                        "icl[0].hint",
                                        "icl[0].options.max_new_tokens"));
    }

    @Test
    void validIclEntryIsKeptWithDefaults() throws IOException {
        Files.writeString(dir.resolve("one.jsonl"), "{}\n");
        AcceptedRun run = new RunSpecValidator(dir)
                .validate("{\"name\":\"r\",\"dataset\":{\"prompts\":[\"a?\"]},\"reference\":\"chat\","
                        + "\"variants\":[{\"name\":\"base\",\"backend\":\"replay\",\"source\":\"one.jsonl\"},"
                        + "{\"name\":\"chat\",\"backend\":\"replay\",\"source\":\"one.jsonl\"}],"
                        + "\"icl\":[{\"name\":\"base-icl\",\"base\":\"base\"}]}");

        assertThat(run.spec().icl()).singleElement().satisfies(v -> {
            assertThat(v.examples()).isEqualTo("knn-prompt");
            assertThat(v.k()).isEqualTo(3);
            assertThat(v.hint()).isEqualTo("none");
        });
    }

    @Test
    void symbolicLinkOutOfTheAllowedFolderIsRefused(@TempDir Path outside) throws IOException {
        Path allowedDir = Files.createDirectory(dir.resolve("allowed"));
        Files.writeString(outside.resolve("data.jsonl"), "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}\n");
        Files.createSymbolicLink(allowedDir.resolve("link.jsonl"), outside.resolve("data.jsonl"));

        assertThatThrownBy(() -> new RunSpecValidator(allowedDir)
                        .validate("{\"name\":\"r\",\"dataset\":{\"path\":\"link.jsonl\"},\"reference\":\"a\","
                                + "\"variants\":[{\"name\":\"a\",\"backend\":\"replay\",\"source\":\"../s.jsonl\"}]}"))
                .isInstanceOfSatisfying(
                        InvalidRunSpecException.class,
                        e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                            assertThat(err.field()).isEqualTo("dataset.path");
                            assertThat(err.message())
                                    .contains(
                                            "outside the folders",
                                            allowedDir.toRealPath().toString());
                        }));
    }

    @Test
    void extraAllowedFoldersAcceptFilesOutsideTheBaseDir(@TempDir Path shared) throws IOException {
        Files.writeString(shared.resolve("samples.jsonl"), "{}\n");
        Path base = Files.createDirectory(dir.resolve("base"));

        AcceptedRun run = new RunSpecValidator(base, List.of(Path.of("."), shared))
                .validate("{\"name\":\"r\",\"dataset\":{\"prompts\":[\"a?\"]},\"reference\":\"a\","
                        + "\"variants\":[{\"name\":\"a\",\"backend\":\"replay\",\"source\":\""
                        + shared.resolve("samples.jsonl") + "\"}]}");

        assertThat(run.prompts()).hasSize(1);
        assertThatThrownBy(
                        () -> new RunSpecValidator(base, List.of(Path.of("."), shared))
                                .validate(
                                        "{\"name\":\"r\",\"dataset\":{\"prompts\":[\"a?\"]},\"reference\":\"a\","
                                                + "\"variants\":[{\"name\":\"a\",\"backend\":\"replay\",\"source\":\"../x/../../s.jsonl\"}]}"))
                .isInstanceOfSatisfying(
                        InvalidRunSpecException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("variants[0].source"));
    }
}

package dev.overton.generator.runs;

import static dev.overton.generator.runs.RefusedSpecs.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.overton.contracts.ScorerCapabilities;
import dev.overton.contracts.spec.FieldError;
import dev.overton.contracts.spec.MeasureGroup;
import dev.overton.contracts.spec.SpecText;

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
    void datasetProblemsDoNotEchoTheFilesContent() throws IOException {
        // Any file under the allowed folders may be named as a dataset: its content must not come back in the errors.
        Files.writeString(dir.resolve("secrets.txt"), "password=hunter2\nAPI_TOKEN sk-12345\n[section]\n");

        assertThatThrownBy(() -> new RunSpecValidator(dir)
                        .validate("{\"name\":\"r\",\"dataset\":{\"path\":\"secrets.txt\"},\"reference\":\"a\","
                                + "\"variants\":[{\"name\":\"a\",\"backend\":\"replay\",\"source\":\"s.jsonl\"}]}"))
                .isInstanceOfSatisfying(InvalidRunSpecException.class, e -> {
                    assertThat(e.errors())
                            .extracting(FieldError::field)
                            .contains("dataset.path:line 1", "dataset.path:line 2", "dataset.path:line 3");
                    assertThat(e.errors())
                            .allSatisfy(err -> assertThat(err.message())
                                    .doesNotContain("password", "hunter2", "API_TOKEN", "sk-", "section"));
                });
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

    private static String judgeSpec(String judge) {
        return "{\"name\":\"r\",\"dataset\":{\"prompts\":[\"a?\"]},\"reference\":\"a\","
                + "\"variants\":[{\"name\":\"a\",\"backend\":\"openai\",\"endpoint\":\"http://h/v1\","
                + "\"model\":\"m\"}],\"judge\":" + judge + "}";
    }

    @Test
    void runWithoutJudgeHasNone() {
        assertThat(new RunSpecValidator(dir)
                        .validate(openAiSpec(",\"endpoint\":\"http://h/v1\",\"model\":\"m\""))
                        .spec()
                        .judge())
                .isNull();
    }

    @Test
    void openAiJudgeIsParsedIntoTheSpecWithApiDefaultingToChat() {
        AcceptedRun run = new RunSpecValidator(dir)
                .validate(judgeSpec("{\"backend\":\"openai\",\"endpoint\":\"http://judge:8000/v1\","
                        + "\"model\":\"judge-model\",\"params\":{\"temperature\":0,\"max_tokens\":256},"
                        + "\"judgements\":[\"quality\",\"stance\"],\"samples\":2}"));

        assertThat(run.spec().judge()).satisfies(j -> {
            assertThat(j.backend()).isEqualTo("openai");
            assertThat(j.endpoint()).isEqualTo("http://judge:8000/v1");
            assertThat(j.api()).isEqualTo("chat");
            assertThat(j.model()).isEqualTo("judge-model");
            assertThat(j.params()).containsEntry("temperature", 0).containsEntry("max_tokens", 256);
            assertThat(j.judgements()).containsExactly("quality", "stance");
            assertThat(j.samples()).isEqualTo(2);
            assertThat(j.sources()).isEmpty();
        });
    }

    @Test
    void judgeFieldsAreRefusedByName() {
        assertThat(errorsOf(
                        dir,
                        judgeSpec("{\"backend\":\"gpt\",\"api\":\"xml\",\"params\":{\"temperature\":2.5},"
                                + "\"judgements\":[\"quality\",\"vibes\",\"quality\"],\"samples\":-1}")))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "judge.backend",
                        "judge.api",
                        "judge.params.temperature",
                        "judge.judgements[1]",
                        "judge.judgements[2]",
                        "judge.samples");
        assertThat(errorsOf(dir, judgeSpec("{\"backend\":\"gpt\",\"judgements\":[\"quality\"]}")))
                .singleElement()
                .satisfies(e -> assertThat(e.message())
                        .isEqualTo("'gpt' is not available in this generator; use one of [jlama, openai, replay]"));
        assertThat(errorsOf(dir, judgeSpec("{\"backend\":\"replay\",\"judgements\":[]}")))
                .extracting(FieldError::field, FieldError::message)
                .containsExactly(tuple(
                        "judge.judgements", "must be a non-empty list from [missing-info, quality, stance, topics]"));
        assertThat(errorsOf(dir, judgeSpec("\"quality\"")))
                .extracting(FieldError::field)
                .containsExactly("judge");
    }

    @Test
    void openAiJudgeNeedsEndpointAndModel() {
        assertThat(errorsOf(dir, judgeSpec("{\"backend\":\"openai\",\"judgements\":[\"topics\"]}")))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("judge.endpoint", "judge.model");
        assertThat(errorsOf(
                        dir,
                        judgeSpec("{\"backend\":\"openai\",\"endpoint\":\"http://h/v1/chat/completions\","
                                + "\"model\":\"m\",\"params\":{\"n\":3},\"judgements\":[\"topics\"]}")))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("judge.endpoint", "judge.params.n");
    }

    @Test
    void judgeTemperatureMayGoUpToTwo() {
        AcceptedRun run = new RunSpecValidator(dir)
                .validate(judgeSpec("{\"backend\":\"openai\",\"endpoint\":\"http://h/v1\",\"model\":\"m\","
                        + "\"params\":{\"temperature\":2},\"judgements\":[\"missing-info\"]}"));

        assertThat(run.spec().judge().params()).containsEntry("temperature", 2);
        assertThat(run.spec().judge().samples()).as("0 = every sample").isZero();
    }

    @Test
    void judgeMayUseAnyLiveBackendTheGeneratorOffers() {
        String jlama = judgeSpec("{\"backend\":\"jlama\",\"model\":\"tjake/Llama-3.2-1B-Instruct-JQ4\","
                + "\"judgements\":[\"quality\"]}");

        assertThat(new RunSpecValidator(dir, List.of(), Set.of("openai", "replay", "jlama"))
                        .validate(jlama)
                        .spec()
                        .judge()
                        .backend())
                .isEqualTo("jlama");
        assertThatThrownBy(() -> new RunSpecValidator(dir, List.of(), Set.of("openai", "replay")).validate(jlama))
                .isInstanceOfSatisfying(
                        InvalidRunSpecException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("judge.backend"));
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

    @Test
    void replayJudgeSourcesMayNameTheJudgedVariant() throws IOException {
        Files.writeString(dir.resolve("missing-base.jsonl"), "{}\n");
        Files.writeString(dir.resolve("missing-icl.jsonl"), "{}\n");

        AcceptedRun run = new RunSpecValidator(dir)
                .validate(judgeSpec("{\"backend\":\"replay\",\"judgements\":[\"missing-info\"],"
                        + "\"sources\":{\"missing-info:base\":\"missing-base.jsonl\","
                        + "\"missing-info:icl\":\"missing-icl.jsonl\"}}"));
        assertThat(run.spec().judge().sources()).containsOnlyKeys("missing-info:base", "missing-info:icl");

        assertThat(errorsOf(
                        dir,
                        judgeSpec("{\"backend\":\"replay\",\"judgements\":[\"missing-info\"],"
                                + "\"sources\":{\"missing-info:\":\"missing-base.jsonl\"}}")))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("judge.sources.missing-info:", "judge.sources.missing-info");
    }

    @Test
    void replayJudgeNeedsAReadableSourceInsideTheAllowedFoldersForEveryJudgement(@TempDir Path outside)
            throws IOException {
        Files.writeString(dir.resolve("quality.jsonl"), "{}\n");
        Files.writeString(outside.resolve("stance.jsonl"), "{}\n");

        List<FieldError> errors = errorsOf(
                dir,
                judgeSpec("{\"backend\":\"replay\","
                        + "\"judgements\":[\"quality\",\"stance\",\"topics\",\"missing-info\"],"
                        + "\"sources\":{\"quality\":\"quality.jsonl\",\"stance\":\"" + outside.resolve("stance.jsonl")
                        + "\",\"topics\":\"nowhere.jsonl\",\"vibes\":\"quality.jsonl\"}}"));

        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "judge.sources.stance",
                        "judge.sources.topics",
                        "judge.sources.missing-info",
                        "judge.sources.vibes");
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("judge.sources.stance");
            assertThat(e.message()).contains("outside the folders");
        });
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("judge.sources.topics");
            assertThat(e.message()).contains("no readable file");
        });
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("judge.sources.missing-info");
            assertThat(e.message()).contains("required for the replay backend");
        });

        AcceptedRun run = new RunSpecValidator(dir)
                .validate(judgeSpec("{\"backend\":\"replay\",\"judgements\":[\"quality\"],"
                        + "\"sources\":{\"quality\":\"quality.jsonl\"}}"));
        assertThat(run.spec().judge().sources()).containsEntry("quality", "quality.jsonl");
    }

    private static String replaySpec(String name, String variantExtra, String rest) {
        return "{\"name\":" + name + ",\"dataset\":{\"prompts\":[\"a?\"]},\"reference\":\"a\","
                + "\"variants\":[{\"name\":\"a\",\"backend\":\"replay\",\"source\":\"one.jsonl\"" + variantExtra
                + "}]" + rest + "}";
    }

    @Test
    void badSummarizerIsRefusedAtSubmissionWithIclServicesFieldAndMessage() throws IOException {
        Files.writeString(dir.resolve("one.jsonl"), "{}\n");
        String spec = "{\"name\":\"r\",\"dataset\":{\"prompts\":[\"a?\"]},\"reference\":\"chat\","
                + "\"variants\":[{\"name\":\"base\",\"backend\":\"openai\",\"endpoint\":\"http://h/v1\","
                + "\"model\":\"m\",\"api\":\"completions\"},"
                + "{\"name\":\"chat\",\"backend\":\"replay\",\"source\":\"one.jsonl\"}],"
                + "\"icl\":[{\"name\":\"icl\",\"base\":\"base\",\"examples\":\"fixed\",\"hint\":\"summary\","
                + "\"options\":{\"summarizer\":\"chat\"}}]}";

        assertThat(errorsOf(dir, spec)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("icl[0].options.summarizer");
            assertThat(e.message()).startsWith("variant 'chat' replays released outputs");
        });
    }

    @Test
    void numbersAreRangeCheckedOnTheExactJsonNumber() throws IOException {
        Files.writeString(dir.resolve("one.jsonl"), "{}\n");
        // 4294967297 = 2^32 + 1 used to wrap to 1; 4294967299 to 3.
        assertThat(errorsOf(dir, replaySpec("\"r\"", ",\"samples\":4294967297", "")))
                .extracting(FieldError::field)
                .containsExactly("variants[0].samples");
        assertThat(errorsOf(
                        dir,
                        replaySpec(
                                "\"r\"",
                                "",
                                ",\"icl\":[{\"name\":\"i\",\"base\":\"a\",\"k\":4294967299,"
                                        + "\"options\":{\"context_window\":18446744073709551616}}]")))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("icl[0].k", "icl[0].options.context_window");
        assertThat(errorsOf(
                        dir, replaySpec("\"r\"", ",\"params\":{\"temperature\":1e999,\"max_tokens\":2147483648}", "")))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("variants[0].params.temperature", "variants[0].params.max_tokens");
    }

    @Test
    void unknownFieldsAreRefusedNamingTheNearestKnownOne() throws IOException {
        Files.writeString(dir.resolve("one.jsonl"), "{}\n");

        assertThat(errorsOf(dir, replaySpec("\"r\"", ",\"sampels\":3", ",\"judgee\":null")))
                .extracting(FieldError::field, FieldError::message)
                .containsExactlyInAnyOrder(
                        tuple("variants[0].sampels", "unknown field 'sampels' at variants[0]; did you mean 'samples'?"),
                        tuple("judgee", "unknown field 'judgee'; did you mean 'judge'?"));
    }

    @Test
    void duplicateKeysTrailingTextAndInvalidUtf8AreRefusedWithTheirPosition() throws IOException {
        Files.writeString(dir.resolve("one.jsonl"), "{}\n");

        assertThat(errorsOf(dir, replaySpec("\"r\"", ",\"samples\":3,\"samples\":4", "")))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("variants[0].samples");
                    assertThat(e.message()).contains("Duplicate field 'samples'", "line 1, column");
                });
        assertThat(errorsOf(dir, replaySpec("\"r\"", "", "") + " }}}"))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("is not valid JSON", "column"));
        byte[] utf8 = replaySpec("\"r\u00e9\"", "", "").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int offset = "{\"name\":\"r".length();
        byte[] broken = utf8.clone();
        broken[offset] = (byte) 0xC3;
        broken[offset + 1] = (byte) 0x28; // 0xC3 must be followed by a continuation byte
        assertThat(errorsOf(dir, broken)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("(body)");
            assertThat(e.message()).contains("not valid UTF-8", "byte offset " + offset);
        });
        assertThat(new RunSpecValidator(dir).validate(utf8).spec().name()).isEqualTo("r\u00e9");
    }

    @Test
    void controlCharactersAreRefusedByFieldAndPositionWithoutEchoingThem() throws IOException {
        Files.writeString(dir.resolve("one.jsonl"), "{}\n");
        String spec = "{\"name\":\"run\\u0000x\",\"dataset\":{\"prompts\":[\"ok\\tfine\\nhere\","
                + "{\"messages\":[{\"role\":\"user\",\"content\":\"bad\\u001b[31m\"}]},\"nul\\u0000\","
                + "\"c1\\u0085\"]},\"reference\":\"a\",\"variants\":[{\"name\":\"a\",\"backend\":\"replay\","
                + "\"source\":\"one.jsonl\",\"params\":{\"stop\":[\"\\n\",\"x\\u0007\"]}}]}";

        List<FieldError> errors = errorsOf(dir, spec);

        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "name",
                        "dataset.prompts[1].messages[0].content",
                        "dataset.prompts[2]",
                        "dataset.prompts[3]",
                        "variants[0].params.stop[1]");
        assertThat(errors)
                .filteredOn(e -> e.field().equals("name"))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("U+0000", "character 4"));
        assertThat(errors)
                .filteredOn(e -> e.field().equals("dataset.prompts[1].messages[0].content"))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("U+001B", "character 4"));
        assertThat(errors).allSatisfy(e -> assertThat(e.message()).doesNotContain("\u0000", "\u001b", "\u0007"));
    }

    @Test
    void namesMayHoldNoLineBreaksButTextMay() throws IOException {
        Files.writeString(dir.resolve("one.jsonl"), "{}\n");

        assertThat(errorsOf(dir, replaySpec("\"two\\nlines\"", "", "")))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("U+000A"));
        assertThat(new RunSpecValidator(dir)
                        .validate(replaySpec("\"r\"", "", "").replace("\"a?\"", "\"line 1\\r\\nline\\t2\""))
                        .prompts()
                        .get(0)
                        .userText())
                .isEqualTo("line 1\r\nline\t2");
    }

    @Test
    void stringsOverTheirLimitAreRefusedNamingFieldAndLimit() throws IOException {
        Files.writeString(dir.resolve("one.jsonl"), "{}\n");

        assertThat(errorsOf(dir, replaySpec("\"" + "n".repeat(1_000_000) + "\"", "", "")))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("name");
                    assertThat(e.message()).contains("1000000 characters", "limit is 200");
                });
        assertThat(errorsOf(dir, replaySpec("\"r\"", ",\"model\":\"" + "m".repeat(257) + "\"", "")))
                .extracting(FieldError::field)
                .containsExactly("variants[0].model");
        assertThat(errorsOf(dir, replaySpec("\"r\"", "", "").replace("\"a?\"", "\"" + "q".repeat(100_001) + "\"")))
                .extracting(FieldError::field)
                .containsExactly("dataset.prompts[0]");
    }

    @Test
    void countsOverTheirLimitAreRefusedNamingTheField() throws IOException {
        Files.writeString(dir.resolve("one.jsonl"), "{}\n");
        StringBuilder variants = new StringBuilder("[");
        for (int i = 0; i <= 32; i++) {
            variants.append(i == 0 ? "" : ",")
                    .append("{\"name\":\"v")
                    .append(i)
                    .append("\",\"backend\":\"replay\",")
                    .append("\"source\":\"one.jsonl\"}");
        }
        String many = "{\"name\":\"r\",\"dataset\":{\"prompts\":[\"a?\"]},\"reference\":\"v1\",\"variants\":" + variants
                + "]}";
        assertThat(errorsOf(dir, many))
                .extracting(FieldError::field, FieldError::message)
                .containsExactly(tuple("variants", "has 33 variants; the limit is 32 (docs/api.md, Limits)"));

        String messages = "{\"role\":\"user\",\"content\":\"x\"},".repeat(65);
        assertThat(errorsOf(
                        dir,
                        replaySpec("\"r\"", "", "")
                                .replace(
                                        "\"a?\"",
                                        "{\"messages\":[" + messages.substring(0, messages.length() - 1) + "]}")))
                .extracting(FieldError::field)
                .containsExactly("dataset.prompts[0].messages");
        assertThat(errorsOf(
                        dir, replaySpec("\"r\"", "", "").replace("[\"a?\"]", "[" + "\"a\",".repeat(10_000) + "\"b\"]")))
                .extracting(FieldError::field)
                .containsExactly("dataset.prompts");
    }

    @Test
    void promptIdsAreConstrainedInlineAndInFiles() throws IOException {
        Files.writeString(dir.resolve("one.jsonl"), "{}\n{}\n");
        Files.writeString(
                dir.resolve("data.jsonl"),
                "{\"id\":\"..\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}\n"
                        + "{\"id\":\"a/b\",\"messages\":[{\"role\":\"user\",\"content\":\"b\"}]}\n");

        assertThat(errorsOf(
                        dir,
                        replaySpec("\"r\"", "", "")
                                .replace(
                                        "\"a?\"",
                                        "{\"id\":\"%00\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}")))
                .extracting(FieldError::field, FieldError::message)
                .containsExactly(tuple("dataset.prompts[0].id", SpecText.PROMPT_ID_RULE));
        assertThat(errorsOf(
                        dir,
                        replaySpec("\"r\"", "", "").replace("{\"prompts\":[\"a?\"]}", "{\"path\":\"data.jsonl\"}")))
                .extracting(FieldError::field)
                .containsExactly("dataset.path:line 1.id", "dataset.path:line 2.id");
        AcceptedRun ok = new RunSpecValidator(dir)
                .validate(replaySpec("\"r\"", "", "")
                        .replace(
                                "\"a?\"",
                                "{\"id\":\"lima:oe-1.2_b\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}"));
        assertThat(ok.prompts()).extracting(p -> p.id()).containsExactly("lima:oe-1.2_b");
    }

    @Test
    void releasedLimaOeFixtureIdsPassTheIdRule() {
        Path fixture = Path.of("../../shared/fixtures/lima-oe").toAbsolutePath().normalize();
        if (!Files.isDirectory(fixture)) {
            fixture = Path.of("../shared/fixtures/lima-oe").toAbsolutePath().normalize();
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fixture), "fixture not present");
        AcceptedRun run = new RunSpecValidator(fixture)
                .validate("{\"name\":\"lima-oe\",\"dataset\":{\"path\":\"instances/data.jsonl\"},"
                        + "\"reference\":\"llama-2-chat\",\"variants\":[{\"name\":\"llama-2-chat\","
                        + "\"backend\":\"replay\",\"source\":\"outputs/llama-2-chat/samples.jsonl\"}]}");

        assertThat(run.prompts()).hasSize(50);
    }

    private static final String INLINE_RUN = "{\"name\":\"r\",\"dataset\":{\"prompts\":[\"q\"]},\"reference\":\"a\","
            + "\"variants\":[{\"name\":\"a\",\"backend\":\"openai\",\"endpoint\":\"http://127.0.0.1:9/v1\","
            + "\"model\":\"m\"}]";

    @Test
    void measuresAreOptionalAndKeptAsGiven() {
        AcceptedRun all = new RunSpecValidator(dir).validate(INLINE_RUN + "}");
        AcceptedRun lexical = new RunSpecValidator(dir).validate(INLINE_RUN + ",\"measures\":[\"lexical\"]}");

        assertThat(all.spec().measures()).isNull();
        assertThat(all.spec().measureGroups()).containsExactlyInAnyOrder(MeasureGroup.values());
        assertThat(lexical.spec().measures()).containsExactly("lexical");
    }

    @Test
    void unknownMeasureGroupIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new RunSpecValidator(dir).validate(INLINE_RUN + ",\"measures\":[\"lexcial\"]}"))
                .isInstanceOfSatisfying(
                        InvalidRunSpecException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field, FieldError::message)
                                .containsExactly(tuple(
                                        "measures[0]",
                                        "'lexcial' is not a measure group; use one of [lexical, diversity,"
                                                + " embedding, bertscore, coverage]")));
    }

    @Test
    void measureGroupNoScorerOffersIsRefusedOnceTheScorersHaveSaid() {
        ScorerOffers offers = new ScorerOffers();
        RunSpecValidator validator = new RunSpecValidator(dir).checkingMeasuresAgainst(offers);
        String asksForBertScore = INLINE_RUN + ",\"measures\":[\"lexical\",\"bertscore\"]}";

        // Before any scorer has said what it computes, nothing is refused for that reason.
        assertThat(validator.validate(asksForBertScore).spec().measures()).containsExactly("lexical", "bertscore");

        offers.update(new ScorerCapabilities(
                1,
                "scorer-service",
                List.of("lexical", "diversity"),
                Map.of("bertscore", "overton.semantic.enabled=true"),
                Instant.now()));

        assertThatThrownBy(() -> validator.validate(asksForBertScore))
                .isInstanceOfSatisfying(
                        InvalidRunSpecException.class,
                        e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                            assertThat(err.field()).isEqualTo("measures[1]");
                            assertThat(err.message())
                                    .contains("switched off in the scorer's configuration")
                                    .contains("overton.semantic.enabled=true");
                        }));
        // A run naming no groups gets what the scorers compute, as before runs chose.
        assertThat(validator.validate(INLINE_RUN + "}").spec().measures()).isNull();
    }
}

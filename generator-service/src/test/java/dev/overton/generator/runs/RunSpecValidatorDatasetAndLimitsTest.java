package dev.overton.generator.runs;

import static dev.overton.generator.runs.RefusedSpecs.errorsOf;
import static dev.overton.generator.runs.SpecBodies.replaySpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.overton.contracts.spec.FieldError;
import dev.overton.contracts.spec.SpecText;

/**
 * The run spec validator on the dataset and on limits: prompt ids from lines, inline lists and files, dataset lines
 * it cannot read (named by line number, never echoing the file), the folders a dataset or replay source may be read
 * from, and numbers, strings and counts over their limit refused naming the field.
 */
class RunSpecValidatorDatasetAndLimitsTest {

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
}

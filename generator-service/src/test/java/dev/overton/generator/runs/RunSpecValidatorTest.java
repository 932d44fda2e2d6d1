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
}

package dev.overton.contracts.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.Prompt;

class DatasetReaderTest {

    @TempDir
    Path dir;

    private DatasetReader.Dataset read(String content) throws IOException {
        Files.writeString(dir.resolve("data.jsonl"), content);
        return DatasetReader.prompts(FileSandbox.of(dir), "data.jsonl", "dataset.path");
    }

    @Test
    void readsPromptsWithIdsDefaultingToTheIndexAndSkipsBlankLines() throws IOException {
        DatasetReader.Dataset dataset = read("{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}\n\n"
                + "{\"id\":\"q2\",\"messages\":[{\"role\":\"user\",\"content\":\"b\"}]}\n");

        assertThat(dataset.ok()).isTrue();
        assertThat(dataset.prompts())
                .containsExactly(
                        new Prompt("0", 0, List.of(new ChatMessage("user", "a"))),
                        new Prompt("q2", 1, List.of(new ChatMessage("user", "b"))));
    }

    @Test
    void problemsNameTheLineAndFieldWithoutEchoingTheFile() throws IOException {
        // A file that is not a dataset (a password file, say): no word of it may come back in the problems.
        DatasetReader.Dataset dataset = read("root:x:0:0:root:/root:/bin/bash\n"
                + "daemon:x:1:1:daemon\n"
                + "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]\n"
                + "{\"id\":\"dup\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}\n"
                + "{\"id\":\"dup\",\"messages\":[{\"role\":\"user\",\"content\":\"b\"}]}\n");

        assertThat(dataset.problems())
                .extracting(DatasetReader.Problem::at)
                .containsExactly(
                        "dataset.path:line 1", "dataset.path:line 2", "dataset.path:line 3", "dataset.path:line 5.id");
        assertThat(dataset.problems().get(0).message())
                .startsWith("is not valid JSON (unexpected text at column")
                .endsWith("each line must be one JSON object");
        assertThat(dataset.problems().get(2).message()).contains("ends in the middle of a value");
        assertThat(dataset.problems().get(3).message())
                .isEqualTo("repeats the prompt id of line 4; ids must be unique");
        assertThat(dataset.problems())
                .allSatisfy(p -> assertThat(p.message()).doesNotContain("root", "daemon", "bash", "dup"));
    }

    @Test
    void stopsAfterTwentyProblems() throws IOException {
        DatasetReader.Dataset dataset = read("x\n".repeat(50));

        assertThat(dataset.problems()).hasSize(DatasetReader.MAX_PROBLEMS + 2);
        assertThat(dataset.problems().get(DatasetReader.MAX_PROBLEMS + 1).message())
                .startsWith("stopped after 20");
    }

    @Test
    void anEmptyFileHoldsNoPrompts() throws IOException {
        assertThat(read("\n\n").problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).endsWith("holds no prompts"));
    }
}

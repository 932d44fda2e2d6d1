package dev.overton.generator.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.Sample;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.files.FileSandbox;

class ReplayBackendTest {

    @TempDir
    Path dir;

    private GenerationRequest request(int index, int samples, Map<String, Object> params) {
        return new GenerationRequest(
                SchemaVersions.V1,
                "run",
                new Prompt(String.valueOf(index), index, List.of(new ChatMessage("user", "q"))),
                new VariantSpec("v", "replay", "m", "samples.jsonl", null, null, samples, params),
                false,
                Instant.now());
    }

    @Test
    void tgiRecordsHaveTheClosingFenceRemoved() throws IOException {
        Files.writeString(
                dir.resolve("samples.jsonl"),
                "{\"prompt\":\"# Query:\\n```\\nq\\n```\\n\\n# Answer:\\n```\\n\",\"outputs\":["
                        + "{\"generated_text\":\"First answer.\\n```\\n\\n# Query: more\"},"
                        + "{\"generated_text\":\"Second answer, cut by length\"}]}\n");

        SampledSet set = new ReplayBackend(dir).sample(request(0, 2, Map.of()));

        assertThat(set.failed()).isFalse();
        assertThat(set.samples())
                .containsExactly(
                        new Sample(0, "First answer.\n", "stop"), new Sample(1, "Second answer, cut by length", null));
    }

    @Test
    void tgiErrorEntryMakesAFailedSetNotEmptyText() throws IOException {
        Files.writeString(
                dir.resolve("samples.jsonl"),
                "{\"prompt\":\"p\",\"outputs\":[{\"error\":\"Input validation error: too long\","
                        + "\"error_type\":\"validation\"}]}\n");

        SampledSet set = new ReplayBackend(dir).sample(request(0, 1, Map.of()));

        assertThat(set.failed()).isTrue();
        assertThat(set.error()).contains("validation", "too long");
        assertThat(set.samples()).isEmpty();
    }

    @Test
    void openAiRecordsKeepTheirFinishReason() throws IOException {
        Files.writeString(
                dir.resolve("samples.jsonl"),
                "{\"ok\":true,\"outputs\":[{\"message\":{\"content\":\"a\"},\"finish_reason\":\"length\"}]}\n"
                        + "{\"ok\":true,\"outputs\":[{\"message\":{\"content\":\"b STOP c\"},\"finish_reason\":\"stop\"}]}\n");

        ReplayBackend backend = new ReplayBackend(dir);

        assertThat(backend.sample(request(0, 1, Map.of())).samples()).containsExactly(new Sample(0, "a", "length"));
        assertThat(backend.sample(request(1, 1, Map.of("stop", List.of("STOP"))))
                        .samples())
                .containsExactly(new Sample(0, "b ", "stop"));
    }

    @Test
    void askingForMoreSamplesThanReleasedFailsWithAdvice() throws IOException {
        Files.writeString(
                dir.resolve("samples.jsonl"), "{\"ok\":true,\"outputs\":[{\"message\":{\"content\":\"a\"}}]}\n");

        SampledSet set = new ReplayBackend(dir).sample(request(0, 5, Map.of()));

        assertThat(set.error()).contains("has 1 outputs", "at most 1");
    }

    @Test
    void missingRecordFails() throws IOException {
        Files.writeString(dir.resolve("samples.jsonl"), "{\"ok\":true,\"outputs\":[]}\n");

        assertThat(new ReplayBackend(dir).sample(request(3, 1, Map.of())).error())
                .contains("no record 3");
    }

    @Test
    void releasedArgsJsonSuppliesTheStopStrings() throws IOException {
        Files.writeString(dir.resolve("args.json"), "{\"params\":{\"stop\":[\"<END>\"]}}");
        Files.writeString(
                dir.resolve("samples.jsonl"), "{\"prompt\":\"p\",\"outputs\":[{\"generated_text\":\"x<END>y\"}]}\n");

        assertThat(new ReplayBackend(dir).sample(request(0, 1, Map.of())).samples())
                .containsExactly(new Sample(0, "x", "stop"));
    }

    private static final String RECORD = "{\"ok\":true,\"outputs\":[{\"message\":{\"content\":\"a\"}}]}\n";

    private GenerationRequest requestFor(String source) {
        return new GenerationRequest(
                SchemaVersions.V1,
                "run",
                new Prompt("0", 0, List.of(new ChatMessage("user", "q"))),
                new VariantSpec("v", "replay", "m", source, null, null, 1, Map.of()),
                false,
                Instant.now());
    }

    @Test
    void aLinkSwappedToPointOutsideAfterSubmissionServesNoSamples(@TempDir Path outside) throws IOException {
        // At submission the link points inside; by generation time it points at a file outside the allowed folders.
        Path inside = Files.writeString(dir.resolve("released.jsonl"), RECORD);
        Path secret = Files.writeString(outside.resolve("secret.jsonl"), RECORD.replace("\"a\"", "\"secret\""));
        Path link = Files.createSymbolicLink(dir.resolve("samples.jsonl"), inside);
        ReplayBackend backend = new ReplayBackend(dir);
        assertThat(backend.sample(request(0, 1, Map.of())).samples()).containsExactly(new Sample(0, "a", null));

        Files.delete(link);
        Files.createSymbolicLink(link, secret);
        SampledSet set = backend.sample(request(0, 1, Map.of()));

        assertThat(set.failed()).isTrue();
        assertThat(set.samples()).isEmpty();
        assertThat(set.error()).contains("samples.jsonl", "outside the folders").doesNotContain("secret\"");
    }

    @Test
    void aSourceOutsideTheAllowedFoldersIsNotRead() {
        SampledSet set = new ReplayBackend(dir).sample(requestFor("/etc/passwd"));

        assertThat(set.failed()).isTrue();
        assertThat(set.error()).contains("/etc/passwd", "outside the folders").doesNotContain("root:");
        assertThat(new ReplayBackend(dir)
                        .sample(requestFor("../../../../../../etc/passwd"))
                        .error())
                .contains("outside the folders");
    }

    @Test
    void anOversizedOrNonRegularSourceIsRefused() throws IOException {
        Files.writeString(dir.resolve("samples.jsonl"), RECORD.repeat(10));
        Files.createDirectory(dir.resolve("folder"));
        ReplayBackend backend = new ReplayBackend(new FileSandbox(dir, List.of(), RECORD.length() * 5L, "this server"));

        assertThat(backend.sample(request(0, 1, Map.of())).error()).contains("bytes, more than the");
        assertThat(backend.sample(requestFor("folder")).error()).contains("not a regular file");
        assertThat(backend.sample(requestFor("/dev/zero")).error()).contains("outside the folders");
    }

    @Test
    void anArgsJsonLinkLeavingTheAllowedFoldersFailsTheSet(@TempDir Path outside) throws IOException {
        Path args = Files.writeString(outside.resolve("args.json"), "{\"params\":{\"stop\":[\"a\"]}}");
        Files.createSymbolicLink(dir.resolve("args.json"), args);
        Files.writeString(dir.resolve("samples.jsonl"), RECORD);

        assertThat(new ReplayBackend(dir).sample(request(0, 1, Map.of())).error())
                .contains("args.json", "outside the folders");
    }
}

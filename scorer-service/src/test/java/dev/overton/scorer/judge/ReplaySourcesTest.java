package dev.overton.scorer.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.overton.contracts.JudgeSpec;
import dev.overton.contracts.files.FileSandbox;
import dev.overton.contracts.spec.Judgement;

class ReplaySourcesTest {

    @TempDir
    Path dir;

    private static final List<String> VARIANTS = List.of("base", "icl", "chat");

    private static JudgeSpec spec(Map<String, String> sources, String... judgements) {
        return new JudgeSpec("replay", null, null, "gpt-4", Map.of(), List.of(judgements), 0, sources);
    }

    private static String line(String content) {
        return "{\"ok\": true, \"outputs\": [{\"message\": {\"content\": \"" + content.replace("\"", "\\\"")
                + "\", \"role\": \"assistant\"}}]}";
    }

    /** The sources of a judge with {@code sources} and {@code judgements} on the test run, read from {@code dir}. */
    private List<ReplaySources.Source> resolve(Map<String, String> sources, String... judgements) {
        return ReplaySources.resolve(spec(sources, judgements), "chat", VARIANTS, dir, List.of(dir));
    }

    private Path file(String name, int lines, String content) throws IOException {
        Path f = dir.resolve(name);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            out.add(line(content));
        }
        Files.write(f, out);
        return f;
    }

    @Test
    void keysNameTheJudgedVariantAndLinesMapToPromptAndSampleSamplesInner() throws IOException {
        file("missing.jsonl", 6, "{\"reason\": \"r\", \"score\": 2}");
        List<ReplaySources.Source> sources = resolve(Map.of("missing-info:base", "missing.jsonl"), "missing-info");

        List<ReplaySources.Replayed> read = ReplaySources.read(sources.get(0), "chat", List.of("a", "b"), 0);

        // 6 lines, 2 prompts: 3 samples each; line 4 (0-based 3) is prompt b, sample 0.
        assertThat(read).hasSize(6);
        assertThat(read.get(3).target()).isEqualTo(new JudgeTarget("b", "base", 0, Judgement.MISSING_INFO, "chat"));
        assertThat(read.get(3).line()).isEqualTo(4);
        assertThat(ReplaySources.read(sources.get(0), "chat", List.of("a", "b"), 2))
                .hasSize(4);
    }

    @Test
    void qualityKeepsSampleZeroAndABareKeyNamesTheOnlyPossibleVariant() throws IOException {
        file("quality.jsonl", 4, "{\"helpfulness\": {\"reason\": \"r\", \"score\": 4}}");
        List<ReplaySources.Source> sources = ReplaySources.resolve(
                spec(Map.of("quality", "quality.jsonl"), "quality"), "chat", List.of("chat"), dir, List.of(dir));

        List<ReplaySources.Replayed> read = ReplaySources.read(sources.get(0), "chat", List.of("a", "b"), 0);

        assertThat(sources.get(0).variant()).isEqualTo("chat");
        assertThat(read).extracting(r -> r.target().sample()).containsExactly(0, 0);
        // strict parsing: four aspects are missing, so the line is a failed verdict, not a skipped one
        assertThat(read).allSatisfy(r -> {
            assertThat(r.verdict()).isNull();
            assertThat(r.error()).contains("expected exactly");
        });
    }

    @Test
    void refusesUnknownKeysAmbiguousKeysUnlistedJudgementsAndFilesOutsideTheAllowedFolders() throws IOException {
        file("m.jsonl", 2, "{\"reason\": \"r\", \"score\": 2}");
        Path outside = Files.createTempFile("outside", ".jsonl");
        try {
            assertThatThrownBy(() -> resolve(Map.of("missingness:base", "m.jsonl"), "missing-info"))
                    .hasMessageContaining("unknown judgement 'missingness'");
            assertThatThrownBy(() -> resolve(Map.of("missing-info", "m.jsonl"), "missing-info"))
                    .hasMessageContaining("name the judged variant, e.g. 'missing-info:base'");
            assertThatThrownBy(() -> resolve(Map.of("topics:base", "m.jsonl"), "missing-info"))
                    .hasMessageContaining("is not in judge.judgements");
            assertThatThrownBy(() -> resolve(Map.of("missing-info:gpt", "m.jsonl"), "missing-info"))
                    .hasMessageContaining("'gpt' is not a variant of the run");
            assertThatThrownBy(() -> resolve(Map.of("missing-info:base", outside.toString()), "missing-info"))
                    .hasMessageContaining("outside the folders this scorer may read")
                    .hasMessageContaining("overton.files.allowed-dirs");
            assertThatThrownBy(() -> resolve(
                            Map.of("missing-info:base", "../" + dir.getFileName() + "/none.jsonl"), "missing-info"))
                    .hasMessageContaining("no such file");
            assertThatThrownBy(() -> resolve(Map.of("missing-info:base", "m.jsonl"), "missing-info", "quality"))
                    .hasMessageContaining("lists 'quality' but judge.sources has no file for it");
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void aLineCountThatDoesNotDivideIntoThePromptsIsRefused() throws IOException {
        file("m.jsonl", 5, "{\"reason\": \"r\", \"score\": 2}");
        ReplaySources.Source source =
                resolve(Map.of("missing-info:base", "m.jsonl"), "missing-info").get(0);

        assertThatThrownBy(() -> ReplaySources.read(source, "chat", List.of("a", "b"), 0))
                .hasMessageContaining("5 lines do not divide into the run's 2 prompts");
    }

    @Test
    void aLinkRepointedOutsideAfterTheSourcesWereResolvedIsNotRead(@TempDir Path outside) throws IOException {
        Path inside = file("released.jsonl", 2, "{\"reason\": \"r\", \"score\": 2}");
        Path secret =
                Files.writeString(outside.resolve("secret.jsonl"), line("{\"reason\": \"secret\", \"score\": 5}"));
        Path link = Files.createSymbolicLink(dir.resolve("missing.jsonl"), inside);
        List<ReplaySources.Source> sources = resolve(Map.of("missing-info:base", "missing.jsonl"), "missing-info");

        Files.delete(link);
        Files.createSymbolicLink(link, secret);

        assertThatThrownBy(() -> ReplaySources.read(sources.get(0), "chat", List.of("a", "b"), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("judge.sources key 'missing-info:base'")
                .hasMessageContaining("outside the folders this scorer may read")
                .hasMessageNotContaining("secret\"");
    }

    @Test
    void anOversizedSourceAndEtcPasswdAreRefused() throws IOException {
        file("big.jsonl", 10, "{\"reason\": \"r\", \"score\": 2}");
        FileSandbox small = new FileSandbox(dir, List.of(), 100, ReplaySources.READER);

        assertThatThrownBy(() -> ReplaySources.resolve(
                        spec(Map.of("missing-info:base", "big.jsonl"), "missing-info"), "chat", VARIANTS, small))
                .hasMessageContaining("judge.sources key 'missing-info:base'")
                .hasMessageContaining("more than the 100 bytes this scorer reads from one file");
        assertThatThrownBy(() -> ReplaySources.resolve(
                        spec(Map.of("missing-info:base", "/etc/passwd"), "missing-info"), "chat", VARIANTS, small))
                .hasMessageContaining("outside the folders this scorer may read")
                .hasMessageNotContaining("root:");
    }
}

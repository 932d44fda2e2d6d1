package dev.overton.generator.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class PromptFramesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void zeroShotFrameFencesQueryAndOpensTheAnswer() {
        assertThat(PromptFrames.zeroShot("Why is the sky blue?"))
                .isEqualTo("# Query:\n```\nWhy is the sky blue?\n```\n\n# Answer:\n```\n");
    }

    @Test
    void zeroShotFrameIsExactlyThePromptOfTheReleasedBaseModelOutputs() throws IOException {
        Path fixture = fixture();
        List<String> queries = Files.readAllLines(fixture.resolve("instances/data.jsonl")).stream()
                .filter(l -> !l.isBlank())
                .map(PromptFramesTest::userText)
                .toList();
        for (String variant : List.of("llama-2-base", "mistral-base")) {
            List<String> lines = Files.readAllLines(fixture.resolve("outputs/" + variant + "/samples.jsonl"));
            assertThat(lines).hasSameSizeAs(queries);
            for (int i = 0; i < queries.size(); i++) {
                assertThat(PromptFrames.zeroShot(queries.get(i)))
                        .as("%s prompt %d", variant, i)
                        .isEqualTo(JSON.readTree(lines.get(i)).get("prompt").asText());
            }
        }
    }

    @Test
    void templateTakesTheQueryWhereverThePlaceholderIs() {
        assertThat(PromptFrames.render("Q: {query}\nA:", "x")).isEqualTo("Q: x\nA:");
        assertThat(PromptFrames.render("{query}", "a {query} b")).isEqualTo("a {query} b");
    }

    @Test
    void promptEndingInAFenceLeavesTheModelInsideIt() {
        assertThat(PromptFrames.endsInsideFence(PromptFrames.zeroShot("q"))).isTrue();
        assertThat(PromptFrames.endsInsideFence("Q: q\nA:")).isFalse();
    }

    private static String userText(String line) {
        try {
            JsonNode messages = JSON.readTree(line).get("messages");
            return messages.get(messages.size() - 1).get("content").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The released LIMA-OE data beside the repository ({@code shared/fixtures/lima-oe}); skips when absent. */
    private static Path fixture() {
        Optional<Path> found = Optional.empty();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null && found.isEmpty(); dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/lima-oe");
            if (Files.isDirectory(candidate.resolve("outputs"))) {
                found = Optional.of(candidate);
            }
        }
        assumeTrue(found.isPresent(), "LIMA-OE fixture not found in shared/fixtures/lima-oe above the working dir");
        return found.get();
    }
}

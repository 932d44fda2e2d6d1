package dev.overton.metrics;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The paper's released LIMA-OE generations, read in place from {@code shared/fixtures/lima-oe} beside the repository
 * (never copied into it). Tests that need them call {@link #assumePresent()} and are skipped, with a message saying
 * where the data was looked for, on a checkout without {@code shared/}. Shared with the tests of semantic and
 * icl-service through this module's test jar.
 */
public final class LimaOeFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The responses one variant gave to one prompt; {@code texts} is empty when generation failed for the prompt. */
    public record SampleSet(int promptId, List<String> texts) {
        public boolean failed() {
            return texts.isEmpty();
        }
    }

    private LimaOeFixture() {}

    /** The fixture directory, if a {@code shared/fixtures/lima-oe} is found walking up from the working directory. */
    public static Optional<Path> locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("fixtures").resolve("lima-oe");
            if (Files.isDirectory(candidate.resolve("outputs"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The fixture directory; skips the calling test when it is absent. */
    public static Path assumePresent() {
        Optional<Path> dir = locate();
        assumeTrue(
                dir.isPresent(),
                "LIMA-OE fixture not found: looked for shared/fixtures/lima-oe in "
                        + Path.of("").toAbsolutePath() + " and its parents (the repository's ../shared)");
        return dir.get();
    }

    /**
     * The sample sets of {@code variant}, one per prompt in prompt order. Reads both released shapes: TGI
     * ({@code outputs[].generated_text}, a failed prompt's outputs being {@code {"error":…}} entries) and OpenAI
     * ({@code outputs[].message.content}).
     */
    public static List<SampleSet> sampleSets(Path fixture, String variant) {
        Path file = fixture.resolve("outputs").resolve(variant).resolve("samples.jsonl");
        try {
            List<SampleSet> sets = new ArrayList<>();
            List<String> lines = Files.readAllLines(file);
            for (int promptId = 0; promptId < lines.size(); promptId++) {
                sets.add(new SampleSet(promptId, texts(JSON.readTree(lines.get(promptId)))));
            }
            return sets;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static List<String> texts(JsonNode line) {
        List<String> texts = new ArrayList<>();
        if (line.has("error")) {
            return texts;
        }
        for (JsonNode output : line.path("outputs")) {
            if (output.has("error")) {
                return List.of();
            }
            JsonNode text = output.has("generated_text")
                    ? output.get("generated_text")
                    : output.path("message").path("content");
            if (!text.isTextual()) {
                throw new IllegalStateException("Output without text: " + output);
            }
            texts.add(text.asText());
        }
        return texts;
    }
}

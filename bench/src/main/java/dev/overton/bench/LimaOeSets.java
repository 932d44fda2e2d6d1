package dev.overton.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads every variant of the paper's released LIMA-OE generations ({@code outputs/<variant>/samples.jsonl}, one line
 * per prompt) in place from the shared fixture directory. Both released shapes are understood: TGI
 * ({@code outputs[].generated_text}, where an {@code {"error":…}} output marks a failed prompt) and OpenAI
 * ({@code outputs[].message.content}). Failed prompts are skipped and counted, as the scorer would never see them.
 */
final class LimaOeSets {

    /** The responses one variant gave to one prompt. */
    record SampleSet(String variant, int promptId, List<String> texts) {}

    /** All sets of all variants, and how many prompts were skipped as failed. */
    record Loaded(List<SampleSet> sets, int variants, int failedPrompts) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private LimaOeSets() {}

    static Loaded read(Path fixture) throws IOException {
        List<Path> files;
        try (Stream<Path> dirs = Files.list(fixture.resolve("outputs"))) {
            files = dirs.map(dir -> dir.resolve("samples.jsonl"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
        List<SampleSet> sets = new ArrayList<>();
        int failed = 0;
        for (Path file : files) {
            String variant = file.getParent().getFileName().toString();
            List<String> lines = Files.readAllLines(file);
            for (int promptId = 0; promptId < lines.size(); promptId++) {
                List<String> texts = texts(JSON.readTree(lines.get(promptId)), file, promptId);
                if (texts.isEmpty()) {
                    failed++;
                } else {
                    sets.add(new SampleSet(variant, promptId, texts));
                }
            }
        }
        return new Loaded(sets, files.size(), failed);
    }

    /** The texts of one line; empty when the prompt failed. */
    private static List<String> texts(JsonNode line, Path file, int promptId) {
        if (line.has("error")) {
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode output : line.path("outputs")) {
            if (output.has("error")) {
                return List.of();
            }
            JsonNode text = output.has("generated_text")
                    ? output.get("generated_text")
                    : output.path("message").path("content");
            if (!text.isTextual()) {
                throw new IllegalStateException(file + " line " + (promptId + 1)
                        + ": an output has neither generated_text nor message.content");
            }
            texts.add(text.asText());
        }
        return texts;
    }
}

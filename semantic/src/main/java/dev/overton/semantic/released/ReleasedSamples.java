package dev.overton.semantic.released;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The paper's released generations ({@code outputs/<variant>/samples.jsonl}, one line per prompt), for the benchmark
 * and the calibration of thresholds. Reads both released shapes: TGI ({@code outputs[].generated_text}; a failed
 * prompt is an {@code {"error":…}} entry and yields no texts) and OpenAI ({@code outputs[].message.content}).
 */
public final class ReleasedSamples {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReleasedSamples() {}

    /** The responses of {@code variant}, one list per prompt in prompt order (empty for a failed prompt). */
    public static List<List<String>> read(Path fixture, String variant) {
        Path file = fixture.resolve("outputs").resolve(variant).resolve("samples.jsonl");
        List<List<String>> sets = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                sets.add(texts(JSON.readTree(lines.get(i)), file, i + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return sets;
    }

    private static List<String> texts(JsonNode line, Path file, int lineNo) {
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
                throw new IllegalArgumentException(file + " line " + lineNo + ": an output has no text");
            }
            texts.add(text.asText());
        }
        return texts;
    }
}

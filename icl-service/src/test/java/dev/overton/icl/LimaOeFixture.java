package dev.overton.icl;

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
 * The paper's released LIMA-OE files, read in place from {@code shared/fixtures/lima-oe} beside the repository (the
 * repository root's sibling {@code shared}; never copied into the project): the prompts, stored prompts and args of
 * icl-service's reproduction tests. Finding the folder, or skipping the test without it, is metrics' shared {@link
 * dev.overton.metrics.LimaOeFixture} (its test jar).
 */
public final class LimaOeFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LimaOeFixture() {}

    /** The fixture directory, if found ({@link dev.overton.metrics.LimaOeFixture#locate()}). */
    public static Optional<Path> locate() {
        return dev.overton.metrics.LimaOeFixture.locate();
    }

    /** The fixture directory; skips the calling test when it is absent. */
    public static Path assumePresent() {
        return dev.overton.metrics.LimaOeFixture.assumePresent();
    }

    /** The user message of each prompt, in order. */
    public static List<String> queries(Path fixture) {
        List<String> queries = new ArrayList<>();
        for (JsonNode line : lines(fixture.resolve("instances").resolve("data.jsonl"))) {
            queries.add(line.path("messages").get(0).path("content").asText());
        }
        return queries;
    }

    /** The stored (rendered) prompt of each record of a TGI-shaped variant. */
    public static List<String> storedPrompts(Path fixture, String variant) {
        return lines(samples(fixture, variant)).stream()
                .map(l -> l.path("prompt").asText())
                .toList();
    }

    /** Sample {@code sample} of each record of a variant (TGI or OpenAI shape); {@code null} for a failed record. */
    public static List<String> sampleTexts(Path file, int sample) {
        List<String> texts = new ArrayList<>();
        for (JsonNode line : lines(file)) {
            JsonNode output = line.path("outputs").path(sample);
            JsonNode text = output.has("generated_text")
                    ? output.get("generated_text")
                    : output.path("message").path("content");
            texts.add(output.has("error") || !text.isTextual() ? null : text.asText());
        }
        return texts;
    }

    /** The samples.jsonl of an output variant. */
    public static Path samples(Path fixture, String variant) {
        return fixture.resolve("outputs").resolve(variant).resolve("samples.jsonl");
    }

    /** The parsed args.json of an output variant. */
    public static JsonNode args(Path fixture, String variant) {
        try {
            return JSON.readTree(fixture.resolve("outputs")
                    .resolve(variant)
                    .resolve("args.json")
                    .toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each line of a JSONL file, parsed. */
    public static List<JsonNode> lines(Path file) {
        try {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    nodes.add(JSON.readTree(line));
                }
            }
            return nodes;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}

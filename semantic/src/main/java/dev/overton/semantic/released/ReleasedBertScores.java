package dev.overton.semantic.released;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The paper's released BERTScore outputs ({@code bertscore/outputs/<ref>--<alt>.json}): for every (prompt, candidate
 * sample) pair the two texts as they were scored and the released precision, recall and F1 (roberta-large layer 17,
 * truncated at 512 tokens, no idf, no rescaling). Read strictly: the parallel arrays must agree in length. Used to
 * check our BERTScore against theirs, by rank correlation and per-variant ordering.
 */
public final class ReleasedBertScores {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One released pair; {@code selfPair} marks a sample scored against itself (same model, same sample id). */
    public record Pair(
            String refModel,
            String altModel,
            int promptId,
            int refSample,
            int altSample,
            String refText,
            String altText,
            double precision,
            double recall,
            double f1) {

        /** A sample compared with itself (aligned-vs-aligned with the reference's own sample), excluded from means. */
        public boolean selfPair() {
            return refModel.equals(altModel) && refSample == altSample;
        }
    }

    private ReleasedBertScores() {}

    /** The files {@code <dir>/<refModel>--*.json}, sorted by name. */
    public static List<Path> filesFor(Path bertscoreOutputs, String refModel) {
        try (Stream<Path> files = Files.list(bertscoreOutputs)) {
            return files.filter(p -> p.getFileName().toString().startsWith(refModel + "--")
                            && p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + bertscoreOutputs, e);
        }
    }

    /** The pairs of one file. */
    public static List<Pair> read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read released BERTScore file " + file, e);
        }
        String ref = text(root, "ref_model", file);
        String alt = text(root, "alt_model", file);
        JsonNode ids = array(root, "instance_ids", file);
        JsonNode refIds = array(root, "ref_sample_ids", file);
        JsonNode altIds = array(root, "alt_sample_ids", file);
        JsonNode refTexts = array(root, "ref_texts", file);
        JsonNode altTexts = array(root, "alt_texts", file);
        JsonNode results = root.path("results");
        JsonNode p = array(results, "precision", file);
        JsonNode r = array(results, "recall", file);
        JsonNode f = array(results, "f1", file);
        int n = ids.size();
        for (JsonNode a : List.of(refIds, altIds, refTexts, altTexts, p, r, f)) {
            if (a.size() != n) {
                throw new IllegalArgumentException(
                        file + ": parallel arrays differ in length (" + a.size() + " vs " + n + " instance_ids)");
            }
        }
        List<Pair> pairs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pairs.add(new Pair(
                    ref,
                    alt,
                    ids.get(i).asInt(),
                    refIds.get(i).asInt(),
                    altIds.get(i).asInt(),
                    refTexts.get(i).asText(),
                    altTexts.get(i).asText(),
                    p.get(i).asDouble(),
                    r.get(i).asDouble(),
                    f.get(i).asDouble()));
        }
        return pairs;
    }

    private static String text(JsonNode node, String field, Path file) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(file + ": field '" + field + "' missing or not a string");
        }
        return v.asText();
    }

    private static JsonNode array(JsonNode node, String field, Path file) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException(file + ": field '" + field + "' missing or not an array");
        }
        return v;
    }
}

package dev.overton.semantic.judge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Strict parsing of judge outputs in the OpenAI shape the paper released
 * ({@code {"ok":true,"outputs":[{"message":{"content":"<verdict JSON>"},…}]}}, one line per judged (prompt, sample)
 * pair), so that released verdicts can be replayed and live ones checked with the same code.
 *
 * <p>Strict means: a line must say {@code ok: true} and hold exactly one output whose message content is a JSON object
 * with exactly the expected keys; every score must be a whole number 1–5 (as a string or a number) or, for quality
 * aspects only, {@code "N/A"}; reasons must be strings. Anything else is a {@link JudgeVerdictException} naming the
 * line and the field, never a skipped line: a replay that silently dropped verdicts would still produce plausible
 * means.
 */
public final class JudgeVerdicts {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private JudgeVerdicts() {}

    /** Reads an {@code eval-quality} samples file. */
    public static List<QualityVerdict> readQuality(Path samplesJsonl) {
        List<QualityVerdict> verdicts = new ArrayList<>();
        List<String> lines = lines(samplesJsonl);
        for (int i = 0; i < lines.size(); i++) {
            verdicts.add(parseQuality(verdictContent(lines.get(i), i + 1), i + 1));
        }
        return verdicts;
    }

    /** Reads an {@code eval-missing} samples file. */
    public static List<MissingInfoVerdict> readMissing(Path samplesJsonl) {
        List<MissingInfoVerdict> verdicts = new ArrayList<>();
        List<String> lines = lines(samplesJsonl);
        for (int i = 0; i < lines.size(); i++) {
            verdicts.add(parseMissing(verdictContent(lines.get(i), i + 1), i + 1));
        }
        return verdicts;
    }

    private static List<String> lines(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
                lines.remove(lines.size() - 1);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read judge outputs " + file, e);
        }
    }

    /** The verdict JSON (the message content) of one OpenAI-shaped output line. */
    static JsonNode verdictContent(String line, int lineNo) {
        JsonNode root = parse(line, lineNo, "the line");
        if (!root.path("ok").isBoolean() || !root.get("ok").asBoolean()) {
            throw new JudgeVerdictException(lineNo, "field 'ok' is not true: the judge call failed");
        }
        JsonNode outputs = root.get("outputs");
        if (outputs == null || !outputs.isArray() || outputs.size() != 1) {
            throw new JudgeVerdictException(lineNo, "field 'outputs' must be an array of exactly one output");
        }
        JsonNode content = outputs.get(0).path("message").get("content");
        if (content == null || !content.isTextual()) {
            throw new JudgeVerdictException(lineNo, "field 'outputs[0].message.content' is missing or not a string");
        }
        JsonNode verdict = parse(content.asText(), lineNo, "the message content");
        if (!verdict.isObject()) {
            throw new JudgeVerdictException(lineNo, "the verdict is not a JSON object");
        }
        return verdict;
    }

    private static JsonNode parse(String text, int lineNo, String what) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new JudgeVerdictException(lineNo, what + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new JudgeVerdictException(lineNo, what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a quality verdict: an object with exactly the five aspects, each {@code {"reason", "score"}}. */
    public static QualityVerdict parseQuality(JsonNode verdict, int lineNo) {
        Set<String> expected = new TreeSet<>();
        for (QualityAspect a : QualityAspect.values()) {
            expected.add(a.json());
        }
        requireKeys(verdict, expected, lineNo, "the quality verdict");
        Map<QualityAspect, OptionalInt> scores = new EnumMap<>(QualityAspect.class);
        Map<QualityAspect, String> reasons = new EnumMap<>(QualityAspect.class);
        for (QualityAspect a : QualityAspect.values()) {
            JsonNode aspect = verdict.get(a.json());
            if (!aspect.isObject()) {
                throw new JudgeVerdictException(lineNo, "field '" + a.json() + "' is not an object");
            }
            requireKeys(aspect, Set.of("reason", "score"), lineNo, "field '" + a.json() + "'");
            reasons.put(a, reason(aspect, lineNo, a.json() + ".reason"));
            scores.put(a, score(aspect.get("score"), lineNo, a.json() + ".score", true));
        }
        return new QualityVerdict(scores, reasons);
    }

    /** Parses a missing-information verdict: an object with exactly {@code reason} and {@code score}. */
    public static MissingInfoVerdict parseMissing(JsonNode verdict, int lineNo) {
        requireKeys(verdict, Set.of("reason", "score"), lineNo, "the missing-information verdict");
        int score = score(verdict.get("score"), lineNo, "score", false).getAsInt();
        return new MissingInfoVerdict(score, reason(verdict, lineNo, "reason"));
    }

    private static void requireKeys(JsonNode node, Set<String> expected, int lineNo, String what) {
        Set<String> keys = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        if (!keys.equals(new TreeSet<>(expected))) {
            throw new JudgeVerdictException(
                    lineNo, what + " has keys " + keys + ", expected exactly " + new TreeSet<>(expected));
        }
    }

    private static String reason(JsonNode node, int lineNo, String field) {
        JsonNode r = node.get("reason");
        if (!r.isTextual()) {
            throw new JudgeVerdictException(lineNo, "field '" + field + "' is not a string");
        }
        return r.asText();
    }

    private static OptionalInt score(JsonNode s, int lineNo, String field, boolean allowNotApplicable) {
        String text;
        if (s.isTextual()) {
            text = s.asText().strip();
        } else if (s.isIntegralNumber()) {
            text = s.asText();
        } else {
            throw new JudgeVerdictException(lineNo, "field '" + field + "' must be a score 1-5, was " + s);
        }
        if (allowNotApplicable && text.equals("N/A")) {
            return OptionalInt.empty();
        }
        if (text.length() == 1 && text.charAt(0) >= '1' && text.charAt(0) <= '5') {
            return OptionalInt.of(text.charAt(0) - '0');
        }
        throw new JudgeVerdictException(
                lineNo,
                "field '" + field + "' must be a score 1-5" + (allowNotApplicable ? " or \"N/A\"" : "") + ", was " + s);
    }
}

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
import java.util.function.BiFunction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.overton.contracts.spec.Judgement;

/**
 * Strict parsing of judge outputs in the OpenAI shape the paper released
 * ({@code {"ok":true,"outputs":[{"message":{"content":"<verdict JSON>"},…}]}}, one line per judged (prompt, sample)
 * pair), so that released verdicts can be replayed and live ones checked with the same code.
 *
 * <p>Strict means: a line must say {@code ok: true} and hold exactly one output whose message content is a JSON object
 * with exactly the expected keys; every score must be a whole number 1–5 (as a string or a number) or, for quality
 * aspects only, {@code "N/A"}; reasons must be strings. Anything else is a {@link JudgeVerdictException} naming the
 * line and the field, never a skipped line: a replay that silently dropped verdicts would still produce plausible
 * means. {@link #readEach} is the variant for replaying into a store: it reports each line's verdict or failure, so
 * that a bad line becomes a recorded failed verdict instead of stopping the whole file.
 *
 * <p>The same rules check a live judge's answer ({@link #parseText}): the text must be exactly one JSON object (white
 * space around it allowed; no prose, no code fence, nothing after it), with exactly the keys of its judgement:
 *
 * <ul>
 *   <li>missing-info: {@code {"reason": str, "score": 1-5}};
 *   <li>quality: {@code {"helpfulness"|"clarity"|"factuality"|"depth"|"engagement": {"reason": str, "score": 1-5 |
 *       "N/A"}}};
 *   <li>topics: {@code {"reason": str, "topics": [{"name": str, "response": "A"|"B"|"both", "helpfulness": 1-5}]}};
 *   <li>stance: {@code {"reason": str, "stance": "yes"|"no"|"both"|"other"}}.
 * </ul>
 *
 * Scores are whole numbers, as a JSON number or a numeric string; {@code "N/A"} only for quality aspects.
 */
public final class JudgeVerdicts {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JudgeVerdicts() {}

    /** Reads an {@code eval-quality} samples file. */
    public static List<QualityVerdict> readQuality(Path samplesJsonl) {
        return read(samplesJsonl, JudgeVerdicts::parseQuality);
    }

    /** Reads an {@code eval-missing} samples file. */
    public static List<MissingInfoVerdict> readMissing(Path samplesJsonl) {
        return read(samplesJsonl, JudgeVerdicts::parseMissing);
    }

    /** Reads a {@code extract-topics} samples file. */
    public static List<TopicsVerdict> readTopics(Path samplesJsonl) {
        return read(samplesJsonl, JudgeVerdicts::parseTopics);
    }

    /** Every line of a samples file parsed by {@code parse} (verdict, line number); the first bad line fails it. */
    private static <T> List<T> read(Path samplesJsonl, BiFunction<JsonNode, Integer, T> parse) {
        List<T> verdicts = new ArrayList<>();
        List<String> lines = lines(samplesJsonl);
        for (int i = 0; i < lines.size(); i++) {
            verdicts.add(parse.apply(verdictContent(lines.get(i), i + 1), i + 1));
        }
        return verdicts;
    }

    /**
     * One line of a verdict file read by {@link #readEach}: the verdict, or why the line has none.
     *
     * @param line the 1-based line number
     * @param raw the judge's message content when the line has one, else the whole line
     * @param verdict the parsed verdict, or {@code null} when the line failed
     * @param error why the line failed, or {@code null}
     */
    public record LineVerdict(int line, String raw, JudgeVerdict verdict, String error) {

        /** Whether the line holds a valid verdict. */
        public boolean parsed() {
            return verdict != null;
        }
    }

    /**
     * Reads every line of a verdict file of {@code judgement}, recording each line's verdict or failure (a failed judge
     * call, content that is not JSON, a wrong key, a score out of range). Never skips a line: the result has one entry
     * per non-blank trailing-trimmed line.
     */
    public static List<LineVerdict> readEach(Path samplesJsonl, Judgement judgement) {
        return readEach(lines(samplesJsonl), judgement);
    }

    /**
     * {@link #readEach(Path, Judgement)} for lines the caller read (through its own file policy); trailing blank lines
     * are dropped.
     */
    public static List<LineVerdict> readEach(List<String> fileLines, Judgement judgement) {
        List<String> lines = withoutTrailingBlanks(fileLines);
        List<LineVerdict> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String raw = line;
            try {
                raw = contentText(line, i + 1);
                out.add(new LineVerdict(i + 1, raw, parse(judgement, object(raw, i + 1), i + 1), null));
            } catch (JudgeVerdictException e) {
                out.add(new LineVerdict(i + 1, raw, null, e.getMessage()));
            }
        }
        return out;
    }

    /**
     * Parses a live judge's answer strictly: {@code text} must be exactly one JSON object of {@code judgement}'s shape.
     *
     * @throws JudgeVerdictException (line 0) saying what is wrong, in words fit to quote back to the judge
     */
    public static JudgeVerdict parseText(Judgement judgement, String text) {
        if (text == null || text.isBlank()) {
            throw new JudgeVerdictException(0, "the answer is empty");
        }
        return parse(judgement, object(text, 0), 0);
    }

    /** Parses a verdict object of {@code judgement}. */
    public static JudgeVerdict parse(Judgement judgement, JsonNode verdict, int lineNo) {
        return switch (judgement) {
            case MISSING_INFO -> parseMissing(verdict, lineNo);
            case QUALITY -> parseQuality(verdict, lineNo);
            case TOPICS -> parseTopics(verdict, lineNo);
            case STANCE -> parseStance(verdict, lineNo);
        };
    }

    private static JsonNode object(String text, int lineNo) {
        JsonNode verdict = parse(text, lineNo, "the message content");
        if (!verdict.isObject()) {
            throw new JudgeVerdictException(lineNo, "the verdict is not a JSON object");
        }
        return verdict;
    }

    private static List<String> lines(Path file) {
        try {
            return withoutTrailingBlanks(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read judge outputs " + file, e);
        }
    }

    private static List<String> withoutTrailingBlanks(List<String> fileLines) {
        List<String> lines = new ArrayList<>(fileLines);
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** The verdict JSON (the message content) of one OpenAI-shaped output line. */
    static JsonNode verdictContent(String line, int lineNo) {
        return object(contentText(line, lineNo), lineNo);
    }

    /** The message content (the verdict's text) of one OpenAI-shaped output line. */
    private static String contentText(String line, int lineNo) {
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
        return content.asText();
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

    /**
     * Parses a topics verdict: an object with exactly {@code reason} and {@code topics}, the latter an array (possibly
     * empty) of objects with exactly {@code name} (a non-blank string), {@code response} ({@code "A"}, {@code "B"} or
     * {@code "both"}) and {@code helpfulness} (1–5).
     */
    public static TopicsVerdict parseTopics(JsonNode verdict, int lineNo) {
        requireKeys(verdict, Set.of("reason", "topics"), lineNo, "the topics verdict");
        String reason = reason(verdict, lineNo, "reason");
        JsonNode topics = verdict.get("topics");
        if (!topics.isArray()) {
            throw new JudgeVerdictException(lineNo, "field 'topics' must be an array of topics, was " + topics);
        }
        List<TopicsVerdict.Topic> out = new ArrayList<>(topics.size());
        for (int i = 0; i < topics.size(); i++) {
            JsonNode topic = topics.get(i);
            String at = "topics[" + i + "]";
            if (!topic.isObject()) {
                throw new JudgeVerdictException(lineNo, "field '" + at + "' is not an object");
            }
            requireKeys(topic, Set.of("name", "response", "helpfulness"), lineNo, "field '" + at + "'");
            JsonNode name = topic.get("name");
            if (!name.isTextual() || name.asText().isBlank()) {
                throw new JudgeVerdictException(lineNo, "field '" + at + ".name' must be a non-empty string");
            }
            JsonNode response = topic.get("response");
            TopicsVerdict.Side side = response.isTextual()
                    ? TopicsVerdict.Side.of(response.asText()).orElse(null)
                    : null;
            if (side == null) {
                throw new JudgeVerdictException(
                        lineNo, "field '" + at + ".response' must be \"A\", \"B\" or \"both\", was " + response);
            }
            int helpfulness = score(topic.get("helpfulness"), lineNo, at + ".helpfulness", false)
                    .getAsInt();
            out.add(new TopicsVerdict.Topic(name.asText(), side, helpfulness));
        }
        return new TopicsVerdict(reason, out);
    }

    /** Parses a stance verdict: an object with exactly {@code reason} and {@code stance} (yes, no, both, other). */
    public static StanceVerdict parseStance(JsonNode verdict, int lineNo) {
        requireKeys(verdict, Set.of("reason", "stance"), lineNo, "the stance verdict");
        String reason = reason(verdict, lineNo, "reason");
        JsonNode stance = verdict.get("stance");
        Stance label = stance.isTextual() ? Stance.of(stance.asText()).orElse(null) : null;
        if (label == null) {
            throw new JudgeVerdictException(
                    lineNo, "field 'stance' must be \"yes\", \"no\", \"both\" or \"other\", was " + stance);
        }
        return new StanceVerdict(label, reason);
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

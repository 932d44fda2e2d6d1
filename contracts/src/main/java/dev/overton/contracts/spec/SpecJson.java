package dev.overton.contracts.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Strict reading of a run spec's JSON and exact checks of its values. A spec is read from raw bytes: invalid UTF-8,
 * duplicate keys and text after the object are refused with the position named, never repaired silently; numbers are
 * range-checked on the exact JSON number (so {@code 4294967297} is not taken for 1); unknown fields are refused naming
 * the nearest known one (a typo like {@code sampels} would otherwise silently give the default).
 */
public final class SpecJson {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SpecJson() {}

    /** The result of reading a body: its JSON tree, or the one problem that made it unreadable. */
    public record Read(JsonNode tree, FieldError problem) {}

    /**
     * Reads {@code body} as one JSON value in strict UTF-8.
     *
     * @return the tree ({@code null} for an empty body), or the problem naming the byte offset or the JSON position
     */
    public static Read read(byte[] body) {
        if (body == null || body.length == 0) {
            return new Read(null, null);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            return new Read(
                    null,
                    new FieldError(
                            "(body)",
                            "is not valid UTF-8: byte offset " + in.position() + " starts an invalid sequence of "
                                    + result.length() + " byte(s); send the spec encoded as UTF-8"));
        }
        out.flip();
        return read(out.toString());
    }

    /** Reads {@code text} as one JSON value, strictly (duplicate keys and trailing text refused). */
    public static Read read(String text) {
        if (text == null || text.isBlank()) {
            return new Read(null, null);
        }
        try {
            return new Read(STRICT.readTree(text), null);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            String field = "(body)";
            if (e.getProcessor() instanceof JsonParser parser) {
                String path = fieldPath(parser.getParsingContext());
                if (!path.isEmpty() && SpecText.characterProblem(path, false) == null && path.length() <= 500) {
                    field = path;
                }
            }
            String message = e.getOriginalMessage();
            // Jackson's messages may quote what it read; keep only the first line and no control characters.
            message =
                    message == null ? "unreadable" : message.lines().findFirst().orElse("");
            message = message.replaceAll("\\p{Cntrl}", "?");
            if (message.length() > 200) {
                message = message.substring(0, 200) + "...";
            }
            return new Read(
                    null,
                    new FieldError(
                            field,
                            "is not valid JSON (" + message + ")" + where
                                    + "; send one JSON object, each key once, nothing after it"));
        }
    }

    /** {@code variants[0].samples} style path of a parser context. */
    private static String fieldPath(JsonStreamContext context) {
        JsonPointer pointer = context.pathAsPointer();
        StringBuilder path = new StringBuilder();
        for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
            if (p.getMatchingIndex() >= 0 && path.length() > 0) {
                path.append('[').append(p.getMatchingIndex()).append(']');
            } else {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(p.getMatchingProperty());
            }
        }
        return path.toString();
    }

    /**
     * The whole number {@code node} holds if it is an integral JSON number from {@code min} to {@code max}, else
     * {@code null}. Exact: a number beyond the {@code long} range is out of range, never wrapped.
     */
    public static Long wholeIn(JsonNode node, long min, long max) {
        if (node == null || !node.isIntegralNumber()) {
            return null;
        }
        BigInteger value = node.bigIntegerValue();
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            return null;
        }
        return value.longValue();
    }

    /** The number {@code node} holds if it is a finite JSON number from {@code min} to {@code max}, else {@code null}. */
    public static Double numberIn(JsonNode node, double min, double max) {
        if (node == null || !node.isNumber()) {
            return null;
        }
        BigDecimal exact = node.isBigDecimal() || node.isBigInteger() ? node.decimalValue() : null;
        double value = node.doubleValue();
        if (!Double.isFinite(value)
                || (exact != null
                        // an infinite bound has no BigDecimal (valueOf throws): it bounds nothing
                        && ((Double.isFinite(min) && exact.compareTo(BigDecimal.valueOf(min)) < 0)
                                || (Double.isFinite(max) && exact.compareTo(BigDecimal.valueOf(max)) > 0)))) {
            return null;
        }
        return value >= min && value <= max ? value : null;
    }

    /**
     * Refuses every field of {@code object} that is not in {@code known}, naming the nearest known one.
     *
     * @param at the object's path, e.g. {@code variants[0]}; empty for the top level
     */
    public static void refuseUnknownFields(
            JsonNode object, String at, Collection<String> known, List<FieldError> errors) {
        if (object == null || !object.isObject()) {
            return;
        }
        Iterator<String> names = object.fieldNames();
        List<String> unknown = new ArrayList<>();
        names.forEachRemaining(n -> {
            if (!known.contains(n)) {
                unknown.add(n);
            }
        });
        for (String name : unknown) {
            String field = at.isEmpty() ? name : at + "." + name;
            String shown = SpecText.characterProblem(name, false) == null && name.length() <= SpecLimits.LABEL_LENGTH
                    ? "'" + name + "'"
                    : "(a name with control characters or over " + SpecLimits.LABEL_LENGTH + " characters)";
            String nearest = nearest(name, known);
            errors.add(new FieldError(
                    SpecText.characterProblem(field, false) == null ? field : at + ".(unknown)",
                    "unknown field " + shown + (at.isEmpty() ? "" : " at " + at) + "; "
                            + (nearest == null
                                    ? "known fields are " + new TreeSet<>(known)
                                    : "did you mean '" + nearest + "'?")));
        }
    }

    /** The known name closest to {@code name} by edit distance, if it is close enough to be a typo. */
    static String nearest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = name.length() > SpecLimits.LABEL_LENGTH ? "" : name.toLowerCase(java.util.Locale.ROOT);
        for (String k : new TreeSet<>(known)) {
            int d = distance(lower, k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= Math.max(2, best.length() / 3) ? best : null;
    }

    /** Levenshtein distance, with a swap of two neighbours counting as one edit. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

package dev.overton.scorer.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checked parameters of {@code GET /compare}: runs {@code a} and {@code b}, the optional variant pairing {@code
 * map=vA:vB,...} and the optional metric list {@code metrics=m1,m2}. Every problem names its parameter and the fix.
 *
 * @param a run a's id
 * @param b run b's id
 * @param map variant of a → variant of b, in the order given; empty = pair variants by name
 * @param metrics the metrics asked for, in the order given; empty = every metric both sides have
 */
public record CompareQuery(String a, String b, Map<String, String> map, List<String> metrics) {

    /** Longest run id, variant or metric name accepted. */
    public static final int MAX_NAME = 200;

    private static final Pattern METRIC = Pattern.compile("[A-Za-z0-9_]+");

    public CompareQuery {
        map = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
        metrics = List.copyOf(metrics);
    }

    /**
     * Checks and parses the raw parameters.
     *
     * @throws CompareProblem (400) naming the parameter at fault
     */
    public static CompareQuery parse(String a, String b, String map, String metrics) {
        return new CompareQuery(runId("a", a), runId("b", b), parseMap(map), parseMetrics(metrics));
    }

    private static String runId(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw CompareProblem.badParameter(
                    parameter,
                    "'" + parameter + "' is required: the id of a run to compare (GET /compare?a=RUN&b=RUN)");
        }
        checkName(parameter, "run id", value);
        return value;
    }

    private static Map<String, String> parseMap(String raw) {
        Map<String, String> map = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return map;
        }
        Set<String> targets = new LinkedHashSet<>();
        for (String pair : raw.split(",", -1)) {
            String[] sides = pair.split(":", -1);
            if (sides.length != 2 || sides[0].isBlank() || sides[1].isBlank()) {
                throw CompareProblem.badParameter(
                        "map",
                        "'map' must be a comma-separated list of variantOfA:variantOfB pairs (e.g."
                                + " map=llama-2-chat:llama-3-chat,base:base); got entry '" + shorten(pair) + "'");
            }
            checkName("map", "variant", sides[0]);
            checkName("map", "variant", sides[1]);
            if (map.containsKey(sides[0])) {
                throw CompareProblem.badParameter(
                        "map", "'map' pairs variant '" + sides[0] + "' of run a twice; give each variant once");
            }
            if (!targets.add(sides[1])) {
                throw CompareProblem.badParameter(
                        "map", "'map' pairs variant '" + sides[1] + "' of run b twice; give each variant once");
            }
            map.put(sides[0], sides[1]);
        }
        return map;
    }

    private static List<String> parseMetrics(String raw) {
        List<String> metrics = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return metrics;
        }
        for (String metric : raw.split(",", -1)) {
            if (!METRIC.matcher(metric).matches() || metric.length() > MAX_NAME) {
                throw CompareProblem.badParameter(
                        "metrics",
                        "'metrics' must be a comma-separated list of metric names (letters, digits, '_'; e.g."
                                + " metrics=jaccard_1,embedding_vendi_score); got '" + shorten(metric) + "'");
            }
            if (!metrics.contains(metric)) {
                metrics.add(metric);
            }
        }
        return metrics;
    }

    private static void checkName(String parameter, String what, String value) {
        if (value.length() > MAX_NAME) {
            throw CompareProblem.badParameter(
                    parameter, "'" + parameter + "' holds a " + what + " longer than " + MAX_NAME + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw CompareProblem.badParameter(
                        parameter, "'" + parameter + "' holds a " + what + " with a control character");
            }
        }
    }

    /** The start of a user string, for a message (never echoes more than 60 characters). */
    static String shorten(String value) {
        String clean = value.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return clean.length() > 60 ? clean.substring(0, 60) + "…" : clean;
    }
}

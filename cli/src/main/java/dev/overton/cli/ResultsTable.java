package dev.overton.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The headline results as a text table, from the scorer's {@code GET /runs/{id}/scores}: per variant the mean unigram
 * Jaccard over prompts with its 95% interval, the paired difference to the aligned reference with its interval, the
 * mean response length and the similarity to the aligned answer ({@code pair_jaccard_1}; for the reference itself,
 * aligned vs aligned: the ceiling). Variants are listed others first, the reference last.
 */
public final class ResultsTable {

    private static final String[] HEADER = {
        "variant", "jaccard_1 [95% CI]", "vs reference [95% CI]", "mean_tokens", "pair_jaccard_1"
    };

    private ResultsTable() {}

    /** The table; {@code reference} may be {@code null} (then it is read from the differences). */
    public static String render(JsonNode scores, String reference) {
        String ref = reference;
        if (ref == null) {
            for (JsonNode d : scores.path("differences")) {
                ref = d.path("reference").asText(null);
                break;
            }
        }
        List<JsonNode> variants = new ArrayList<>();
        JsonNode referenceNode = null;
        for (JsonNode v : scores.path("variants")) {
            if (v.path("name").asText().equals(ref)) {
                referenceNode = v;
            } else {
                variants.add(v);
            }
        }
        if (referenceNode != null) {
            variants.add(referenceNode);
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (JsonNode v : variants) {
            String name = v.path("name").asText();
            JsonNode metrics = v.path("metrics");
            boolean isReference = name.equals(ref);
            rows.add(new String[] {
                name + (isReference ? " (reference)" : ""),
                withInterval(metrics.path("jaccard_1")),
                isReference ? "-" : withInterval(difference(scores, name, "jaccard_1")),
                number(metrics.path("mean_tokens").path("mean"), 1),
                number(metrics.path("pair_jaccard_1").path("mean"), 3) + (isReference ? " (ceiling)" : "")
            });
        }
        return format(rows);
    }

    private static JsonNode difference(JsonNode scores, String variant, String metric) {
        for (JsonNode d : scores.path("differences")) {
            if (d.path("variant").asText().equals(variant)
                    && d.path("metric").asText().equals(metric)) {
                return d;
            }
        }
        return null;
    }

    /** {@code mean [low, high]}, the interval left out when undefined, {@code n/a} when there is no mean. */
    static String withInterval(JsonNode estimate) {
        if (estimate == null || !estimate.path("mean").isNumber()) {
            return "n/a";
        }
        String mean = number(estimate.path("mean"), 3);
        JsonNode low = estimate.path("ciLow");
        JsonNode high = estimate.path("ciHigh");
        return low.isNumber() && high.isNumber() ? mean + " [" + number(low, 3) + ", " + number(high, 3) + "]" : mean;
    }

    private static String number(JsonNode value, int decimals) {
        if (value == null || !value.isNumber()) {
            return "n/a";
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", value.asDouble());
        return s.matches("-0\\.0+") ? s.substring(1) : s;
    }

    /** Rows as left-aligned columns separated by two spaces, with a rule under the header. */
    static String format(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(c == 0 ? "" : "  ").append(pad(rows.get(r)[c], widths[c]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (r == 0) {
                int total = 0;
                for (int w : widths) {
                    total += w;
                }
                out.append("-".repeat(total + 2 * (columns - 1))).append('\n');
            }
        }
        return out.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    /** The verdict lines of the scorer's {@code GET /runs/{id}/report/verdicts}. */
    public static List<String> verdicts(JsonNode verdicts) {
        List<String> lines = new ArrayList<>();
        for (JsonNode v : verdicts.path("shift")) {
            lines.add("Distributional shift: " + v.path("headline").asText() + " ("
                    + v.path("detail").asText() + ")");
        }
        JsonNode recovery = verdicts.path("recovery");
        if (recovery.isObject()) {
            for (JsonNode v : recovery.path("variants")) {
                lines.add("Recovery: " + v.path("headline").asText());
            }
        } else {
            lines.add("Recovery: no verdict from icl-service yet");
        }
        return lines;
    }
}

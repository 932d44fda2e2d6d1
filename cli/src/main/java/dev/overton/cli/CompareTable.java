package dev.overton.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The scorer's {@code GET /compare} answer as a text table: one line per variant pair and metric with both means, the
 * difference B − A and its interval, p, q and the direction in words (starred when significant), then a summary line.
 */
public final class CompareTable {

    private static final String[] HEADER = {"variant", "metric", "n", "A", "B", "B - A [95% CI]", "p", "q", "direction"
    };

    private CompareTable() {}

    /** The table and its summary line. */
    public static String render(JsonNode comparison) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        int significant = 0;
        int unpaired = 0;
        for (JsonNode row : comparison.path("rows")) {
            boolean star = row.path("significant").asBoolean();
            significant += star ? 1 : 0;
            unpaired += row.path("paired").asBoolean(true) ? 0 : 1;
            rows.add(new String[] {
                pair(row),
                row.path("metric").asText(),
                row.path("n").asText() + (row.path("paired").asBoolean(true) ? "" : " (unpaired)"),
                number(row.path("meanA")),
                number(row.path("meanB")),
                difference(row),
                pValue(row.path("p")),
                pValue(row.path("q")),
                row.path("direction").asText() + (star ? " *" : "")
            });
        }
        StringBuilder out = new StringBuilder();
        out.append("B = ")
                .append(run(comparison, "b"))
                .append(" compared with A = ")
                .append(run(comparison, "a"))
                .append('\n');
        out.append(ResultsTable.format(rows));
        out.append(String.format(
                Locale.ROOT,
                "%d of %d rows significant (* : Benjamini-Hochberg q <= 0.05)%s%n",
                significant,
                rows.size() - 1,
                unpaired > 0 ? "; unpaired rows: the runs share no prompt" : ""));
        return out.toString();
    }

    /** Run {@code side} ({@code a} or {@code b}) with its name and label. */
    private static String run(JsonNode comparison, String side) {
        JsonNode title = comparison.path(side.equals("a") ? "titleA" : "titleB");
        return RunTitles.describe(comparison.path(side).asText(), title.path("name"), title.path("label"));
    }

    /** {@code a} or {@code a -> b} when the pair's variants differ. */
    static String pair(JsonNode row) {
        String a = row.path("variantA").asText();
        String b = row.path("variantB").asText();
        return a.equals(b) ? a : a + " -> " + b;
    }

    /** {@code difference [low, high]}, the interval left out when undefined. */
    static String difference(JsonNode row) {
        JsonNode d = row.path("difference");
        if (!d.isNumber()) {
            return "n/a";
        }
        String text = signed(d.asDouble());
        JsonNode low = row.path("ciLow");
        JsonNode high = row.path("ciHigh");
        return low.isNumber() && high.isNumber()
                ? text + " [" + signed(low.asDouble()) + ", " + signed(high.asDouble()) + "]"
                : text;
    }

    /** A p- or q-value: three significant figures, {@code n/a} when undefined. */
    static String pValue(JsonNode p) {
        if (!p.isNumber()) {
            return "n/a";
        }
        double v = p.asDouble();
        return v >= 0.001 ? String.format(Locale.ROOT, "%.3f", v) : String.format(Locale.ROOT, "%.1e", v);
    }

    private static String number(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.4f", value.asDouble()) : "n/a";
    }

    private static String signed(double value) {
        String s = String.format(Locale.ROOT, "%+.4f", value);
        return s.matches("[-+]0\\.0+") ? "0.0000" : s;
    }
}

package dev.overton.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Shows a run's progress from the generator's {@code GET /runs/{id}}: one bar per variant, whose cells are the
 * variant's sets: {@code #} scored, {@code +} generated but not yet scored, {@code x} failed, {@code .} still to come.
 * On a terminal the bars are redrawn in place (ANSI cursor movement); otherwise (a pipe, a CI log) one line is printed
 * per change, so logs stay readable.
 */
public final class ProgressView {

    /** Cells of a bar. */
    static final int BAR = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private int drawnLines;
    private String lastLine;

    /**
     * @param out where to draw
     * @param terminal whether {@code out} is an interactive terminal (redraw in place)
     */
    public ProgressView(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Draws {@code status} (the generator's run status). */
    public void update(JsonNode status) {
        if (terminal) {
            List<String> lines = lines(status);
            StringBuilder b = new StringBuilder();
            if (drawnLines > 0) {
                b.append("\033[").append(drawnLines).append('F');
            }
            for (String line : lines) {
                b.append("\033[2K").append(line).append('\n');
            }
            for (int extra = lines.size(); extra < drawnLines; extra++) {
                b.append("\033[2K\n");
            }
            drawnLines = Math.max(drawnLines, lines.size());
            out.print(b);
        } else {
            String line = line(status);
            if (!line.equals(lastLine)) {
                out.println(line);
                lastLine = line;
            }
        }
        out.flush();
    }

    /** The status as one line per variant under a header line (the terminal view). */
    public static List<String> lines(JsonNode status) {
        List<String> lines = new ArrayList<>();
        lines.add("run " + RunTitles.describe(status.path("id").asText(), status.path("name"), status.path("label"))
                + " · "
                + status.path("status").asText() + " · "
                + status.path("prompts").asLong() + " prompts");
        int width = 8;
        for (JsonNode v : status.path("variants")) {
            width = Math.max(width, label(v).length());
        }
        for (JsonNode v : status.path("variants")) {
            long requested = v.path("requested").asLong();
            long generated = v.path("generated").asLong();
            long failed = v.path("failed").asLong();
            long scored = v.path("scored").asLong();
            lines.add(String.format(
                    Locale.ROOT,
                    "  %-" + width + "s [%s] %3d%%  generated %d/%d · scored %d · failed %d",
                    label(v),
                    bar(requested, generated, scored, failed),
                    requested == 0 ? 100 : Math.round(100.0 * (scored + failed) / requested),
                    generated,
                    requested,
                    scored,
                    failed));
        }
        if (!status.path("variants").elements().hasNext()) {
            lines.add("  (no sets yet)");
        }
        return lines;
    }

    /** The status as one line (the log view). */
    public static String line(JsonNode status) {
        StringBuilder b = new StringBuilder(status.path("status").asText());
        for (JsonNode v : status.path("variants")) {
            b.append(" | ")
                    .append(label(v))
                    .append(": generated ")
                    .append(v.path("generated").asLong())
                    .append('/')
                    .append(v.path("requested").asLong())
                    .append(", scored ")
                    .append(v.path("scored").asLong())
                    .append(", failed ")
                    .append(v.path("failed").asLong());
        }
        return b.toString();
    }

    /**
     * A bar of {@link #BAR} cells: scored, generated-not-scored, failed, pending, each rounded so that the cells add up
     * to the bar and a non-zero count always shows at least one cell.
     */
    static String bar(long requested, long generated, long scored, long failed) {
        if (requested <= 0) {
            return ".".repeat(BAR);
        }
        long waiting = Math.max(0, generated - scored);
        long done = Math.min(scored, requested);
        int[] cells = {cells(done, requested), cells(waiting, requested), cells(failed, requested)};
        int used = cells[0] + cells[1] + cells[2];
        while (used > BAR) {
            int largest = cells[0] >= cells[1] && cells[0] >= cells[2] ? 0 : cells[1] >= cells[2] ? 1 : 2;
            cells[largest]--;
            used--;
        }
        return "#".repeat(cells[0]) + "+".repeat(cells[1]) + "x".repeat(cells[2]) + ".".repeat(BAR - used);
    }

    private static int cells(long count, long requested) {
        if (count <= 0) {
            return 0;
        }
        return (int) Math.max(1, Math.round((double) count * BAR / requested));
    }

    private static String label(JsonNode v) {
        return v.path("name").asText() + (v.path("reference").asBoolean() ? " (ref)" : "");
    }
}

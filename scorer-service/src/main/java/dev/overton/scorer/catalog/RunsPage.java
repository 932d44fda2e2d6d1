package dev.overton.scorer.catalog;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.overton.scorer.catalog.persistence.CatalogStore.CatalogRun;

/**
 * The runs page at {@code /}: every known run newest first with its name, label, status and progress and a link to its
 * report; two radio columns (A and B) and a button open {@code /compare?a=..&b=..} without any script, so the page
 * works under a {@code Content-Security-Policy} that forbids scripts. Every run-supplied string is escaped.
 */
public final class RunsPage {

    private static final String CSS = "body{font-family:system-ui,sans-serif;margin:2rem;color:#222}"
            + "table{border-collapse:collapse}th,td{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left}"
            + "td.num{text-align:right}.label{color:#555}.empty{color:#777}button{margin-top:1rem}";

    private RunsPage() {}

    /** The page for {@code runs}. */
    public static String render(List<CatalogRun> runs) {
        StringBuilder out = new StringBuilder(4096);
        out.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Overton runs</title><style>")
                .append(CSS)
                .append("</style></head><body><h1>Runs</h1>");
        if (runs.isEmpty()) {
            out.append("<p class=\"empty\">No runs yet. Submit one with <code>overton run</code> or"
                    + " <code>POST /runs</code>.</p></body></html>");
            return out.toString();
        }
        out.append("<form method=\"get\" action=\"/compare\"><table><thead><tr>")
                .append("<th title=\"baseline run\">A</th><th title=\"run compared with A\">B</th>")
                .append("<th>Name</th><th>Label</th><th>Created</th><th>Status</th><th>Progress</th><th>Report</th>")
                .append("</tr></thead><tbody>");
        for (CatalogRun run : runs) {
            String id = escape(run.runId());
            out.append("<tr><td><input type=\"radio\" name=\"a\" value=\"")
                    .append(id)
                    .append("\" aria-label=\"compare from ")
                    .append(escape(run.name()))
                    .append("\"></td><td><input type=\"radio\" name=\"b\" value=\"")
                    .append(id)
                    .append("\" aria-label=\"compare to ")
                    .append(escape(run.name()))
                    .append("\"></td><td>")
                    .append(escape(run.name()))
                    .append("</td><td class=\"label\">")
                    .append(run.label() == null ? "" : escape(run.label()))
                    .append("</td><td>")
                    .append(DateTimeFormatter.ISO_INSTANT.format(run.createdAt().truncatedTo(ChronoUnit.SECONDS)))
                    .append("</td><td>")
                    .append(escape(run.status()))
                    .append("</td><td class=\"num\">")
                    .append(run.storedSets())
                    .append(" / ")
                    .append(run.expectedSets())
                    .append(" sets</td><td><a href=\"/runs/")
                    .append(escape(URLEncoder.encode(run.runId(), StandardCharsets.UTF_8)
                            .replace("+", "%20")))
                    .append("/report\">report</a></td></tr>");
        }
        out.append("</tbody></table><button type=\"submit\">Compare A with B</button></form></body></html>");
        return out.toString();
    }

    /** Escapes text for HTML element content and double-quoted attribute values. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(Character.isISOControl(c) && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }
}

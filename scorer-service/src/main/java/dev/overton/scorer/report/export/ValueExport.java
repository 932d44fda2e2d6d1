package dev.overton.scorer.report.export;

import java.util.List;

import dev.overton.contracts.json.EventJson;
import dev.overton.scorer.scoring.persistence.ScoreStore.StoredValue;

/**
 * Writes a run's stored values for analysis elsewhere (pandas, R, a spreadsheet): every within-set, per-sample and pair
 * value with the settings it was computed with, one row per value, the same columns in both formats: {@value #HEADER}.
 * An undefined value has an empty (CSV) or {@code null} (JSON) value and a reason. Plain Java, no framework.
 *
 * <p>Rows are written one at a time ({@link #header(ExportFormat)}, {@link #row(StoredValue, ExportFormat)}) so that
 * {@code GET /runs/{id}/export} can stream a run of any size; {@link #write(List, ExportFormat)} is their
 * concatenation.
 */
public final class ValueExport {

    /** The columns, in order. */
    public static final String HEADER = "promptId,variant,sample,reference,metric,value,reason,settings";

    private static final String CRLF = "\r\n";

    private ValueExport() {}

    /** {@code values} in {@code format}. */
    public static String write(List<StoredValue> values, ExportFormat format) {
        StringBuilder out = new StringBuilder(header(format));
        for (StoredValue v : values) {
            out.append(row(v, format));
        }
        return out.toString();
    }

    /** What comes before the first row in {@code format}, with its line end: the CSV header row, nothing in JSONL. */
    public static String header(ExportFormat format) {
        return switch (format) {
            case CSV -> HEADER + CRLF;
            case JSONL -> "";
        };
    }

    /** One value in {@code format}, with its line end. */
    public static String row(StoredValue value, ExportFormat format) {
        return switch (format) {
            case CSV -> csvRow(value);
            case JSONL -> jsonLine(value);
        };
    }

    /**
     * RFC 4180 CSV: a header row, CRLF line ends, a field quoted when it holds a comma, a double quote, a line break
     * or leading/trailing spaces (quotes doubled inside). {@code null} is an empty field; numbers are written in full
     * precision (Java's shortest repr that reads back to the same double). A text field that a spreadsheet would run as
     * a formula is neutralised (see {@link #field(String)}).
     */
    public static String csv(List<StoredValue> values) {
        return write(values, ExportFormat.CSV);
    }

    /** One JSON object per line with all eight keys, {@code null} where the CSV field is empty. */
    public static String jsonLines(List<StoredValue> values) {
        return write(values, ExportFormat.JSONL);
    }

    private static String csvRow(StoredValue v) {
        return field(v.promptId())
                + ','
                + field(v.variant())
                + ','
                + (v.sample() == null ? "" : v.sample())
                + ','
                + field(v.reference())
                + ','
                + field(v.metric())
                + ','
                + (v.value() == null ? "" : v.value())
                + ','
                + field(v.reason())
                + ','
                + field(v.settings())
                + CRLF;
    }

    private static String jsonLine(StoredValue v) {
        return EventJson.write(v) + '\n';
    }

    /**
     * One CSV text field, quoted when needed. Following OWASP's CSV-injection guidance, a field starting with
     * {@code = + - @}, a tab or a carriage return (which spreadsheets run as a formula, e.g. {@code =HYPERLINK(...)}) is
     * prefixed with a single quote and quoted, so that it is shown as text. Numbers are not text fields and keep their
     * sign.
     */
    static String field(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        boolean formula = startsAFormula(text.charAt(0));
        String safe = formula ? "'" + text : text;
        boolean quote = formula
                || safe.indexOf(',') >= 0
                || safe.indexOf('"') >= 0
                || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0
                || Character.isWhitespace(safe.charAt(0))
                || Character.isWhitespace(safe.charAt(safe.length() - 1));
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    private static boolean startsAFormula(char first) {
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}

package dev.overton.scorer.report.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.overton.contracts.json.EventJson;
import dev.overton.scorer.scoring.persistence.ScoreStore.StoredValue;

/**
 * Writes a run's stored values for analysis elsewhere (pandas, R, a spreadsheet): every within-set, per-sample and pair
 * value with the settings it was computed with, one row per value, the same columns in both formats: {@value #HEADER}.
 * An undefined value has an empty (CSV) or {@code null} (JSON) value and a reason. Plain Java, no framework.
 */
public final class ValueExport {

    /** The columns, in order. */
    public static final String HEADER = "promptId,variant,sample,reference,metric,value,reason,settings";

    private ValueExport() {}

    /** {@code values} in {@code format}. */
    public static String write(List<StoredValue> values, ExportFormat format) {
        return switch (format) {
            case CSV -> csv(values);
            case JSONL -> jsonLines(values);
        };
    }

    /**
     * RFC 4180 CSV: a header row, CRLF line ends, a field quoted when it holds a comma, a double quote, a line break
     * or leading/trailing spaces (quotes doubled inside). {@code null} is an empty field; numbers are written in full
     * precision (Java's shortest repr that reads back to the same double).
     */
    public static String csv(List<StoredValue> values) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (StoredValue v : values) {
            out.append(field(v.promptId()))
                    .append(',')
                    .append(field(v.variant()))
                    .append(',')
                    .append(v.sample() == null ? "" : v.sample())
                    .append(',')
                    .append(field(v.reference()))
                    .append(',')
                    .append(field(v.metric()))
                    .append(',')
                    .append(v.value() == null ? "" : v.value())
                    .append(',')
                    .append(field(v.reason()))
                    .append(',')
                    .append(field(v.settings()))
                    .append("\r\n");
        }
        return out.toString();
    }

    /** One JSON object per line with all eight keys, {@code null} where the CSV field is empty. */
    public static String jsonLines(List<StoredValue> values) {
        StringBuilder out = new StringBuilder();
        for (StoredValue v : values) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("promptId", v.promptId());
            line.put("variant", v.variant());
            line.put("sample", v.sample());
            line.put("reference", v.reference());
            line.put("metric", v.metric());
            line.put("value", v.value());
            line.put("reason", v.reason());
            line.put("settings", v.settings());
            out.append(EventJson.write(line)).append('\n');
        }
        return out.toString();
    }

    /** One CSV field, quoted when needed. */
    static String field(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        boolean quote = text.indexOf(',') >= 0
                || text.indexOf('"') >= 0
                || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0
                || Character.isWhitespace(text.charAt(0))
                || Character.isWhitespace(text.charAt(text.length() - 1));
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}

package dev.overton.scorer.report.export;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The formats of {@code GET /runs/{id}/export}: their parameter value, media type and file extension. */
public enum ExportFormat {
    /** RFC 4180 comma-separated values with a header row. */
    CSV("csv", "text/csv; charset=utf-8"),
    /** One JSON object per line. */
    JSONL("jsonl", "application/x-ndjson");

    private final String parameter;
    private final String mediaType;

    ExportFormat(String parameter, String mediaType) {
        this.parameter = parameter;
        this.mediaType = mediaType;
    }

    /** The value of the {@code format} parameter, also the file extension. */
    public String parameter() {
        return parameter;
    }

    /** The response's media type. */
    public String mediaType() {
        return mediaType;
    }

    /** The allowed parameter values. */
    public static List<String> allowed() {
        return Arrays.stream(values()).map(ExportFormat::parameter).toList();
    }

    /** The format named {@code parameter} (case-insensitive), if any. */
    public static Optional<ExportFormat> of(String parameter) {
        return Arrays.stream(values())
                .filter(f -> f.parameter.equalsIgnoreCase(parameter == null ? "" : parameter.strip()))
                .findFirst();
    }
}

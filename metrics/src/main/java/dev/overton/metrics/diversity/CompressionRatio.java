package dev.overton.metrics.diversity;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Compression ratio of a set (Shaib et al. 2024, "Standardizing the Measurement of Text Diversity", arXiv 2403.00553):
 * the set's responses joined into one text, its size in bytes divided by the size of its gzip compression. Repeated
 * phrasing across responses is exactly what a compressor removes, so the ratio measures redundancy over all lengths of
 * repeat at once, with no tokenizer.
 *
 * <p>Exactly: {@code text = String.join("\n", texts)}; {@code ratio = utf8Bytes(text) / gzipBytes(text)}, where
 * {@code gzipBytes} is the length of one RFC 1952 gzip member at compression level 9 with no file name or comment: a
 * 10-byte header, the raw DEFLATE stream and an 8-byte trailer. That is what Python's {@code gzip.compress(data)}
 * produces (its default level is 9), so {@code len(b) / len(gzip.compress(b))} reproduces the value. Shaib et al.'s
 * paper joins with a space; a newline is used here because responses end at line boundaries (both are one byte, so
 * the raw size is the same and only the compressed size can differ, by a few bytes). Their released package
 * (cshaib/diversity), however, gzips twice: its values are up to 1.5 apart in ratio from these, not a few bytes (see
 * docs/metrics.md).
 *
 * <p>Range {@code (0, ~1000)}; the fixed 18 bytes of framing put short texts below 1 (incompressible overhead), and
 * DEFLATE's limit is about 1032:1. Higher = more redundant (less diverse). It pools the responses, so one response is
 * defined (its own redundancy). Undefined ({@link Double#NaN}) with no responses, or when every response is empty (no
 * content to compress; the joins alone are not text).
 */
public final class CompressionRatio {

    /** The compression level, Python's gzip default. */
    public static final int LEVEL = 9;

    /** Settings of the value. */
    public static final String SETTINGS =
            "join=newline;encoding=utf-8;codec=gzip(level=9,no-name);ratio=raw/compressed";

    /** Bytes of a gzip member around the DEFLATE data: 10 of header, 8 of trailer (CRC-32 and size). */
    static final int GZIP_FRAMING = 18;

    private CompressionRatio() {}

    /** The compression ratio of {@code texts}. */
    public static MetricValue of(List<String> texts) {
        if (texts.isEmpty()) {
            return MetricValue.undefined(ListItems.NO_SAMPLES, SETTINGS);
        }
        boolean allEmpty = true;
        for (String text : texts) {
            allEmpty &= text.isEmpty();
        }
        if (allEmpty) {
            return MetricValue.undefined(SelfBleu.EVERY_SAMPLE_EMPTY, SETTINGS);
        }
        byte[] raw = String.join("\n", texts).getBytes(StandardCharsets.UTF_8);
        return MetricValue.of((double) raw.length / gzipSize(raw), SETTINGS);
    }

    /** The size in bytes of the gzip member (level 9, no name) of {@code raw}. */
    public static long gzipSize(byte[] raw) {
        Deflater deflater = new Deflater(LEVEL, true);
        try {
            deflater.setInput(raw);
            deflater.finish();
            byte[] buffer = new byte[8192];
            long deflated = 0;
            while (!deflater.finished()) {
                deflated += deflater.deflate(buffer);
            }
            return deflated + GZIP_FRAMING;
        } finally {
            deflater.end();
        }
    }
}

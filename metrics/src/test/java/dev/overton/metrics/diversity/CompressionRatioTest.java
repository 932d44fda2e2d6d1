package dev.overton.metrics.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

class CompressionRatioTest {

    private static final double DELTA = 1e-12;

    @Test
    void ratioIsRawBytesOverGzipBytesOfTheNewlineJoinedSet() {
        // CPython 3.11: raw = "abc abc abc abc\nabc abc".encode(); len(raw) = 23, len(gzip.compress(raw, 9)) = 29
        MetricValue value = CompressionRatio.of(List.of("abc abc abc abc", "abc abc"));
        assertThat(value.value()).isCloseTo(23.0 / 29, within(DELTA));
    }

    @Test
    void rawSizeCountsUtf8Bytes() {
        // CPython 3.11 on the newline-joined texts: 85 raw bytes ("é", "è", "î" are 2 each), 80 gzip bytes
        List<String> texts =
                List.of("Sure! Here are five ideas.", "Sure! Here are five ideas.", "Café crème, s'il vous plaît.");
        assertThat(CompressionRatio.of(texts).value()).isCloseTo(85.0 / 80, within(DELTA));
    }

    @Test
    void gzipSizeEqualsTheJdkGzipStreamAtLevelNine() throws IOException {
        // independent check of the 18 bytes of framing: java.util.zip's own gzip writer at level 9
        byte[] raw = "the same words again and again and again, the same words"
                .repeat(20)
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(raw);
        }
        assertThat(CompressionRatio.gzipSize(raw)).isEqualTo(bytes.size());
    }

    @Test
    void repetitionRaisesTheRatio() {
        double varied = CompressionRatio.of(List.of("Paris is the capital.", "Rome has seven hills."))
                .value();
        double repeated = CompressionRatio.of(List.of("Paris is the capital.", "Paris is the capital."))
                .value();
        assertThat(repeated).isGreaterThan(varied);
    }

    @Test
    void oneResponseIsDefined() {
        assertThat(CompressionRatio.of(List.of("abc abc abc abc")).defined()).isTrue();
    }

    @Test
    void emptySetsAreUndefined() {
        assertThat(CompressionRatio.of(List.of()).reason()).isEqualTo("no samples");
        MetricValue value = CompressionRatio.of(List.of("", ""));
        assertThat(value.value()).isNaN();
        assertThat(value.reason()).isEqualTo("every sample is empty");
    }
}

package dev.overton.deploytests;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the heap settings of a JVM or native command line and the memory sizes of compose and Kubernetes, so that the
 * tests can check every deployment bounds its heap explicitly, within its container's memory (issue #13: no heap limit
 * was set anywhere, and five parallel exports took an unbounded scorer to 2.45 GB).
 */
final class HeapSettings {

    /** The largest share of the container's memory the heap may take: the rest is native memory (ONNX, threads). */
    static final double MAX_PERCENT = 80;

    private static final Pattern PERCENT = Pattern.compile("(?:^|\\s)-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)(?=\\s|$)");
    private static final Pattern XMX = Pattern.compile("(?:^|\\s)-Xmx(\\d+)([kKmMgG]?)(?=\\s|$)");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKmMgG]i?[bB]?|[bB])?");

    private HeapSettings() {}

    /** The last {@code -XX:MaxRAMPercentage} of {@code options} (the JVM takes the last), if any. */
    static Optional<Double> maxRamPercentage(String options) {
        Matcher m = PERCENT.matcher(options == null ? "" : options);
        Optional<Double> last = Optional.empty();
        while (m.find()) {
            last = Optional.of(Double.parseDouble(m.group(1)));
        }
        return last;
    }

    /** The last {@code -Xmx} of {@code options} in bytes, if any. */
    static Optional<Long> xmxBytes(String options) {
        Matcher m = XMX.matcher(options == null ? "" : options);
        Optional<Long> last = Optional.empty();
        while (m.find()) {
            last = Optional.of(Long.parseLong(m.group(1)) * unit(m.group(2)));
        }
        return last;
    }

    /** A memory size as compose ({@code 2g}, {@code 512m}) or Kubernetes ({@code 768Mi}, {@code 1Gi}) writes it. */
    static long bytes(String size) {
        Matcher m = SIZE.matcher(size.strip());
        if (!m.matches()) {
            throw new AssertionError("not a memory size: '" + size + "'");
        }
        String unit =
                m.group(2) == null ? "" : m.group(2).replaceAll("(?i)i?b$", "").replaceAll("(?i)i$", "");
        return Math.round(Double.parseDouble(m.group(1)) * unit(unit));
    }

    private static long unit(String unit) {
        return switch (unit.toLowerCase()) {
            case "", "b" -> 1L;
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            default -> throw new AssertionError("unknown memory unit '" + unit + "'");
        };
    }
}

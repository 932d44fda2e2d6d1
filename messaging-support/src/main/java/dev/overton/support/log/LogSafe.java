package dev.overton.support.log;

/**
 * Makes a user-supplied string safe to write into a log line: quoted, with CR, LF, tabs, ANSI escape sequences and
 * every other control or line-separating character written as an escape, and cut to a bounded length. Without it a run
 * name holding {@code "\n12:00:00 INFO run accepted"} forges a log line, and {@code ESC[2J} clears an operator's
 * terminal. Use it at every log call that prints a string that came from a request, a Kafka record, a file or a model
 * server (run, variant and prompt names, paths, error messages).
 */
public final class LogSafe {

    /** Longest part of a value written to a log; the rest is counted, not written. */
    public static final int MAX_LENGTH = 200;

    private LogSafe() {}

    /**
     * {@code value} in double quotes with {@code \} and {@code "} escaped, {@code \n}, {@code \r}, {@code \t} as such,
     * every other control character (C0, DEL, C1, U+2028/U+2029, bidirectional marks and overrides) as {@code \}{@code uXXXX},
     * and at most {@link #MAX_LENGTH} characters of it followed by {@code ...(+N chars)}; {@code null} gives {@code
     * null} unquoted.
     */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        int shown = Math.min(value.length(), MAX_LENGTH);
        if (shown < value.length() && Character.isHighSurrogate(value.charAt(shown - 1))) {
            shown--;
        }
        StringBuilder out = new StringBuilder(shown + 2).append('"');
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (unsafe(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
        if (shown < value.length()) {
            out.append("...(+").append(value.length() - shown).append(" chars)");
        }
        return out.toString();
    }

    /** {@link #quote} of {@code String.valueOf(value)}, for error messages and other objects. */
    public static String quote(Object value) {
        return value == null ? "null" : quote(String.valueOf(value));
    }

    private static boolean unsafe(char c) {
        return Character.isISOControl(c)
                || c == '\u200e'
                || c == '\u200f'
                || c == '\u2028'
                || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }
}

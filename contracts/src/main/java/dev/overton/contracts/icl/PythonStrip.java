package dev.overton.contracts.icl;

/**
 * Python's {@code str.strip()}: removes leading and trailing characters for which {@code str.isspace()} is true. The
 * released prompts were rendered by Jinja templates calling {@code .strip()} on every part, and Java's {@link
 * String#strip()} disagrees with Python on a few characters (no-break spaces, U+001C..U+001F), which would break byte
 * for byte reproduction.
 */
public final class PythonStrip {

    private PythonStrip() {}

    /** {@code text.strip()} as Python computes it; {@code null} stays {@code null}. */
    public static String strip(String text) {
        if (text == null) {
            return null;
        }
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** {@code chr(c).isspace()}. */
    public static boolean isSpace(char c) {
        return (c >= '\t' && c <= '\r')
                || (c >= '\u001C' && c <= ' ')
                || c == '\u0085'
                || c == '\u00A0'
                || c == '\u1680'
                || (c >= '\u2000' && c <= '\u200A')
                || c == '\u2028'
                || c == '\u2029'
                || c == '\u202F'
                || c == '\u205F'
                || c == '\u3000';
    }
}

package dev.overton.metrics.text;

import java.util.List;

/**
 * The few Python 3 {@code str} and {@code re} semantics that NLTK's tokenizers rely on, spelled out for Java.
 *
 * <p>Java's regex shorthands differ from Python's: {@code \s}, {@code \d}, {@code \w} and {@code \b} are ASCII-only in
 * Java unless asked otherwise, and even Java's Unicode {@code \s} and {@code \w} are not Python's (Python's whitespace
 * includes U+001C..U+001F; Python's word characters exclude combining marks). The patterns in this package therefore
 * never use those shorthands; they splice in the classes below, which are Python's definitions exactly:
 *
 * <ul>
 *   <li>whitespace: the characters for which {@code str.isspace()} is true (29 code points);
 *   <li>word character: {@code str.isalnum()} or underscore, i.e. Unicode letters and numbers;
 *   <li>digit: Unicode decimal digits (category Nd).
 * </ul>
 *
 * Patterns are compiled with {@link java.util.regex.Pattern#UNIX_LINES} so that {@code $} matches, as in Python, only
 * at the end of the input or before a final {@code \n}.
 */
final class PythonStrings {

    /** The inside of a character class matching exactly Python's whitespace. */
    static final String WHITESPACE_CHARS =
            "\\t\\n\\x0B\\f\\r\\x1C-\\x20\\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029" + "\\u202F\\u205F\\u3000";

    /** Python's {@code \s}. */
    static final String WS = "[" + WHITESPACE_CHARS + "]";

    /** Python's {@code \S}. */
    static final String NOT_WS = "[^" + WHITESPACE_CHARS + "]";

    /** Python's {@code \w}. */
    static final String WORD = "[\\p{L}\\p{N}_]";

    /** Python's {@code \d}. */
    static final String DIGIT = "\\p{Nd}";

    /** Python's {@code [^\W\d]}: a word character that is not a decimal digit. */
    static final String WORD_NOT_DIGIT = "[\\p{L}\\p{N}_&&[^\\p{Nd}]]";

    /** Python's {@code \b} where the next character is known to be a word character. */
    static final String BOUNDARY_BEFORE_WORD = "(?<!" + WORD + ")";

    /** Python's {@code \b} where the previous character is known to be a word character. */
    static final String BOUNDARY_AFTER_WORD = "(?!" + WORD + ")";

    /** Python's {@code string.whitespace}, which (unlike {@code \s}) is ASCII only. */
    private static final String ASCII_WHITESPACE = " \t\n\r\u000B\f";

    private PythonStrings() {}

    /** {@code chr(c).isspace()}. */
    static boolean isSpace(char c) {
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

    /** {@code c in string.whitespace}. */
    static boolean isAsciiWhitespace(char c) {
        return ASCII_WHITESPACE.indexOf(c) >= 0;
    }

    /** {@code len(s.rstrip())} for {@code s = text[0:end]}. */
    static int rstripEnd(CharSequence text, int end) {
        int i = end;
        while (i > 0 && isSpace(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /** {@code bool(s.strip())}: whether {@code text[start:end]} has a non-whitespace character. */
    static boolean hasNonSpace(CharSequence text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!isSpace(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** {@code s.split()}: the runs of non-whitespace characters, appended to {@code out}. */
    static void splitOnWhitespace(CharSequence s, List<String> out) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(s.subSequence(start, i).toString());
            }
        }
    }

    /** {@code s[start:end]} with Python's clamping: an empty string when {@code start >= end}. */
    static String slice(String s, int start, int end) {
        return start >= end ? "" : s.substring(start, end);
    }
}

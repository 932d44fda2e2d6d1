package dev.overton.metrics.text;

/**
 * The few Python 3 {@code str} and {@code re} semantics that NLTK's tokenizers and the released in-context prompts rely
 * on, spelled out for Java: the one place that defines Python's whitespace for the project.
 *
 * <p>{@link #strip} is Python's {@code str.strip()}: the released prompts were rendered by Jinja templates calling
 * {@code .strip()} on every part, and Java's {@link String#strip()} disagrees with Python on a few characters (no-break
 * spaces, U+001C..U+001F), which would break byte for byte reproduction.
 *
 * <p>Java's regex shorthands differ from Python's: {@code \s}, {@code \d}, {@code \w} and {@code \b} are ASCII-only in
 * Java unless asked otherwise, and even Java's Unicode {@code \s} and {@code \w} are not Python's (Python's whitespace
 * includes U+001C..U+001F; Python's word characters exclude combining marks). The tokenizers in this package scan
 * characters by hand rather than with regexes, using the predicates below, which are Python's definitions:
 *
 * <ul>
 *   <li>whitespace: the characters for which {@code str.isspace()} is true (29 code points);
 *   <li>word character: {@code str.isalnum()} or underscore, i.e. Unicode letters and numbers (categories L and N);
 *   <li>digit: Unicode decimal digits (category Nd).
 * </ul>
 *
 * <p>The scanners were written as exact equivalents of the earlier regex implementation (Java regexes with these
 * classes spelled out, compiled with {@code UNIX_LINES}), down to its treatment of surrogate pairs: a character class
 * matches a whole code point when it looks forward, and only a single {@code char} when a negative look-behind looks
 * back (so a supplementary letter never counts as the word character before a position). The helpers that encode
 * those details are {@link #codePointAt} and {@link #isWordCharBefore}.
 */
public final class PythonStrings {

    /** Bit per {@link Character#getType} category in Java's {@code \p{L}} or {@code \p{N}}. */
    private static final int LETTER_OR_NUMBER = (1 << Character.UPPERCASE_LETTER)
            | (1 << Character.LOWERCASE_LETTER)
            | (1 << Character.TITLECASE_LETTER)
            | (1 << Character.MODIFIER_LETTER)
            | (1 << Character.OTHER_LETTER)
            | (1 << Character.DECIMAL_DIGIT_NUMBER)
            | (1 << Character.LETTER_NUMBER)
            | (1 << Character.OTHER_NUMBER);

    /** Python's string.whitespace, which (unlike {@code \s}) is ASCII only. */
    private static final String ASCII_WHITESPACE = " \t\n\r\u000B\f";

    private PythonStrings() {}

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
        if (c <= ' ') {
            return c >= '\t' && (c <= '\r' || c >= '\u001C');
        }
        if (c < '\u0085') {
            return false;
        }
        return c == '\u0085'
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

    /** Python's {@code \w} (Java's {@code [\p{L}\p{N}_]}) for a code point. */
    static boolean isWordChar(int cp) {
        if (cp < 128) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
        }
        return (LETTER_OR_NUMBER >>> Character.getType(cp) & 1) != 0;
    }

    /** Python's {@code \d} (Java's {@code \p{Nd}}) for a code point. */
    static boolean isDecimalDigit(int cp) {
        if (cp < 128) {
            return cp >= '0' && cp <= '9';
        }
        return Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER;
    }

    /**
     * The code point a regex character class sees at {@code s[i]} ({@code i < end}): a surrogate pair as one code point,
     * a lone surrogate as itself ({@link Character#codePointAt(char[], int, int)}).
     */
    static int codePointAt(char[] s, int i, int end) {
        char c = s[i];
        if (Character.isHighSurrogate(c) && i + 1 < end) {
            char low = s[i + 1];
            if (Character.isLowSurrogate(low)) {
                return Character.toCodePoint(c, low);
            }
        }
        return c;
    }

    /** Whether a word character starts at {@code s[i]}, as the look-ahead {@code (?=[\p{L}\p{N}_])} sees it. */
    static boolean isWordCharAt(char[] s, int i, int end) {
        return i < end && isWordChar(codePointAt(s, i, end));
    }

    /**
     * Whether the look-behind {@code (?<=[\p{L}\p{N}_])} matches at {@code i}. Java's look-behind tries the class at
     * {@code i - 1} only, so it never sees a surrogate pair as a letter: a low surrogate alone is no word character,
     * and a pair starting at {@code i - 1} overshoots {@code i}.
     */
    static boolean isWordCharBefore(char[] s, int i) {
        if (i == 0) {
            return false;
        }
        char c = s[i - 1];
        return !Character.isSurrogate(c) && isWordChar(c);
    }

    /**
     * Whether {@code c} matches the lowercase ASCII {@code expected} in a regex compiled with
     * {@code CASE_INSENSITIVE | UNICODE_CASE} (Java folds with {@code toLowerCase(toUpperCase(c))}, so for instance
     * U+017F long s matches {@code s} and U+0130 and U+0131 match {@code i}).
     */
    static boolean foldsTo(char c, char expected) {
        if (c == expected) {
            return true;
        }
        if (c < 128) {
            return c >= 'A' && c <= 'Z' && c + ('a' - 'A') == expected;
        }
        return Character.toLowerCase(Character.toUpperCase(c)) == expected;
    }

    /** Whether {@code s[i:i+len(lower)]} matches {@code lower} case-insensitively as {@link #foldsTo} defines it. */
    static boolean foldsTo(char[] s, int i, int end, String lower) {
        int n = lower.length();
        if (i < 0 || i + n > end) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (!foldsTo(s[i + k], lower.charAt(k))) {
                return false;
            }
        }
        return true;
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

    /** {@code s[start:end]} with Python's clamping: an empty string when {@code start >= end}. */
    static String slice(String s, int start, int end) {
        return start >= end ? "" : s.substring(start, end);
    }
}

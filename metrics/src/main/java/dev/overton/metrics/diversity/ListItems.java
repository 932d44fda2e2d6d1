package dev.overton.metrics.diversity;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * How much of a set is formatted as lists: the mean number of numbered-list items and of bullet-list items per
 * response. Aligned models answer open questions with enumerations far more than base models do; counting items shows
 * that structural habit directly.
 *
 * <p>A line is read after dropping its leading spaces and tabs (so nested items count), lines being separated by
 * {@code \n}, {@code \r\n} or {@code \r}.
 *
 * <ul>
 *   <li><b>Numbered item</b>: the line starts with ASCII digits, a period and a space or tab ({@code "3. "}), and its
 *       number continues a sequence: the first item of a text must be 1, each later one the previous number + 1. A
 *       {@code "1. "} line always starts a new list; any other out-of-sequence number is not counted (so a stray
 *       {@code "2020. "} is not an item). Other lines between items (blank lines, paragraphs, bullets) do not break
 *       the sequence.
 *   <li><b>Bullet item</b>: the line starts with {@code "- "} or {@code "* "} (a space or tab after the marker), so
 *       {@code "---"} rules and {@code "*emphasis*"} do not count.
 * </ul>
 *
 * <p>Range {@code [0, ∞)}. Not a diversity measure: higher = more list formatting. No responses: undefined
 * ({@link Double#NaN}, "no samples"); one response is its own count; an empty text has no items.
 */
public final class ListItems {

    /** Settings of the numbered-item count. */
    public static final String NUMBERED_SETTINGS =
            "line=indent-stripped;item=digits+'. '|'.\\t';sequence=from-1-each-+1,'1.'-restarts;per=response-mean";

    /** Settings of the bullet-item count. */
    public static final String BULLET_SETTINGS = "line=indent-stripped;item='- '|'* '(space-or-tab);per=response-mean";

    static final String NO_SAMPLES = "no samples";

    private static final int MAX_DIGITS = 9;

    private ListItems() {}

    /** Mean numbered-list items per response. */
    public static MetricValue numbered(List<String> texts) {
        return meanPerResponse(texts, ListItems::countNumbered, NUMBERED_SETTINGS);
    }

    /** Mean bullet-list items per response. */
    public static MetricValue bullets(List<String> texts) {
        return meanPerResponse(texts, ListItems::countBullets, BULLET_SETTINGS);
    }

    private static MetricValue meanPerResponse(List<String> texts, ToIntFunction<String> items, String settings) {
        if (texts.isEmpty()) {
            return MetricValue.undefined(NO_SAMPLES, settings);
        }
        long total = 0;
        for (String text : texts) {
            total += items.applyAsInt(text);
        }
        return MetricValue.of((double) total / texts.size(), settings);
    }

    /** The numbered-list items of one text (see the class comment). */
    public static int countNumbered(String text) {
        int count = 0;
        int expected = 1;
        int length = text.length();
        int lineStart = 0;
        while (lineStart <= length) {
            int lineEnd = lineEnd(text, lineStart);
            int number = itemNumber(text, indentEnd(text, lineStart, lineEnd), lineEnd);
            if (number == expected || number == 1) {
                count++;
                expected = number + 1;
            }
            lineStart = nextLineStart(text, lineEnd);
        }
        return count;
    }

    /** The bullet-list items of one text (see the class comment). */
    public static int countBullets(String text) {
        int count = 0;
        int length = text.length();
        int lineStart = 0;
        while (lineStart <= length) {
            int lineEnd = lineEnd(text, lineStart);
            int at = indentEnd(text, lineStart, lineEnd);
            if (at + 1 < lineEnd) {
                char marker = text.charAt(at);
                if ((marker == '-' || marker == '*') && isBlank(text.charAt(at + 1))) {
                    count++;
                }
            }
            lineStart = nextLineStart(text, lineEnd);
        }
        return count;
    }

    /** The number of a {@code "N. "} line starting at {@code at}, or -1 when the line is not one. */
    private static int itemNumber(String text, int at, int lineEnd) {
        int number = 0;
        int digits = 0;
        int i = at;
        while (i < lineEnd && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            if (++digits > MAX_DIGITS) {
                return -1;
            }
            number = number * 10 + (text.charAt(i) - '0');
            i++;
        }
        if (digits == 0 || i + 1 >= lineEnd || text.charAt(i) != '.' || !isBlank(text.charAt(i + 1))) {
            return -1;
        }
        return number;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static int indentEnd(String text, int from, int lineEnd) {
        int i = from;
        while (i < lineEnd && isBlank(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int lineEnd(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /** The start of the line after the one ending at {@code lineEnd}; past the end when there is none. */
    private static int nextLineStart(String text, int lineEnd) {
        if (lineEnd >= text.length()) {
            return text.length() + 1;
        }
        if (text.charAt(lineEnd) == '\r' && lineEnd + 1 < text.length() && text.charAt(lineEnd + 1) == '\n') {
            return lineEnd + 2;
        }
        return lineEnd + 1;
    }
}

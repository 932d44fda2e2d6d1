package dev.overton.generator.sampling;

import java.util.List;

/**
 * Removes stop strings from generated text. Servers differ in whether they keep the stop string (TGI kept the closing
 * fence in the released base-model outputs); Overton never stores or scores it, so text is cut at the first
 * occurrence of any stop string.
 */
public final class StopStrings {

    private StopStrings() {}

    /**
     * The text up to the first occurrence of any of {@code stops}, or {@code text} unchanged when none occurs.
     *
     * @return the cut text; {@link Cut#stopped()} tells whether a stop string was found
     */
    public static Cut cut(String text, List<String> stops) {
        int first = -1;
        for (String stop : stops) {
            if (stop == null || stop.isEmpty()) {
                continue;
            }
            int at = text.indexOf(stop);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first < 0 ? new Cut(text, false) : new Cut(text.substring(0, first), true);
    }

    /**
     * A text after stop-string removal.
     *
     * @param text the text
     * @param stopped whether a stop string was found and removed
     */
    public record Cut(String text, boolean stopped) {}
}

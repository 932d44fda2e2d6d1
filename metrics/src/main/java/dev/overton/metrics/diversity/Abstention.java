package dev.overton.metrics.diversity;

import java.util.List;
import java.util.Locale;

/**
 * Share of a set's responses that contain a standard abstention or refusal phrase ("As an AI language model, ...",
 * "I cannot provide personal opinions"). Aligned models hedge or decline on open-ended and contentious prompts; the
 * paper lists such phrases among the surface features that separate aligned from base outputs.
 *
 * <p>The phrase list ({@link #PHRASES}, version {@link #LIST_NAME}) holds the paper's examples plus the common
 * self-descriptions and refusals of chat models seen in the LIMA-OE outputs; phrases broad enough to occur in ordinary
 * answers ("I cannot", "I'm sorry", "not appropriate") are deliberately left out. Matching is case-insensitive (text
 * lowercased with {@link Locale#ROOT}), treats the typographic apostrophe ’ as {@code '}, and requires a word boundary
 * (a character that is not a letter or digit, or the text's end) on both sides of the phrase, so "as an AI" does not
 * match inside "as an aid".
 *
 * <p>Range {@code [0, 1]}. Not a diversity measure: higher = more abstaining. No responses: undefined
 * ({@link Double#NaN}, "no samples"); one response gives 0 or 1; an empty text contains no phrase.
 */
public final class Abstention {

    /** Names the phrase list in the settings string; change it whenever {@link #PHRASES} changes. */
    public static final String LIST_NAME = "abstention-v1";

    /** The phrases, lowercase, with {@code '} for apostrophes. */
    public static final List<String> PHRASES = List.of(
            "as an ai language model",
            "as a language model",
            "as an ai assistant",
            "as a responsible ai",
            "i'm just an ai",
            "i am just an ai",
            "i'm an ai",
            "i am an ai",
            "cannot provide personal",
            "can't provide personal",
            "can't condone",
            "cannot condone",
            "i don't have personal",
            "i do not have personal",
            "i'm sorry, but i cannot",
            "i'm sorry, but i can't",
            "i apologize, but i cannot",
            "i apologize, but i can't",
            "i cannot fulfill",
            "i can't fulfill",
            "i cannot assist",
            "i can't assist");

    /** Settings of the share. */
    public static final String SETTINGS =
            "phrases=" + LIST_NAME + ";case=insensitive;apostrophe=u2019-as-ascii;boundary=word";

    private Abstention() {}

    /** Share of {@code texts} containing at least one phrase. */
    public static MetricValue share(List<String> texts) {
        if (texts.isEmpty()) {
            return MetricValue.undefined(ListItems.NO_SAMPLES, SETTINGS);
        }
        int abstaining = 0;
        for (String text : texts) {
            if (containsPhrase(text)) {
                abstaining++;
            }
        }
        return MetricValue.of((double) abstaining / texts.size(), SETTINGS);
    }

    /** Whether {@code text} contains one of {@link #PHRASES} at word boundaries. */
    public static boolean containsPhrase(String text) {
        String normalised = text.toLowerCase(Locale.ROOT).replace('’', '\'');
        for (String phrase : PHRASES) {
            int at = normalised.indexOf(phrase);
            while (at >= 0) {
                int end = at + phrase.length();
                if (isBoundary(normalised, at - 1) && isBoundary(normalised, end)) {
                    return true;
                }
                at = normalised.indexOf(phrase, at + 1);
            }
        }
        return false;
    }

    private static boolean isBoundary(String text, int index) {
        return index < 0 || index >= text.length() || !Character.isLetterOrDigit(text.charAt(index));
    }
}

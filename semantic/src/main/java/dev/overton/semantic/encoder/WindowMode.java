package dev.overton.semantic.encoder;

/**
 * What to do with a text longer than the encoder's window.
 *
 * <ul>
 *   <li>{@link #SLIDING}: encode overlapping windows (stride half a window) and take each token's vector from the window
 *       in which it sits most centrally, so that every token is encoded with context on both sides where the text
 *       allows. Nothing is cut; this is the default.
 *   <li>{@link #TRUNCATE}: keep only the first {@code maxLength} tokens (special tokens included), as the paper's
 *       BERTScore did through {@code bert_score} with roberta-large ("truncate-512"). For reproducing published numbers.
 * </ul>
 */
public enum WindowMode {
    SLIDING,
    TRUNCATE;

    /** The label used in settings strings, e.g. {@code sliding-512/stride-255} or {@code truncate-512}. */
    public String label(int maxLength, int specialTokens) {
        int capacity = maxLength - specialTokens;
        return switch (this) {
            case SLIDING -> "sliding-" + maxLength + "/stride-" + Math.max(1, capacity / 2);
            case TRUNCATE -> "truncate-" + maxLength;
        };
    }
}

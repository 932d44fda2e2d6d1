package dev.overton.icl.prompts;

/**
 * Counts (or safely over-estimates) the tokens a prompt takes in the target model's context. A real tokenizer can be
 * plugged in behind this interface; {@link CharEstimateTokenCounter} is the default when none is known.
 */
public interface TokenCounter {

    /** The number of tokens {@code text} takes, or an upper estimate of it. */
    int count(String text);

    /** A short description for the record (e.g. {@code chars/4}). */
    String describe();
}

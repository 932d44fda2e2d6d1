package dev.overton.jlama;

import java.time.Duration;
import java.util.List;

/**
 * The answer of one token scoring ({@link JlamaEngine#score}): each answer token's log-probability after the context
 * and the answer's earlier tokens, and its rank among the model's most likely next tokens.
 *
 * @param tokens the answer's tokens in order
 * @param contextTokens the tokens the context was read as (a beginning-of-sequence token included when the tokenizer
 *     adds one)
 * @param latency wall time of the forward pass and the ranking; model loading not included
 */
public record JlamaTokenScores(List<JlamaTokenScores.Token> tokens, int contextTokens, Duration latency) {

    /**
     * One answer token.
     *
     * @param id the token id
     * @param text the text the token adds to the answer (empty for a token that ends in the middle of a multi-byte
     *     character: the character's text comes with the token that completes it)
     * @param offset where the token's text starts in the decoded answer, in UTF-16 code units
     * @param logprob the natural log of the model's probability of the token (a probability that underflows float
     *     precision is reported as {@code ln(Float.MIN_VALUE)}, about -103.3)
     * @param rank 1 + the number of vocabulary tokens with a strictly higher probability, or {@code topK + 1} when
     *     that is more than {@code topK}
     */
    public record Token(int id, String text, int offset, double logprob, int rank) {}

    /** Normalises the list. */
    public JlamaTokenScores {
        tokens = List.copyOf(tokens);
    }
}

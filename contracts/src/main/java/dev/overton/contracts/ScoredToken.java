package dev.overton.contracts;

/**
 * One token of a scored answer ({@link TokenScores}), as the base model tokenised it.
 *
 * @param text the token's text as the server or engine reports it (a byte-level token that is only part of a
 *     multi-byte character may read as {@code bytes:\xe2\x80} or {@code �}: shown, never parsed)
 * @param offset where the token starts in the answer, in UTF-16 code units (Java {@code String} index); negative when
 *     the tokenizer merged the token across the boundary, so that it starts in the context (e.g. a newline and the
 *     answer's first word)
 * @param logprob the base model's natural log-probability of this token after everything before it (finite, at most
 *     0)
 * @param rank the token's rank among the base model's {@code topK} most likely next tokens: 1 is the most likely; ties
 *     share the better rank; {@code topK + 1} means "not among the top K" ({@link TokenScores#outsideTopK()}), not a
 *     rank of exactly {@code topK + 1}
 */
public record ScoredToken(String text, int offset, double logprob, int rank) {

    /** Rejects a token without text, with a non-finite or positive log-probability, or a rank below 1. */
    public ScoredToken {
        Event.require(text, "text");
        if (!Double.isFinite(logprob) || logprob > 1e-6) {
            throw new IllegalArgumentException("logprob must be finite and at most 0, was " + logprob);
        }
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be >= 1, was " + rank);
        }
    }
}

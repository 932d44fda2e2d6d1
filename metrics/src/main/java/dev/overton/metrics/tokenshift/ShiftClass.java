package dev.overton.metrics.tokenshift;

/**
 * How far the base model is from choosing an aligned answer's token, by the token's rank among the base model's most
 * probable next tokens (AlignTDS's thresholds): rank 1 is {@link #UNSHIFTED}, ranks 2 and 3 are {@link #MARGINAL},
 * any higher rank — including a token outside the top K the server returned — is {@link #SHIFTED}.
 */
public enum ShiftClass {
    /** Rank 1: the base model's own first choice. */
    UNSHIFTED("unshifted"),
    /** Rank 2 or 3. */
    MARGINAL("marginal"),
    /** Rank above 3, or outside the base model's top K. */
    SHIFTED("shifted");

    /** Highest rank still counted {@link #MARGINAL}. */
    public static final int MARGINAL_MAX_RANK = 3;

    private final String wireName;

    ShiftClass(String wireName) {
        this.wireName = wireName;
    }

    /** The lower-case name used in value names, CSS classes and JSON. */
    public String wireName() {
        return wireName;
    }

    /**
     * The class of a token of 1-based {@code rank}.
     *
     * @throws IllegalArgumentException when {@code rank < 1}
     */
    public static ShiftClass ofRank(int rank) {
        if (rank < 1) {
            throw new IllegalArgumentException("rank is 1-based, was " + rank);
        }
        if (rank == 1) {
            return UNSHIFTED;
        }
        return rank <= MARGINAL_MAX_RANK ? MARGINAL : SHIFTED;
    }
}

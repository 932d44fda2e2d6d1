package dev.overton.semantic.encoder;

/**
 * The encoder's output for one text: one hidden-state vector per token, in text order, with the token ids and which
 * tokens are special ({@code [CLS]}, {@code [SEP]}, {@code <s>}, {@code </s>}, ...). Vectors are stored flat, row
 * after row ({@code vectors[i * dimension + k]}), because the matching loops of BERTScore run over them directly.
 *
 * <p>The arrays are shared, not copied: treat them as read-only.
 *
 * @param ids token ids, special tokens included
 * @param special {@code special[i]} is true when token {@code i} is a special token
 * @param vectors hidden states, {@code ids.length * dimension} floats, not normalised
 * @param dimension hidden size
 * @param windows how many encoder windows were run for this text
 * @param droppedTokens content tokens cut off by {@link WindowMode#TRUNCATE} (0 when nothing was cut)
 */
public record TokenStates(
        long[] ids, boolean[] special, float[] vectors, int dimension, int windows, int droppedTokens) {

    public TokenStates {
        if (special.length != ids.length || vectors.length != ids.length * dimension) {
            throw new IllegalArgumentException("ids, special and vectors disagree on the number of tokens");
        }
    }

    /** Number of tokens, special tokens included. */
    public int length() {
        return ids.length;
    }

    /** Number of non-special tokens. */
    public int contentLength() {
        int n = 0;
        for (boolean s : special) {
            if (!s) {
                n++;
            }
        }
        return n;
    }
}

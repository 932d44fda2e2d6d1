package dev.overton.semantic.bertscore;

import dev.overton.semantic.embedding.Vectors;
import dev.overton.semantic.encoder.TokenStates;

/**
 * The tokens of one text as BERTScore uses them: special tokens removed, every vector L2-normalised, so that a dot
 * product is a cosine. Stored flat, row after row.
 *
 * @param ids content token ids (for idf weights)
 * @param vectors unit vectors, {@code ids.length * dimension} floats
 * @param dimension hidden size
 * @param droppedTokens content tokens cut off by truncation before encoding
 */
public record TokenMatrix(long[] ids, float[] vectors, int dimension, int droppedTokens) {

    /** Drops special tokens and normalises. */
    public static TokenMatrix of(TokenStates states) {
        int dim = states.dimension();
        int n = states.contentLength();
        long[] ids = new long[n];
        float[] vectors = new float[n * dim];
        int row = 0;
        for (int i = 0; i < states.length(); i++) {
            if (states.special()[i]) {
                continue;
            }
            ids[row] = states.ids()[i];
            System.arraycopy(states.vectors(), i * dim, vectors, row * dim, dim);
            row++;
        }
        Vectors.normaliseRows(vectors, dim);
        return new TokenMatrix(ids, vectors, dim, states.droppedTokens());
    }

    /** Number of tokens. */
    public int length() {
        return ids.length;
    }
}

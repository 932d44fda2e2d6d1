package dev.overton.semantic.embedding;

/**
 * Small vector maths on {@code float[]} with {@code double} accumulation: dot products, norms, L2 normalisation and
 * cosine similarity. Plain loops, no library: the vectors are a few hundred floats long.
 */
public final class Vectors {

    private Vectors() {}

    /** The dot product; the arrays must have the same length. */
    public static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors differ in length: " + a.length + " and " + b.length);
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    /** The Euclidean norm. */
    public static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** A new vector of unit length in the direction of {@code a}; a zero vector stays zero. */
    public static float[] normalised(float[] a) {
        double n = norm(a);
        float[] out = new float[a.length];
        if (n == 0) {
            return out;
        }
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) (a[i] / n);
        }
        return out;
    }

    /** Normalises rows of a flat row-major matrix in place ({@code rows} rows of {@code dim}); zero rows stay zero. */
    public static void normaliseRows(float[] flat, int dim) {
        for (int off = 0; off < flat.length; off += dim) {
            double sum = 0;
            for (int k = 0; k < dim; k++) {
                sum += (double) flat[off + k] * flat[off + k];
            }
            if (sum == 0) {
                continue;
            }
            float inv = (float) (1 / Math.sqrt(sum));
            for (int k = 0; k < dim; k++) {
                flat[off + k] *= inv;
            }
        }
    }

    /**
     * Cosine similarity in [-1, 1]; {@link Double#NaN} when either vector is zero (the angle is undefined). Rounding
     * can put the value of parallel vectors a hair above 1, so it is clamped.
     */
    public static double cosine(float[] a, float[] b) {
        double na = norm(a);
        double nb = norm(b);
        if (na == 0 || nb == 0) {
            return Double.NaN;
        }
        return Math.max(-1, Math.min(1, dot(a, b) / (na * nb)));
    }
}

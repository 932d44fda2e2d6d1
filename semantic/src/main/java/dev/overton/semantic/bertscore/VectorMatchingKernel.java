package dev.overton.semantic.bertscore;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The matching kernel on the JDK's incubating Vector API: a register-tiled matrix product. The reference is packed
 * into panels of {@code 3 × lanes} columns (transposed, zero-padded, {@code d × width} floats each, so a panel stays in
 * L2 cache); for each panel, four candidate rows at a time run over the {@code d} dimensions with twelve vector
 * accumulators held in registers: per dimension three vector loads, four broadcasts and twelve fused multiply-adds.
 * The tile's row and column maxima are folded in once per tile, not per dimension. Compared with
 * {@link ScalarMatchingKernel}, whose partial rows live in memory, this keeps the FMA units busy instead of the load
 * and store ports.
 *
 * <p>Loaded only through {@link MatchingKernels}, and only when the JVM has {@code jdk.incubator.vector} (started
 * with {@code --add-modules jdk.incubator.vector}); everywhere else the scalar kernel runs. The sums run over the
 * dimensions in the same order as the scalar kernel's but with fused multiply-adds, so values agree to float
 * rounding.
 */
final class VectorMatchingKernel implements MatchingKernel {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int WIDTH = 3 * LANES;

    VectorMatchingKernel() {
        if (LANES < 4) {
            // Narrower than 128 bits: no gain over the scalar kernel, which MatchingKernels then chooses.
            throw new UnsupportedOperationException("preferred float vectors have " + LANES + " lanes");
        }
    }

    @Override
    public String name() {
        return "vector-" + SPECIES.vectorBitSize();
    }

    @Override
    public void bestSimilarities(float[] c, int nc, float[] r, int nr, int d, float[] candBest, float[] refBest) {
        int panels = (nr + WIDTH - 1) / WIDTH;
        float[] packed = pack(r, nr, d, panels);
        float[] columnMax = new float[panels * WIDTH];
        Arrays.fill(columnMax, Float.NEGATIVE_INFINITY);
        Arrays.fill(candBest, 0, nc, Float.NEGATIVE_INFINITY);
        for (int p = 0; p < panels; p++) {
            int panel = p * d * WIDTH;
            int valid = Math.min(WIDTH, nr - p * WIDTH);
            VectorMask<Float> mask0 = SPECIES.indexInRange(0, valid);
            VectorMask<Float> mask1 = SPECIES.indexInRange(LANES, valid);
            VectorMask<Float> mask2 = SPECIES.indexInRange(2 * LANES, valid);
            for (int i = 0; i < nc; i += 4) {
                // Rows past the end repeat row i: their values equal row i's, so no maximum changes.
                int base0 = i * d;
                int base1 = i + 1 < nc ? base0 + d : base0;
                int base2 = i + 2 < nc ? base0 + 2 * d : base0;
                int base3 = i + 3 < nc ? base0 + 3 * d : base0;
                FloatVector acc00 = FloatVector.zero(SPECIES);
                FloatVector acc01 = acc00;
                FloatVector acc02 = acc00;
                FloatVector acc10 = acc00;
                FloatVector acc11 = acc00;
                FloatVector acc12 = acc00;
                FloatVector acc20 = acc00;
                FloatVector acc21 = acc00;
                FloatVector acc22 = acc00;
                FloatVector acc30 = acc00;
                FloatVector acc31 = acc00;
                FloatVector acc32 = acc00;
                for (int k = 0, off = panel; k < d; k++, off += WIDTH) {
                    FloatVector b0 = FloatVector.fromArray(SPECIES, packed, off);
                    FloatVector b1 = FloatVector.fromArray(SPECIES, packed, off + LANES);
                    FloatVector b2 = FloatVector.fromArray(SPECIES, packed, off + 2 * LANES);
                    FloatVector a = FloatVector.broadcast(SPECIES, c[base0 + k]);
                    acc00 = a.fma(b0, acc00);
                    acc01 = a.fma(b1, acc01);
                    acc02 = a.fma(b2, acc02);
                    a = FloatVector.broadcast(SPECIES, c[base1 + k]);
                    acc10 = a.fma(b0, acc10);
                    acc11 = a.fma(b1, acc11);
                    acc12 = a.fma(b2, acc12);
                    a = FloatVector.broadcast(SPECIES, c[base2 + k]);
                    acc20 = a.fma(b0, acc20);
                    acc21 = a.fma(b1, acc21);
                    acc22 = a.fma(b2, acc22);
                    a = FloatVector.broadcast(SPECIES, c[base3 + k]);
                    acc30 = a.fma(b0, acc30);
                    acc31 = a.fma(b1, acc31);
                    acc32 = a.fma(b2, acc32);
                }
                boolean full = valid == WIDTH;
                candBest[i] = rowMax(candBest[i], acc00, acc01, acc02, full, mask0, mask1, mask2);
                if (i + 1 < nc) {
                    candBest[i + 1] = rowMax(candBest[i + 1], acc10, acc11, acc12, full, mask0, mask1, mask2);
                }
                if (i + 2 < nc) {
                    candBest[i + 2] = rowMax(candBest[i + 2], acc20, acc21, acc22, full, mask0, mask1, mask2);
                }
                if (i + 3 < nc) {
                    candBest[i + 3] = rowMax(candBest[i + 3], acc30, acc31, acc32, full, mask0, mask1, mask2);
                }
                int col = p * WIDTH;
                FloatVector.fromArray(SPECIES, columnMax, col)
                        .max(acc00.max(acc10).max(acc20.max(acc30)))
                        .intoArray(columnMax, col);
                FloatVector.fromArray(SPECIES, columnMax, col + LANES)
                        .max(acc01.max(acc11).max(acc21.max(acc31)))
                        .intoArray(columnMax, col + LANES);
                FloatVector.fromArray(SPECIES, columnMax, col + 2 * LANES)
                        .max(acc02.max(acc12).max(acc22.max(acc32)))
                        .intoArray(columnMax, col + 2 * LANES);
            }
        }
        System.arraycopy(columnMax, 0, refBest, 0, nr);
    }

    /** The reference transposed into panels of WIDTH columns, {@code d × WIDTH} floats each, zero-padded. */
    private static float[] pack(float[] r, int nr, int d, int panels) {
        float[] packed = new float[panels * d * WIDTH];
        for (int j = 0; j < nr; j++) {
            int dst = (j / WIDTH) * d * WIDTH + j % WIDTH;
            int src = j * d;
            for (int k = 0; k < d; k++) {
                packed[dst + k * WIDTH] = r[src + k];
            }
        }
        return packed;
    }

    /** The row's running maximum with the tile row's values; in the last panel only the real (unpadded) columns. */
    private static float rowMax(
            float current,
            FloatVector v0,
            FloatVector v1,
            FloatVector v2,
            boolean full,
            VectorMask<Float> mask0,
            VectorMask<Float> mask1,
            VectorMask<Float> mask2) {
        float m;
        if (full) {
            m = v0.max(v1).max(v2).reduceLanes(VectorOperators.MAX);
        } else {
            m = Math.max(
                    v0.reduceLanes(VectorOperators.MAX, mask0),
                    Math.max(v1.reduceLanes(VectorOperators.MAX, mask1), v2.reduceLanes(VectorOperators.MAX, mask2)));
        }
        return Math.max(current, m);
    }
}

package dev.overton.semantic.encoder;

import java.util.ArrayList;
import java.util.List;

/**
 * How the content tokens of one text (special tokens excluded) are split into encoder windows, and from which window
 * each token's vector is taken. Pure arithmetic, separate from the model so that it can be tested exhaustively.
 *
 * <p>Sliding windows hold {@code capacity} tokens and start every {@code stride = max(1, capacity / 2)} tokens; the
 * last window is aligned with the end of the text, so no window runs past it and none is mostly empty. A token covered
 * by several windows takes its vector from the one where it is farthest from an edge (the most central), which is
 * where it sees the most context on both sides; ties go to the earlier window. With stride half a window every token
 * except those near the text's ends has at least a quarter window of context on each side.
 *
 * @param starts start offset of each window in content-token coordinates
 * @param ends end offset (exclusive) of each window
 * @param owner for each content token (up to {@link #kept()}), the index of the window its vector is taken from
 * @param kept how many content tokens are represented (all of them, except in {@link WindowMode#TRUNCATE})
 */
public record WindowPlan(int[] starts, int[] ends, int[] owner, int kept) {

    /**
     * Plans the windows for {@code length} content tokens.
     *
     * @param length number of content tokens (0 gives one empty window, so that special tokens are still encoded)
     * @param capacity content tokens per window (the encoder's maximum length minus its special tokens), at least 1
     * @param mode sliding windows or truncation
     */
    public static WindowPlan of(int length, int capacity, WindowMode mode) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, was " + length);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        if (length <= capacity || mode == WindowMode.TRUNCATE) {
            int kept = Math.min(length, capacity);
            return new WindowPlan(new int[] {0}, new int[] {kept}, new int[kept], kept);
        }
        int stride = Math.max(1, capacity / 2);
        List<Integer> starts = new ArrayList<>();
        int start = 0;
        while (start + capacity < length) {
            starts.add(start);
            start += stride;
        }
        starts.add(length - capacity);
        int windows = starts.size();
        int[] s = new int[windows];
        int[] e = new int[windows];
        for (int w = 0; w < windows; w++) {
            s[w] = starts.get(w);
            e[w] = s[w] + capacity;
        }
        int[] owner = new int[length];
        int first = 0;
        for (int p = 0; p < length; p++) {
            while (e[first] <= p) {
                first++;
            }
            int best = first;
            int bestMargin = -1;
            for (int w = first; w < windows && s[w] <= p; w++) {
                int margin = Math.min(p - s[w], e[w] - 1 - p);
                if (margin > bestMargin) {
                    bestMargin = margin;
                    best = w;
                }
            }
            owner[p] = best;
        }
        return new WindowPlan(s, e, owner, length);
    }

    /** Number of windows. */
    public int windows() {
        return starts.length;
    }
}

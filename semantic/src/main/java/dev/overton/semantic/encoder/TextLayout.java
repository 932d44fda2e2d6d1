package dev.overton.semantic.encoder;

/**
 * A tokenized text split into its prefix special tokens, content and suffix special tokens, with the plan of the
 * windows its content is encoded in ({@link WindowPlan}). Builds each window's token ids
 * ({@code prefix + content slice + suffix}, so {@code [CLS] … [SEP]} and {@code <s> … </s>} are handled alike) and
 * assembles the windows' states back into one vector per token of the text.
 */
record TextLayout(OnnxEncoder.Tokenized tokens, int prefix, int suffix, WindowPlan plan) {

    /** The layout of a tokenized text for windows of at most {@code maxLength} tokens, specials included. */
    static TextLayout of(OnnxEncoder.Tokenized tokens, int maxLength, WindowMode mode) {
        boolean[] special = tokens.special();
        int n = special.length;
        int prefix = 0;
        while (prefix < n && special[prefix]) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < n - prefix && special[n - 1 - suffix]) {
            suffix++;
        }
        int capacity = maxLength - prefix - suffix;
        if (capacity < 1) {
            throw new IllegalStateException("maxLength " + maxLength + " leaves no room for content tokens");
        }
        return new TextLayout(tokens, prefix, suffix, WindowPlan.of(n - prefix - suffix, capacity, mode));
    }

    int contentLength() {
        return tokens.ids().length - prefix - suffix;
    }

    /** The token ids of window {@code w}, special tokens included. */
    long[] windowIds(int w) {
        int s = plan.starts()[w];
        int e = plan.ends()[w];
        long[] all = tokens.ids();
        long[] ids = new long[prefix + (e - s) + suffix];
        System.arraycopy(all, 0, ids, 0, prefix);
        System.arraycopy(all, prefix + s, ids, prefix, e - s);
        System.arraycopy(all, all.length - suffix, ids, prefix + (e - s), suffix);
        return ids;
    }

    /**
     * One vector per kept token: prefix specials from the first window, each content token from the window that owns
     * it, suffix specials from the last window.
     */
    TokenStates assemble(float[][] windowStates, int dim) {
        int kept = plan.kept();
        int n = prefix + kept + suffix;
        long[] ids = new long[n];
        boolean[] special = new boolean[n];
        float[] vectors = new float[n * dim];
        long[] all = tokens.ids();
        boolean[] allSpecial = tokens.special();
        for (int i = 0; i < prefix; i++) {
            ids[i] = all[i];
            special[i] = allSpecial[i];
            System.arraycopy(windowStates[0], i * dim, vectors, i * dim, dim);
        }
        for (int p = 0; p < kept; p++) {
            int w = plan.owner()[p];
            int row = prefix + (p - plan.starts()[w]);
            int out = prefix + p;
            ids[out] = all[prefix + p];
            special[out] = allSpecial[prefix + p];
            System.arraycopy(windowStates[w], row * dim, vectors, out * dim, dim);
        }
        int last = plan.windows() - 1;
        int lastWidth = plan.ends()[last] - plan.starts()[last];
        for (int i = 0; i < suffix; i++) {
            int out = prefix + kept + i;
            int src = all.length - suffix + i;
            ids[out] = all[src];
            special[out] = allSpecial[src];
            System.arraycopy(windowStates[last], (prefix + lastWidth + i) * dim, vectors, out * dim, dim);
        }
        return new TokenStates(ids, special, vectors, dim, plan.windows(), contentLength() - kept);
    }
}

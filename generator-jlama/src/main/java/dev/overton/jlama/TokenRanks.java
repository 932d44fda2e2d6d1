package dev.overton.jlama;

/**
 * The pure parts of token scoring ({@link LoadedModel#score}): a token's rank and log-probability in the model's
 * distribution, and the text each token adds to a decoding.
 */
final class TokenRanks {

    private TokenRanks() {}

    /**
     * The text each of {@code ids} adds to their decoding. The decoder renders the bytes so far, so a token that ends
     * inside a multi-byte character shows U+FFFD until the next one completes it; a token's text is therefore what it
     * adds to the part of the decoding that no later token changes (the common prefix with the whole decoding).
     */
    static String[] texts(TextCodec.Decoder decoder, int[] ids) {
        String[] prefixes = new String[ids.length];
        for (int j = 0; j < ids.length; j++) {
            decoder.append(ids[j]);
            prefixes[j] = decoder.text();
        }
        String whole = ids.length == 0 ? "" : prefixes[ids.length - 1];
        String[] texts = new String[ids.length];
        int stable = 0;
        for (int j = 0; j < ids.length; j++) {
            int common = j == ids.length - 1 ? whole.length() : commonPrefix(prefixes[j], whole);
            int end = Math.max(stable, common);
            texts[j] = whole.substring(stable, end);
            stable = end;
        }
        return texts;
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (i > 0 && i < b.length() && Character.isHighSurrogate(b.charAt(i - 1))) {
            i--; // never split a surrogate pair
        }
        return i;
    }

    /** Token {@code id} ranked in {@code probabilities} (a softmax over the vocabulary). */
    static JlamaTokenScores.Token ranked(int id, String text, int offset, float[] probabilities, int topK) {
        float p = probabilities[id];
        int higher = 0;
        for (float q : probabilities) {
            if (q > p) {
                higher++;
            }
        }
        double logprob = Math.log(p > 0 ? p : Float.MIN_VALUE);
        return new JlamaTokenScores.Token(
                id, text, offset, Math.min(0, logprob), higher >= topK ? topK + 1 : higher + 1);
    }
}

package dev.overton.semantic.encoder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers which texts an encoder has run, as 64-bit fingerprints of the last {@code capacity} distinct ones, so that
 * a text run through the model a second time can be counted. The caches above the encoder are bounded, so a text can be
 * evicted before its last use and encoded again: this count is how a deployment sees that happen (metric {@code
 * overton_semantic_texts_encoded_again_total}, docs/semantic.md) without keeping the texts. Memory: at most {@code
 * capacity} entries of a few dozen bytes. A fingerprint collision (FNV-1a, 64 bits) would count a new text as seen
 * again; at 100,000 entries its odds are about one in 10^14 per text. Thread-safe.
 */
final class EncodedTexts {

    private final Map<Long, Boolean> seen;
    private long again;

    /** Remembers the last {@code capacity} distinct texts (at least 1). */
    EncodedTexts(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.seen = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records that {@code text} was encoded; counts it when it had been encoded before. */
    synchronized void encoded(String text) {
        if (seen.put(fingerprint(text), Boolean.TRUE) != null) {
            again++;
        }
    }

    /** Texts encoded although they were among the remembered ones. */
    synchronized long again() {
        return again;
    }

    /** FNV-1a over the text's UTF-16 code units: cheap next to encoding, and 64 bits keep collisions negligible. */
    static long fingerprint(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            h = (h ^ (c & 0xff)) * 0x100000001b3L;
            h = (h ^ (c >>> 8)) * 0x100000001b3L;
        }
        return h;
    }
}

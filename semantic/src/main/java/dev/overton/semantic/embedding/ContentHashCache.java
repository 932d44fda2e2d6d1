package dev.overton.semantic.embedding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A bounded least-recently-used cache keyed by the SHA-256 of a text, so that no text is run through a model twice
 * while the cache holds it. Keys are hashes rather than the texts because model inputs are long (a chat response is
 * several kilobytes) and the cache should cost memory for the values only; a SHA-256 collision is not a practical
 * concern.
 *
 * <p>The bound is a total weight (for example floats held), not an entry count, because values differ in size by two
 * orders of magnitude (a 384-float sentence embedding against the token matrix of a 700-token response). The least
 * recently used entries are evicted once the total exceeds the bound; an entry heavier than the whole bound is not
 * kept. Thread-safe.
 *
 * @param <V> the cached value
 */
public final class ContentHashCache<V> {

    private final long maxWeight;
    private final ToLongFunction<V> weigher;
    private final LinkedHashMap<String, V> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long weight;
    private long hits;
    private long misses;

    /**
     * @param maxWeight the largest total weight kept (at least 1)
     * @param weigher the weight of one value (for example its number of floats), at least 1
     */
    public ContentHashCache(long maxWeight, ToLongFunction<V> weigher) {
        if (maxWeight < 1) {
            throw new IllegalArgumentException("maxWeight must be >= 1, was " + maxWeight);
        }
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    /** The SHA-256 of the text's UTF-8 bytes, in hex: the cache key. */
    public static String key(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** The cached value for a key from {@link #key(String)}, or {@code null}. */
    public synchronized V getByKey(String key) {
        V value = entries.get(key);
        if (value == null) {
            misses++;
        } else {
            hits++;
        }
        return value;
    }

    /** Caches a value under a key from {@link #key(String)}, evicting the least recently used entries as needed. */
    public synchronized void putByKey(String key, V value) {
        long w = Math.max(1, weigher.applyAsLong(value));
        if (w > maxWeight) {
            return;
        }
        V previous = entries.put(key, value);
        if (previous != null) {
            weight -= Math.max(1, weigher.applyAsLong(previous));
        }
        weight += w;
        Iterator<Map.Entry<String, V>> eldest = entries.entrySet().iterator();
        while (weight > maxWeight && eldest.hasNext()) {
            Map.Entry<String, V> e = eldest.next();
            if (e.getKey().equals(key)) {
                continue;
            }
            weight -= Math.max(1, weigher.applyAsLong(e.getValue()));
            eldest.remove();
        }
    }

    /**
     * The values of {@code texts}, in order: those cached as held, the others computed by one call of {@code compute}
     * with each missing text once (a text repeated in {@code texts} is computed once), in first-seen order, and cached.
     * Not atomic: a caller that must not compute one text twice from two threads serialises its calls.
     *
     * @param compute the values of the given texts, in their order
     */
    public List<V> getAll(List<String> texts, Function<List<String>, List<V>> compute) {
        Map<String, V> found = new LinkedHashMap<>();
        Map<String, String> missing = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(texts.size());
        for (String text : texts) {
            String key = key(text);
            keys.add(key);
            if (found.containsKey(key) || missing.containsKey(key)) {
                continue;
            }
            V cached = getByKey(key);
            if (cached != null) {
                found.put(key, cached);
            } else {
                missing.put(key, text);
            }
        }
        if (!missing.isEmpty()) {
            List<V> computed = compute.apply(new ArrayList<>(missing.values()));
            int i = 0;
            for (String key : missing.keySet()) {
                V value = computed.get(i++);
                putByKey(key, value);
                found.put(key, value);
            }
        }
        List<V> out = new ArrayList<>(texts.size());
        for (String key : keys) {
            out.add(found.get(key));
        }
        return out;
    }

    /** Number of entries held. */
    public synchronized int size() {
        return entries.size();
    }

    /** Total weight held. */
    public synchronized long weight() {
        return weight;
    }

    /** Lookups that found a value. */
    public synchronized long hits() {
        return hits;
    }

    /** Lookups that found nothing. */
    public synchronized long misses() {
        return misses;
    }
}

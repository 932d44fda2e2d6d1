package dev.overton.metrics.diversity;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.overton.metrics.text.TreebankWordTokenizer;

/**
 * The word n-grams (n = 1..maxN) of each response of a set, as dense integer ids: within one order n, two n-grams get
 * the same id exactly when their tokens are equal, and ids run from 0 to {@link #distinct(int)} - 1. Distinct-n,
 * n-gram diversity, self-BLEU and self-repetition all count n-grams of the same token lists; building the ids once
 * lets each of them count with plain arrays instead of hashing strings again.
 *
 * <p>N-grams never span two responses: each response contributes {@code max(0, length - n + 1)} n-grams of order n.
 * Tokens are compared exactly (case kept).
 *
 * <p>Ids of order n are built from those of order n - 1: the n-gram at position i is the pair (id of the (n-1)-gram
 * at i, id of token i + n - 1), so no n-gram string is ever formed.
 */
public final class NgramIndex {

    /** How the n-grams are made, for the settings strings of the measures built on this index. */
    public static final String TOKENS =
            "tokens=" + TreebankWordTokenizer.NAME + ";case=kept;punctuation=kept;ngrams=within-response";

    private final int maxN;
    private final int[] lengths;
    /** {@code ids[n - 1][response]}: the order-n ids of the response, in text order. */
    private final int[][][] ids;

    private final int[] distinct;

    private NgramIndex(int maxN, int[] lengths, int[][][] ids, int[] distinct) {
        this.maxN = maxN;
        this.lengths = lengths;
        this.ids = ids;
        this.distinct = distinct;
    }

    /** The index of {@code set}'s tokens up to order {@code maxN}. */
    public static NgramIndex of(TokenizedSet set, int maxN) {
        return of(set.tokens(), maxN);
    }

    /** The index of the given token lists (one per response) up to order {@code maxN}. */
    public static NgramIndex of(List<List<String>> tokens, int maxN) {
        if (maxN < 1) {
            throw new IllegalArgumentException("maxN must be at least 1, was " + maxN);
        }
        int responses = tokens.size();
        int[] lengths = new int[responses];
        int[][][] ids = new int[maxN][responses][];
        int[] distinct = new int[maxN];

        Map<String, Integer> vocabulary = new HashMap<>();
        for (int r = 0; r < responses; r++) {
            List<String> list = tokens.get(r);
            lengths[r] = list.size();
            int[] unigrams = new int[list.size()];
            for (int i = 0; i < unigrams.length; i++) {
                Integer id = vocabulary.putIfAbsent(list.get(i), vocabulary.size());
                unigrams[i] = id == null ? vocabulary.size() - 1 : id;
            }
            ids[0][r] = unigrams;
        }
        distinct[0] = vocabulary.size();

        for (int n = 2; n <= maxN; n++) {
            LongIntTable table = new LongIntTable(64);
            for (int r = 0; r < responses; r++) {
                int[] shorter = ids[n - 2][r];
                int[] unigrams = ids[0][r];
                int count = Math.max(0, lengths[r] - n + 1);
                int[] grams = new int[count];
                for (int i = 0; i < count; i++) {
                    long key = ((long) shorter[i] << 32) | (unigrams[i + n - 1] & 0xFFFFFFFFL);
                    grams[i] = table.intern(key);
                }
                ids[n - 1][r] = grams;
            }
            distinct[n - 1] = table.size();
        }
        return new NgramIndex(maxN, lengths, ids, distinct);
    }

    /** The highest order indexed. */
    public int maxN() {
        return maxN;
    }

    /** The number of responses. */
    public int responses() {
        return lengths.length;
    }

    /** The number of tokens of response {@code response}. */
    public int length(int response) {
        return lengths[response];
    }

    /**
     * The order-{@code n} n-gram ids of response {@code response}, in text order (the array itself, not a copy: read
     * it, don't change it).
     */
    public int[] ids(int n, int response) {
        checkOrder(n);
        return ids[n - 1][response];
    }

    /** The number of distinct n-grams of order {@code n} in the whole set; ids of order n are below it. */
    public int distinct(int n) {
        checkOrder(n);
        return distinct[n - 1];
    }

    /** The number of n-grams of order {@code n} in the whole set, repeats included. */
    public long total(int n) {
        checkOrder(n);
        long total = 0;
        for (int[] grams : ids[n - 1]) {
            total += grams.length;
        }
        return total;
    }

    private void checkOrder(int n) {
        if (n < 1 || n > maxN) {
            throw new IllegalArgumentException("order " + n + " is not indexed (1.." + maxN + ")");
        }
    }

    /**
     * Open-addressing map from a long key to a dense id, assigned in order of first insertion: one probe sequence and
     * no boxed {@code Long} per n-gram.
     */
    private static final class LongIntTable {
        private static final long EMPTY = Long.MIN_VALUE;

        private long[] keys;
        private int[] values;
        private int size;

        LongIntTable(int capacity) {
            int power = Integer.highestOneBit(Math.max(4, capacity) - 1) << 1;
            keys = new long[power];
            values = new int[power];
            Arrays.fill(keys, EMPTY);
        }

        int size() {
            return size;
        }

        /** The id of {@code key}, assigning the next id when it is new. Keys are never {@link #EMPTY}. */
        int intern(long key) {
            int mask = keys.length - 1;
            int slot = mix(key) & mask;
            while (true) {
                long existing = keys[slot];
                if (existing == key) {
                    return values[slot];
                }
                if (existing == EMPTY) {
                    int id = size++;
                    keys[slot] = key;
                    values[slot] = id;
                    if (size * 2 > keys.length) {
                        grow();
                    }
                    return id;
                }
                slot = (slot + 1) & mask;
            }
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new int[oldKeys.length * 2];
            Arrays.fill(keys, EMPTY);
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != EMPTY) {
                    int slot = mix(oldKeys[i]) & mask;
                    while (keys[slot] != EMPTY) {
                        slot = (slot + 1) & mask;
                    }
                    keys[slot] = oldKeys[i];
                    values[slot] = oldValues[i];
                }
            }
        }

        private static int mix(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }
}

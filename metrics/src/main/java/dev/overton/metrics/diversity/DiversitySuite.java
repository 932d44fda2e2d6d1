package dev.overton.metrics.diversity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The whole within-set diversity suite in one call: every measure of this package over one {@link TokenizedSet},
 * returned as an ordered map from the metric's snake_case name (as served by the scorer and documented in
 * {@code docs/metrics.md}) to its {@link MetricValue}. The n-gram ids are built once and shared by distinct-n, n-gram
 * diversity, self-BLEU and self-repetition.
 *
 * <p>Stateless apart from its prefix length, so one instance can be shared between threads.
 */
public final class DiversitySuite {

    public static final String LENGTH_DIFF_TOKENS = "length_diff_tokens";
    public static final String LENGTH_DIFF_CHARS = "length_diff_chars";
    public static final String DISTINCT_PREFIX_SHARE = "distinct_prefix_share";
    public static final String NUMBERED_LIST_ITEMS = "numbered_list_items";
    public static final String BULLET_LIST_ITEMS = "bullet_list_items";
    public static final String ABSTENTION_SHARE = "abstention_share";
    public static final String DISTINCT_1 = "distinct_1";
    public static final String DISTINCT_2 = "distinct_2";
    public static final String DISTINCT_3 = "distinct_3";
    public static final String DISTINCT_4 = "distinct_4";
    public static final String SELF_BLEU = "self_bleu";
    public static final String COMPRESSION_RATIO = "compression_ratio";
    public static final String NGRAM_DIVERSITY = "ngram_diversity";
    public static final String SELF_REPETITION = "self_repetition";
    public static final String HOMOGENIZATION_ROUGEL = "homogenization_rougel";

    /** Every name {@link #score} returns, in its order. */
    public static final List<String> METRIC_NAMES = List.of(
            LENGTH_DIFF_TOKENS,
            LENGTH_DIFF_CHARS,
            DISTINCT_PREFIX_SHARE,
            NUMBERED_LIST_ITEMS,
            BULLET_LIST_ITEMS,
            ABSTENTION_SHARE,
            DISTINCT_1,
            DISTINCT_2,
            DISTINCT_3,
            DISTINCT_4,
            SELF_BLEU,
            COMPRESSION_RATIO,
            NGRAM_DIVERSITY,
            SELF_REPETITION,
            HOMOGENIZATION_ROUGEL);

    /** Step name under which {@link #score(TokenizedSet, StepClock)} reports building the shared n-gram ids. */
    public static final String NGRAM_INDEX_STEP = "ngram_index";

    /** Highest n-gram order any measure needs. */
    private static final int MAX_N = 4;

    /**
     * Times the steps of {@link #score(TokenizedSet, StepClock)}: the suite reads the clock before and after each step
     * and reports the difference. Lets a benchmark attribute time to measures (with the time source it trusts, such
     * as thread CPU time on a shared machine) without composing the suite a second time.
     */
    public interface StepClock {
        /** The current reading, in nanoseconds of this clock; {@link System#nanoTime()} unless overridden. */
        default long now() {
            return System.nanoTime();
        }

        /** Step {@code step} (a metric name or {@link #NGRAM_INDEX_STEP}) took {@code nanos} of this clock. */
        void took(String step, long nanos);

        /** A clock that ignores every report. */
        StepClock NONE = (step, nanos) -> {};
    }

    private final int prefixChars;

    /** The suite with the default prefix length ({@link DistinctPrefixes#DEFAULT_K}). */
    public DiversitySuite() {
        this(DistinctPrefixes.DEFAULT_K);
    }

    /** The suite with prefixes of {@code prefixChars} code points for {@code distinct_prefix_share}. */
    public DiversitySuite(int prefixChars) {
        if (prefixChars < 1) {
            throw new IllegalArgumentException("prefixChars must be at least 1, was " + prefixChars);
        }
        this.prefixChars = prefixChars;
    }

    /** Every measure of {@code set}, keyed by metric name, in {@link #METRIC_NAMES} order (an unmodifiable map). */
    public Map<String, MetricValue> score(TokenizedSet set) {
        return score(set, StepClock.NONE);
    }

    /** As {@link #score(TokenizedSet)}, reporting the time of each step to {@code clock}. */
    public Map<String, MetricValue> score(TokenizedSet set, StepClock clock) {
        Map<String, MetricValue> values = new LinkedHashMap<>();
        Timed timed = new Timed(values, clock);
        List<String> texts = set.texts();
        timed.put(LENGTH_DIFF_TOKENS, () -> LengthDifference.tokens(set));
        timed.put(LENGTH_DIFF_CHARS, () -> LengthDifference.chars(texts));
        timed.put(DISTINCT_PREFIX_SHARE, () -> DistinctPrefixes.share(texts, prefixChars));
        timed.put(NUMBERED_LIST_ITEMS, () -> ListItems.numbered(texts));
        timed.put(BULLET_LIST_ITEMS, () -> ListItems.bullets(texts));
        timed.put(ABSTENTION_SHARE, () -> Abstention.share(texts));

        long start = clock.now();
        NgramIndex index = NgramIndex.of(set, MAX_N);
        clock.took(NGRAM_INDEX_STEP, clock.now() - start);

        timed.put(DISTINCT_1, () -> DistinctN.of(index, 1));
        timed.put(DISTINCT_2, () -> DistinctN.of(index, 2));
        timed.put(DISTINCT_3, () -> DistinctN.of(index, 3));
        timed.put(DISTINCT_4, () -> DistinctN.of(index, 4));
        timed.put(SELF_BLEU, () -> SelfBleu.of(index));
        timed.put(COMPRESSION_RATIO, () -> CompressionRatio.of(texts));
        timed.put(NGRAM_DIVERSITY, () -> NgramDiversity.of(index));
        timed.put(SELF_REPETITION, () -> SelfRepetition.of(index));
        timed.put(HOMOGENIZATION_ROUGEL, () -> Homogenization.of(set));
        return Collections.unmodifiableMap(values);
    }

    /** Computes one measure, stores it under its name and reports its time. */
    private record Timed(Map<String, MetricValue> values, StepClock clock) {
        void put(String name, Supplier<MetricValue> measure) {
            long start = clock.now();
            MetricValue value = measure.get();
            clock.took(name, clock.now() - start);
            values.put(name, value);
        }
    }
}

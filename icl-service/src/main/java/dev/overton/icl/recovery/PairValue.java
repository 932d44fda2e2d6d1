package dev.overton.icl.recovery;

/**
 * One between-variant value the scorer published: sample {@code sample} of {@code variant} compared with the {@code
 * reference} variant's sample 0 for one prompt. Aligned-vs-aligned values have {@code variant == reference} (samples
 * 1..N-1).
 *
 * @param promptId the prompt
 * @param variant the compared variant
 * @param reference the reference variant
 * @param metric the scorer's pair metric (e.g. {@code pair_jaccard_1})
 * @param sample the compared sample's index
 * @param value the similarity, or {@code null} when the scorer found it undefined
 */
public record PairValue(String promptId, String variant, String reference, String metric, int sample, Double value) {}

/**
 * Within-set diversity measures over the N responses one variant gave to one prompt: length spread, opening prefixes,
 * list formatting, abstention phrases, distinct-n, self-BLEU, compression ratio, n-gram diversity, self-repetition
 * and ROUGE-L homogenization. {@link dev.overton.metrics.diversity.DiversitySuite} computes them all from one
 * {@link dev.overton.metrics.diversity.TokenizedSet}, so each text is tokenized once; each value is a
 * {@link dev.overton.metrics.diversity.MetricValue} carrying its settings, or NaN with the reason it is undefined.
 *
 * <p>Plain Java with no framework inside, like the rest of the metrics module: the scorer calls it on a worker thread,
 * tests call it directly. Definitions, ranges and directions are also collected in {@code docs/metrics.md}.
 */
package dev.overton.metrics.diversity;

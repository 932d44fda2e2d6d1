package dev.overton.semantic.released;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntPredicate;

import dev.overton.semantic.bertscore.BertScore;
import dev.overton.semantic.bertscore.BertScorer;
import dev.overton.semantic.stats.SpearmanCorrelation;

/**
 * Our BERTScore against the released one on the same text pairs: F1 for every non-self pair of the given released
 * files, the Spearman correlation with the released F1, and per-variant means of both. Pairs are scored one prompt at a
 * time (every variant's candidates against that prompt's reference together), which keeps only one prompt's token
 * matrices in memory and encodes each reference once.
 *
 * @param pairs pairs scored (self pairs excluded)
 * @param spearman Spearman correlation of our F1 with the released F1 over those pairs
 * @param means per variant (alt model), our mean F1 and the released mean F1, in that order
 * @param seconds wall time of scoring
 * @param settings our BERTScore settings
 */
public record ReleasedAgreement(
        int pairs, double spearman, Map<String, double[]> means, double seconds, String settings) {

    /**
     * Scores the pairs of {@code files} whose prompt id passes {@code prompts}.
     *
     * @throws IllegalStateException when one of our scores is undefined (no released pair has an empty text)
     */
    public static ReleasedAgreement compute(BertScorer scorer, List<Path> files, IntPredicate prompts) {
        List<ReleasedBertScores.Pair> all = new ArrayList<>();
        for (Path file : files) {
            for (ReleasedBertScores.Pair pair : ReleasedBertScores.read(file)) {
                if (!pair.selfPair() && prompts.test(pair.promptId())) {
                    all.add(pair);
                }
            }
        }
        Set<Integer> promptIds = new TreeSet<>();
        all.forEach(p -> promptIds.add(p.promptId()));
        long start = System.nanoTime();
        double[] ours = new double[all.size()];
        double[] released = new double[all.size()];
        Map<String, double[]> sums = new TreeMap<>();
        for (int prompt : promptIds) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).promptId() == prompt) {
                    idx.add(i);
                }
            }
            List<BertScore> scores = scorer.score(
                    idx.stream().map(i -> all.get(i).altText()).toList(),
                    idx.stream().map(i -> all.get(i).refText()).toList());
            for (int k = 0; k < idx.size(); k++) {
                int i = idx.get(k);
                BertScore s = scores.get(k);
                if (!s.defined()) {
                    throw new IllegalStateException("undefined BERTScore for prompt " + prompt + ", "
                            + all.get(i).altModel() + " sample " + all.get(i).altSample() + ": " + s.reason());
                }
                ours[i] = s.f1();
                released[i] = all.get(i).f1();
                double[] acc = sums.computeIfAbsent(all.get(i).altModel(), v -> new double[3]);
                acc[0] += ours[i];
                acc[1] += released[i];
                acc[2]++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, double[]> means = new TreeMap<>();
        sums.forEach((variant, acc) -> means.put(variant, new double[] {acc[0] / acc[2], acc[1] / acc[2]}));
        return new ReleasedAgreement(
                all.size(), SpearmanCorrelation.of(ours, released), means, seconds, scorer.settings());
    }

    /** A printable table: variant, our mean F1, released mean F1. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-42s %8s %8s%n", "variant (vs llama-2-chat sample 0)", "ours", "released"));
        means.entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e ->
                        sb.append(String.format("%-42s %8.4f %8.4f%n", e.getKey(), e.getValue()[0], e.getValue()[1])));
        sb.append(String.format("pairs %d, Spearman %.4f, %.1f s%n", pairs, spearman, seconds));
        return sb.toString();
    }
}

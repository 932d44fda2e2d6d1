package dev.overton.scorer.tokenshift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.overton.contracts.TokenShiftSpec;
import dev.overton.metrics.stats.BootstrapInterval;
import dev.overton.metrics.tokenshift.AnswerShift;
import dev.overton.metrics.tokenshift.RankedToken;
import dev.overton.metrics.tokenshift.ShiftProfile;
import dev.overton.metrics.tokenshift.ShiftedTokens;
import dev.overton.metrics.tokenshift.TokenRecovery;

/**
 * Computes a run's {@link TokenShiftSummary} from its stored answers. Plain Java; the values are recomputed from the
 * stored tokens by the same {@link AnswerShift} that made the stored values, so both always agree.
 *
 * <p>Per context and value: each prompt's mean over its scored answers (defined values only), then the mean over
 * prompts with the seeded percentile bootstrap — as {@code GET /runs/{id}/scores} aggregates every pair value. The
 * recovery of an icl context pairs its per-prompt shifted shares with {@code plain}'s over the prompts both have.
 */
public final class TokenShiftSummaries {

    /** Most often shifted tokens listed per context. */
    public static final int TOP_TOKENS = 15;

    /** Failure reasons listed per context. */
    static final int MAX_FAILURES = 5;

    private TokenShiftSummaries() {}

    /**
     * One stored answer of one context.
     *
     * @param promptId the prompt
     * @param sample the reference's sample index
     * @param context the context
     * @param error why it could not be scored, or {@code null} when scored
     * @param tokens its tokens (empty when failed, or for an empty answer)
     */
    public record StoredAnswer(String promptId, int sample, String context, String error, List<RankedToken> tokens) {

        /** Whether it was scored (an empty answer counts as scored: its values are undefined, not failed). */
        public boolean scored() {
            return error == null;
        }
    }

    /** The summary of the run {@code runId} whose measure is {@code spec}. */
    public static TokenShiftSummary of(
            String runId, TokenShiftSpec spec, String reference, List<StoredAnswer> answers, int resamples, long seed) {
        Map<String, List<StoredAnswer>> byContext = new LinkedHashMap<>();
        spec.contexts().forEach(c -> byContext.put(c, new ArrayList<>()));
        for (StoredAnswer a : answers) {
            List<StoredAnswer> list = byContext.get(a.context());
            if (list != null) {
                list.add(a);
            }
        }
        Map<String, Map<String, Double>> shiftedByContext = new LinkedHashMap<>();
        byContext.forEach((c, list) -> shiftedByContext.put(c, perPrompt(list, TokenShiftValues.SHIFTED)));
        List<TokenShiftSummary.ContextSummary> contexts = new ArrayList<>();
        for (Map.Entry<String, List<StoredAnswer>> e : byContext.entrySet()) {
            String context = e.getKey();
            List<StoredAnswer> list = e.getValue();
            List<List<RankedToken>> scored = list.stream()
                    .filter(StoredAnswer::scored)
                    .map(StoredAnswer::tokens)
                    .toList();
            List<TokenShiftSummary.Aggregate> values = new ArrayList<>();
            for (String metric : TokenShiftValues.NAMES) {
                values.add(aggregate(metric, perPrompt(list, metric), resamples, seed));
            }
            TokenShiftSummary.Recovery recovery = TokenShiftSpec.PLAIN.equals(context)
                    ? null
                    : recovery(
                            shiftedByContext.get(context), shiftedByContext.get(TokenShiftSpec.PLAIN), resamples, seed);
            ShiftProfile profile = ShiftProfile.of(scored, ShiftProfile.DEFAULT_BINS);
            List<Double> shares = new ArrayList<>();
            for (int bin = 0; bin < profile.bins(); bin++) {
                double share = profile.share(bin);
                shares.add(Double.isNaN(share) ? null : share);
            }
            contexts.add(new TokenShiftSummary.ContextSummary(
                    context,
                    TokenShiftValues.contextVariant(spec, context),
                    scored.size(),
                    list.size() - scored.size(),
                    failures(list),
                    values,
                    recovery,
                    shares,
                    ShiftedTokens.top(scored, TOP_TOKENS).stream()
                            .map(t -> new TokenShiftSummary.TokenCount(t.text(), t.count(), t.share()))
                            .toList()));
        }
        return new TokenShiftSummary(
                runId, spec.base(), reference, spec.samples(), spec.topK(), contexts, example(byContext));
    }

    /** Per prompt, the mean of {@code metric} over the prompt's scored answers with a defined value. */
    static Map<String, Double> perPrompt(List<StoredAnswer> answers, String metric) {
        Map<String, double[]> sums = new TreeMap<>();
        for (StoredAnswer a : answers) {
            if (!a.scored()) {
                continue;
            }
            Double v = value(AnswerShift.of(a.tokens()), metric);
            if (v != null) {
                double[] s = sums.computeIfAbsent(a.promptId(), k -> new double[2]);
                s[0] += v;
                s[1]++;
            }
        }
        Map<String, Double> means = new TreeMap<>();
        sums.forEach((prompt, s) -> means.put(prompt, s[0] / s[1]));
        return means;
    }

    private static Double value(AnswerShift s, String metric) {
        var v = switch (metric) {
            case TokenShiftValues.UNSHIFTED -> s.unshifted();
            case TokenShiftValues.MARGINAL -> s.marginal();
            case TokenShiftValues.SHIFTED -> s.shifted();
            case TokenShiftValues.MEAN_LOGPROB -> s.meanLogprob();
            case TokenShiftValues.SHIFTED_EARLY -> s.shiftedEarly();
            case TokenShiftValues.SHIFTED_REST -> s.shiftedRest();
            default -> throw new IllegalArgumentException("not a token-shift value: " + metric);
        };
        return v.defined() ? v.value() : null;
    }

    private static TokenShiftSummary.Aggregate aggregate(
            String metric, Map<String, Double> byPrompt, int resamples, long seed) {
        double[] values =
                byPrompt.values().stream().mapToDouble(Double::doubleValue).toArray();
        BootstrapInterval.Estimate e = BootstrapInterval.of(values, 0.95, resamples, seed);
        return new TokenShiftSummary.Aggregate(metric, orNull(e.mean()), orNull(e.low()), orNull(e.high()), e.n());
    }

    private static TokenShiftSummary.Recovery recovery(
            Map<String, Double> icl, Map<String, Double> plain, int resamples, long seed) {
        if (plain == null) {
            return new TokenShiftSummary.Recovery(
                    null, null, null, 0, "the run's tokenShift.contexts has no 'plain' to compare with");
        }
        List<String> shared = icl.keySet().stream().filter(plain::containsKey).toList();
        double[] a = shared.stream().mapToDouble(icl::get).toArray();
        double[] b = shared.stream().mapToDouble(plain::get).toArray();
        TokenRecovery r = TokenRecovery.of(a, b, 0.95, resamples, seed);
        return new TokenShiftSummary.Recovery(r.recovery(), r.low(), r.high(), r.n(), r.reason());
    }

    private static List<TokenShiftSummary.Failure> failures(List<StoredAnswer> answers) {
        Map<String, Integer> counts = new TreeMap<>();
        answers.stream().filter(a -> !a.scored()).forEach(a -> counts.merge(a.error(), 1, Integer::sum));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(MAX_FAILURES)
                .map(e -> new TokenShiftSummary.Failure(e.getKey(), e.getValue()))
                .toList();
    }

    /**
     * A typical answer: of the first context with a scored, non-empty answer, the answer whose shifted share is
     * closest to the context's mean shifted share over answers; ties by prompt id, then sample.
     */
    static TokenShiftSummary.ExampleAnswer example(Map<String, List<StoredAnswer>> byContext) {
        for (List<StoredAnswer> list : byContext.values()) {
            List<StoredAnswer> scored = list.stream()
                    .filter(a -> a.scored() && !a.tokens().isEmpty())
                    .toList();
            if (scored.isEmpty()) {
                continue;
            }
            double mean = scored.stream()
                    .mapToDouble(TokenShiftSummaries::shifted)
                    .average()
                    .orElse(0);
            StoredAnswer typical = scored.stream()
                    .min(Comparator.comparingDouble((StoredAnswer a) -> Math.abs(shifted(a) - mean))
                            .thenComparing(StoredAnswer::promptId)
                            .thenComparingInt(StoredAnswer::sample))
                    .orElseThrow();
            return new TokenShiftSummary.ExampleAnswer(
                    typical.promptId(),
                    typical.sample(),
                    typical.context(),
                    shifted(typical),
                    typical.tokens().stream()
                            .map(t -> new TokenShiftSummary.ExampleToken(
                                    t.text(),
                                    t.logprob(),
                                    t.rank(),
                                    t.shiftClass().wireName()))
                            .toList());
        }
        return null;
    }

    private static double shifted(StoredAnswer a) {
        return AnswerShift.of(a.tokens()).shifted().value();
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}

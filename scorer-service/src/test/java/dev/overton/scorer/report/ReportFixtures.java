package dev.overton.scorer.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.overton.contracts.RecoveryReport;
import dev.overton.contracts.SchemaVersions;
import dev.overton.scorer.scoring.RunAggregator;

/**
 * A made-up run for the report tests: base, in-context and chat (the reference) over 12 prompts, with the base far
 * more diverse than chat and the in-context variant in between. Values are drawn from a seeded generator, so the page
 * is the same on every run; the aggregates are computed by the real {@link RunAggregator}.
 */
final class ReportFixtures {

    static final String RUN = "run-1";
    static final String BASE = "llama-2-base";
    static final String ICL = "llama-2-icl";
    static final String CHAT = "llama-2-chat";
    static final int PROMPTS = 12;

    /** Diversity metrics of the fixture that the page plots. */
    static final List<String> DIVERSITY = List.of("jaccard_1", "jaccard_2", "distinct_1", "self_bleu");

    /** Pair metrics of the fixture. */
    static final List<String> PAIRS = List.of("pair_jaccard_1", "pair_rouge_l");

    private ReportFixtures() {}

    /** The run with coverage and judge values and a recovery report when {@code full}. */
    static ReportData run(boolean full) {
        SplittableRandom random = new SplittableRandom(7);
        List<RunAggregator.PromptValue> values = new ArrayList<>();
        List<ReportData.DistributionValue> distributions = new ArrayList<>();
        List<String> prompts = new ArrayList<>();
        for (int p = 0; p < PROMPTS; p++) {
            String prompt = String.valueOf(p);
            prompts.add(prompt);
            add(values, random, prompt, BASE, 0.09, 0.30, 0.12, 0.13, 180);
            add(values, random, prompt, ICL, 0.18, 0.45, 0.22, 0.27, 260);
            add(values, random, prompt, CHAT, 0.28, 0.60, 0.31, 0.34, 420);
            if (full) {
                distributions.add(new ReportData.DistributionValue(
                        CHAT, "overton_coverage_aligned", prompt, null, 0.3 + 0.4 * random.nextDouble()));
                distributions.add(new ReportData.DistributionValue(
                        BASE, "overton_coverage_base_self", prompt, null, 0.1 + 0.3 * random.nextDouble()));
                for (int s = 0; s < 2; s++) {
                    distributions.add(new ReportData.DistributionValue(
                            BASE, "judge_helpfulness", prompt, s, 1 + random.nextInt(4)));
                    distributions.add(new ReportData.DistributionValue(
                            CHAT, "judge_helpfulness", prompt, s, 3 + random.nextInt(3)));
                }
            }
        }
        RunAggregator.RunAggregate aggregate = RunAggregator.aggregate(values, CHAT, 500, 20240625L);
        RecoveryReport recovery = full
                ? new RecoveryReport(
                        SchemaVersions.V1,
                        RUN,
                        CHAT,
                        List.of(
                                new RecoveryReport.Recovery(BASE, "pair_jaccard_1", 0.38, 0.35, 0.41, false, 12, null),
                                new RecoveryReport.Recovery(BASE, "pair_rouge_l", 0.40, 0.36, 0.44, false, 12, null),
                                new RecoveryReport.Recovery(ICL, "pair_jaccard_1", 0.81, 0.74, 0.88, false, 12, null),
                                new RecoveryReport.Recovery(ICL, "pair_rouge_l", 0.93, 0.86, 1.01, true, 12, null)),
                        Instant.parse("2026-11-27T14:40:00Z"))
                : null;
        return new ReportData(
                RUN,
                CHAT,
                List.of(
                        new ReportData.VariantSummary(BASE, false, PROMPTS, 0),
                        new ReportData.VariantSummary(ICL, false, PROMPTS - 1, 1),
                        new ReportData.VariantSummary(CHAT, true, PROMPTS, 0)),
                aggregate,
                values,
                distributions,
                recovery,
                prompts,
                500,
                20240625L,
                Instant.parse("2026-11-27T14:41:00Z"));
    }

    private static void add(
            List<RunAggregator.PromptValue> values,
            SplittableRandom random,
            String prompt,
            String variant,
            double jaccard,
            double distinct,
            double selfBleu,
            double pair,
            double tokens) {
        double noise = random.nextDouble() * 0.04 - 0.02;
        values.add(new RunAggregator.PromptValue(variant, "jaccard_1", prompt, jaccard + noise));
        values.add(new RunAggregator.PromptValue(variant, "jaccard_2", prompt, jaccard / 2 + noise / 2));
        values.add(new RunAggregator.PromptValue(variant, "distinct_1", prompt, distinct - noise));
        values.add(new RunAggregator.PromptValue(variant, "self_bleu", prompt, selfBleu + noise));
        values.add(new RunAggregator.PromptValue(variant, "mean_tokens", prompt, tokens + 400 * noise));
        values.add(new RunAggregator.PromptValue(variant, "pair_jaccard_1", prompt, pair + noise));
        values.add(new RunAggregator.PromptValue(variant, "pair_rouge_l", prompt, pair + 0.05 + noise));
    }

    /** {@code run} under id {@code runId}, listing {@code promptIds} as its prompts; its values are left as they are. */
    static ReportData withPrompts(ReportData run, String runId, List<String> promptIds) {
        return new ReportData(
                runId,
                run.reference(),
                run.variants(),
                run.aggregate(),
                run.promptValues(),
                run.distributions(),
                run.recovery(),
                promptIds,
                run.resamples(),
                run.seed(),
                run.renderedAt(),
                run.tokenShift());
    }

    /** Prompt "7" of run "run-1", its reference variant "chat", between prompts "6" and "8", with {@code sets}. */
    static PromptPage.PromptView prompt7(PromptPage.SetView... sets) {
        return new PromptPage.PromptView("run-1", "7", "chat", List.of(sets), "6", "8");
    }

    /** A generated set of {@code variant} for the prompt page, with its samples and values. */
    static PromptPage.SetView generatedSet(
            String variant, boolean reference, List<PromptPage.SampleView> samples, List<PromptPage.ValueView> values) {
        return new PromptPage.SetView(variant, reference, "generated", null, samples, values);
    }
}

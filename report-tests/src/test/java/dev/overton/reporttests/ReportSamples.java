package dev.overton.reporttests;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import dev.overton.contracts.RecoveryReport;
import dev.overton.contracts.SchemaVersions;
import dev.overton.scorer.report.PromptPage;
import dev.overton.scorer.report.ReportData;
import dev.overton.scorer.scoring.RunAggregator;

/**
 * A made-up run shaped like the paper's LIMA-OE comparison: a base model, two in-context variants and the chat model
 * as the aligned reference, 50 prompts, every plotted kind of value (diversity, pair similarity, coverage, judge
 * scores, a recovery report). Values come from a seeded generator around LIMA-OE-like means, so the page and its
 * screenshot are the same on every run; aggregates are computed by the scorer's own {@link RunAggregator}.
 */
final class ReportSamples {

    static final String BASE = "llama-2-base";
    static final String ICL = "llama-2-icl-chat";
    static final String SUMMARY = "llama-2-icl-chat-summary";
    static final String CHAT = "llama-2-chat";
    static final List<String> VARIANTS = List.of(BASE, ICL, SUMMARY, CHAT);
    static final int PROMPTS = 50;

    /** The plotted diversity metrics, with each variant's mean (base, icl, summary, chat). */
    static final Map<String, double[]> DIVERSITY = Map.ofEntries(
            Map.entry("jaccard_1", new double[] {0.089, 0.17, 0.21, 0.279}),
            Map.entry("jaccard_2", new double[] {0.018, 0.05, 0.07, 0.11}),
            Map.entry("jaccard_1_stem", new double[] {0.10, 0.19, 0.23, 0.30}),
            Map.entry("distinct_1", new double[] {0.52, 0.41, 0.37, 0.30}),
            Map.entry("distinct_2", new double[] {0.86, 0.72, 0.66, 0.55}),
            Map.entry("self_bleu", new double[] {0.11, 0.21, 0.26, 0.34}),
            Map.entry("homogenization_rougel", new double[] {0.16, 0.24, 0.27, 0.33}),
            Map.entry("compression_ratio", new double[] {2.6, 3.1, 3.3, 3.8}),
            Map.entry("self_repetition", new double[] {0.9, 2.0, 2.4, 3.1}),
            Map.entry("ngram_diversity", new double[] {2.9, 2.5, 2.3, 2.0}),
            Map.entry("distinct_prefix_share", new double[] {0.98, 0.8, 0.7, 0.42}));

    /** The pair metrics, with each non-reference variant's mean and the reference's (the ceiling) last. */
    static final Map<String, double[]> PAIRS = Map.of(
            "pair_jaccard_1", new double[] {0.10, 0.19, 0.23, 0.31},
            "pair_rouge_l", new double[] {0.12, 0.20, 0.24, 0.30},
            "bertscore_f1", new double[] {0.83, 0.86, 0.87, 0.88});

    private ReportSamples() {}

    static ReportData run() {
        SplittableRandom random = new SplittableRandom(20240625L);
        List<RunAggregator.PromptValue> values = new ArrayList<>();
        List<ReportData.DistributionValue> distributions = new ArrayList<>();
        List<String> prompts = new ArrayList<>();
        for (int p = 0; p < PROMPTS; p++) {
            String prompt = String.valueOf(p);
            prompts.add(prompt);
            for (int v = 0; v < VARIANTS.size(); v++) {
                String variant = VARIANTS.get(v);
                int index = v;
                DIVERSITY.forEach((metric, means) -> values.add(new RunAggregator.PromptValue(
                        variant, metric, prompt, means[index] * (1 + 0.35 * (random.nextDouble() - 0.5)))));
                PAIRS.forEach((metric, means) -> values.add(new RunAggregator.PromptValue(
                        variant, metric, prompt, means[index] * (1 + 0.4 * (random.nextDouble() - 0.5)))));
                double tokens = new double[] {230, 330, 360, 420}[v];
                values.add(new RunAggregator.PromptValue(
                        variant, "mean_tokens", prompt, tokens * (0.5 + random.nextDouble())));
                if (!variant.equals(BASE)) {
                    distributions.add(new ReportData.DistributionValue(
                            variant,
                            "overton_coverage_aligned",
                            prompt,
                            0,
                            Math.min(1, new double[] {0, 0.3, 0.35, 0.45}[v] + 0.3 * random.nextDouble())));
                }
                distributions.add(new ReportData.DistributionValue(
                        variant, "judge_helpfulness", prompt, 0, Math.min(5, 1 + v + random.nextInt(3))));
            }
            distributions.add(new ReportData.DistributionValue(
                    BASE, "overton_coverage_base_self", prompt, null, 0.15 + 0.25 * random.nextDouble()));
        }
        RunAggregator.RunAggregate aggregate = RunAggregator.aggregate(values, CHAT, 2000, 20240625L);
        List<RecoveryReport.Recovery> recoveries = new ArrayList<>();
        for (String measure : List.of("bertscore_f1", "pair_jaccard_1", "pair_rouge_l")) {
            double[] means = PAIRS.get(measure);
            for (int v = 0; v < 3; v++) {
                double ratio = means[v] / means[3];
                double high = ratio + (v == 2 && measure.equals("bertscore_f1") ? 0.03 : 0.05);
                recoveries.add(new RecoveryReport.Recovery(
                        VARIANTS.get(v), measure, ratio, ratio - 0.05, high, high >= 1, PROMPTS, null));
            }
        }
        return new ReportData(
                "3f2c9a1e-report-fixture",
                CHAT,
                List.of(
                        new ReportData.VariantSummary(BASE, false, PROMPTS, 0),
                        new ReportData.VariantSummary(ICL, false, PROMPTS - 2, 2),
                        new ReportData.VariantSummary(SUMMARY, false, PROMPTS, 0),
                        new ReportData.VariantSummary(CHAT, true, PROMPTS, 0)),
                aggregate,
                values,
                distributions,
                new RecoveryReport(
                        SchemaVersions.V1,
                        "3f2c9a1e-report-fixture",
                        CHAT,
                        recoveries,
                        Instant.parse("2026-11-27T14:40:00Z")),
                prompts,
                2000,
                20240625L,
                Instant.parse("2026-11-27T14:41:00Z"));
    }

    /** Prompt 0's sets: responses with markup in them (escaped on the page), and a failed set. */
    static PromptPage.PromptView prompt() {
        List<PromptPage.SetView> sets = List.of(
                new PromptPage.SetView(
                        BASE,
                        false,
                        "generated",
                        null,
                        List.of(
                                new PromptPage.SampleView(0, "Avoid antibiotics unless the infection is bacterial."),
                                new PromptPage.SampleView(1, "<script>alert('not run')</script> Zinc may help."),
                                new PromptPage.SampleView(2, "Rest.\n\nDrink fluids.")),
                        List.of(
                                new PromptPage.ValueView("jaccard_1", null, null, 0.071, null),
                                new PromptPage.ValueView("pair_jaccard_1", 0, CHAT, 0.12, null))),
                new PromptPage.SetView(ICL, false, "failed", "HTTP 400: prompt too long <4096>", List.of(), List.of()),
                new PromptPage.SetView(
                        CHAT,
                        true,
                        "generated",
                        null,
                        List.of(
                                new PromptPage.SampleView(0, "Sure! Here are some tips:\n1. Rest\n2. Fluids"),
                                new PromptPage.SampleView(1, "Sure! Here are some tips:\n1. Rest\n2. Honey")),
                        List.of(new PromptPage.ValueView("jaccard_1", null, null, 0.31, null))));
        return new PromptPage.PromptView("3f2c9a1e-report-fixture", "0", CHAT, sets, null, "1");
    }
}

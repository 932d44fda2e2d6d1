package dev.overton.scorer.report;

import static dev.overton.scorer.report.ReportPageTest.count;
import static dev.overton.scorer.report.ReportPageTest.section;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.overton.scorer.scoring.RunAggregator;

/** The report's judge section once judge values are stored: interval charts, the quality table, score histograms. */
class JudgeSectionTest {

    private static final String BASE = ReportFixtures.BASE;
    private static final String ICL = ReportFixtures.ICL;
    private static final String CHAT = ReportFixtures.CHAT;

    /** The fixture run plus judge values: missing-info and topics per pair, quality per set, histogram values. */
    private static ReportData withJudge() {
        ReportData run = ReportFixtures.run(false);
        SplittableRandom random = new SplittableRandom(11);
        List<RunAggregator.PromptValue> values = new ArrayList<>(run.promptValues());
        List<ReportData.DistributionValue> distributions = new ArrayList<>();
        for (String prompt : run.promptIds()) {
            for (String variant : List.of(BASE, ICL, CHAT)) {
                double missing = variant.equals(CHAT) ? 1.2 : variant.equals(ICL) ? 2.0 : 2.4;
                values.add(new RunAggregator.PromptValue(
                        variant, "judge_missing_info", prompt, missing + random.nextDouble() * 0.4));
                values.add(new RunAggregator.PromptValue(
                        variant, "judge_topics_candidate_share", prompt, 0.3 + random.nextDouble() * 0.3));
                values.add(new RunAggregator.PromptValue(
                        variant, "judge_quality_mean", prompt, 3 + random.nextDouble() * 2));
                for (String aspect : ReportMetrics.QUALITY_ASPECTS) {
                    values.add(new RunAggregator.PromptValue(variant, aspect, prompt, 1 + random.nextInt(5)));
                }
                distributions.add(new ReportData.DistributionValue(
                        variant, "judge_missing_info", prompt, 0, 1 + random.nextInt(5)));
                distributions.add(new ReportData.DistributionValue(
                        variant, "judge_topics_candidate_share", prompt, 0, random.nextDouble()));
            }
        }
        return new ReportData(
                run.runId(),
                run.reference(),
                run.variants(),
                RunAggregator.aggregate(values, CHAT, 500, 20240625L),
                values,
                distributions,
                null,
                run.promptIds(),
                run.resamples(),
                run.seed(),
                run.renderedAt());
    }

    @Test
    void drawsMeansWithIntervalsPerVariantWithTheAlignedModelAsTheCeilingOfPairJudgements() {
        String judge = section(ReportPage.render(withJudge()), "judge");

        assertThat(judge).doesNotContain("not computed");
        String missing = figure(judge, "judge_missing_info");
        // pair judgement: base and icl are rows, chat (samples 1..N-1 against its sample 0) the ceiling
        assertThat(count(missing, "class=\"mark ci-bar\"")).isEqualTo(2);
        assertThat(missing).contains("class=\"ref-line ceiling\"").doesNotContain("data-variant=\"llama-2-chat\"");
        // quality is about each variant's own sample 0: every variant is a row
        assertThat(count(figure(judge, "judge_quality_mean"), "class=\"mark ci-bar\""))
                .isEqualTo(3);
        assertThat(figure(judge, "judge_topics_candidate_share")).contains("data-variant=\"llama-2-base\"");
    }

    @Test
    void listsThePapersQualityFigureAsTheMeanOfTheAspectMeans() {
        ReportData data = withJudge();
        String judge = section(ReportPage.render(data), "judge");

        double sum = 0;
        for (RunAggregator.MetricAggregate m : data.aggregate().metrics()) {
            if (m.variant().equals(BASE) && ReportMetrics.QUALITY_ASPECTS.contains(m.metric())) {
                sum += m.estimate().mean();
            }
        }
        assertThat(judge).contains("class=\"aggregates judge-quality\"");
        assertThat(judge).contains("data-value=\"" + sum / 5 + "\"");
    }

    @Test
    void drawsHistogramsOfScoresButNotOfShares() {
        String judge = section(ReportPage.render(withJudge()), "judge");

        // judge_missing_info scores 1..5: 5 bins x 3 variants; shares have their interval chart only
        assertThat(count(judge, "class=\"mark hist-bar\"")).isEqualTo(15);
        assertThat(judge).contains("id=\"chart-judge-judge_missing_info\"");
    }

    private static String figure(String html, String metric) {
        int start = html.indexOf("<figure id=\"chart-judge-" + metric + "\"");
        assertThat(start).as("chart of " + metric).isNotNegative();
        String figure = html.substring(start, html.indexOf("</figure>", start));
        assertThat(figure).as("interval chart of " + metric).contains("interval-chart");
        return figure;
    }
}

package dev.overton.scorer.report.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class DistributionChartsTest {

    private static final double DELTA = 1e-12;

    @Test
    void quartilesInterpolateLinearlyAsNumpyDoes() {
        double[] sorted = {1, 2, 3, 4};

        // numpy.percentile([1, 2, 3, 4], [25, 50, 75]) = [1.75, 2.5, 3.25]
        assertThat(Quantiles.of(sorted, 0.25)).isCloseTo(1.75, within(DELTA));
        assertThat(Quantiles.of(sorted, 0.5)).isCloseTo(2.5, within(DELTA));
        assertThat(Quantiles.of(sorted, 0.75)).isCloseTo(3.25, within(DELTA));
    }

    @Test
    void boxPlotDrawsBoxMedianWhiskerPerSeriesAndTukeyOutliers() {
        String svg = new BoxPlotChart("overton_coverage_aligned", "Coverage", "share")
                .domain(0, 1)
                .series("chat", new double[] {0.40, 0.42, 0.44, 0.46, 0.48, 0.99}, Palette.REFERENCE)
                .series("base", new double[] {0.1, 0.2, 0.3}, "#0072B2")
                .series("empty", new double[] {}, "#000")
                .render();

        assertThat(count(svg, "class=\"mark box\"")).isEqualTo(2);
        assertThat(count(svg, "class=\"mark median\"")).isEqualTo(2);
        assertThat(count(svg, "class=\"mark whisker\"")).isEqualTo(2);
        // chat: q1 0.425, q3 0.475, fence 0.55: 0.99 is the one outlier
        assertThat(count(svg, "class=\"mark outlier\"")).isEqualTo(1);
        assertThat(svg).contains("no values");
    }

    @Test
    void judgeScoresGetOneBinPerIntegerAndEveryVariantABarInEveryBin() {
        List<HistogramChart.Bin> bins = HistogramChart.bins(new double[] {1, 2, 2, 5});
        assertThat(bins).extracting(HistogramChart.Bin::label).containsExactly("1", "2", "3", "4", "5");
        assertThat(HistogramChart.counts(new double[] {1, 2, 2, 5}, bins)).containsExactly(1, 2, 0, 0, 1);

        String svg = new HistogramChart("judge_helpfulness", "Helpfulness", "score")
                .series("base", new double[] {1, 2, 2, 5}, "#0072B2")
                .series("chat", new double[] {4, 5, 5}, Palette.REFERENCE)
                .render();

        assertThat(count(svg, "class=\"mark hist-bar\"")).isEqualTo(2 * 5);
        assertThat(svg)
                .contains("data-variant=\"chat\" data-metric=\"judge_helpfulness\" data-bin=\"5\" data-count=\"2\"");
    }

    @Test
    void continuousValuesGetTenBinsAndTheMaximumFallsInTheLast() {
        double[] values = {0.0, 0.05, 0.5, 1.0};
        List<HistogramChart.Bin> bins = HistogramChart.bins(values);

        assertThat(bins).hasSize(10);
        assertThat(HistogramChart.counts(values, bins)).containsExactly(2, 0, 0, 0, 0, 1, 0, 0, 0, 1);
    }

    private static int count(String text, String needle) {
        return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }
}

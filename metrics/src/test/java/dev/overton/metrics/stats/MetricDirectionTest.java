package dev.overton.metrics.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricDirectionTest {

    @Test
    void similarityWithinASetReadsHigherAsLessDiverseAndWorse() {
        MetricDirection jaccard = MetricDirection.of("jaccard_1");

        assertThat(jaccard.words(0.02)).isEqualTo("less diverse");
        assertThat(jaccard.words(-0.02)).isEqualTo("more diverse");
        assertThat(jaccard.words(0)).isEqualTo("no change");
        assertThat(jaccard.isWorse(0.02)).isTrue();
        assertThat(jaccard.isWorse(-0.02)).isFalse();
    }

    @Test
    void diversityScoresReadLowerAsLessDiverseAndWorse() {
        MetricDirection vendi = MetricDirection.of("embedding_vendi_score");

        assertThat(vendi.words(-0.5)).isEqualTo("less diverse");
        assertThat(vendi.isWorse(-0.5)).isTrue();
        assertThat(MetricDirection.of("overton_coverage_aligned").isWorse(-0.1)).isTrue();
    }

    @Test
    void pairSimilarityReadsAsClosenessToTheAlignedModelWithoutAWorseWay() {
        MetricDirection pair = MetricDirection.of("pair_jaccard_1");

        assertThat(pair.words(0.1)).isEqualTo("closer to the aligned model");
        assertThat(pair.words(-0.1)).isEqualTo("further from the aligned model");
        assertThat(pair.worse()).isEqualTo(MetricDirection.Worse.NEITHER);
        assertThat(pair.isWorse(0.1)).isFalse();
        assertThat(pair.isWorse(-0.1)).isFalse();
    }

    @Test
    void anUndocumentedMetricReadsHigherOrLowerAndIsNeverWorse() {
        MetricDirection unknown = MetricDirection.of("judge_topics_count");

        assertThat(MetricDirection.documented("judge_topics_count")).isFalse();
        assertThat(unknown.words(1)).isEqualTo("higher");
        assertThat(unknown.words(Double.NaN)).isEqualTo("undefined");
        assertThat(unknown.isWorse(1)).isFalse();
    }
}

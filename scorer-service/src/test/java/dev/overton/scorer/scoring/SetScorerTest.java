package dev.overton.scorer.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.Sample;
import dev.overton.contracts.ScoreValue;
import dev.overton.contracts.spec.MeasureGroup;

class SetScorerTest {

    private static final double DELTA = 1e-12;

    private static ScoreValue setValue(List<ScoreValue> values, String metric) {
        return values.stream()
                .filter(v -> v.metric().equals(metric) && v.sample() == null)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void setValuesAreJaccardAndMeanLengths() {
        // Worked by hand with NLTK's rules: tokens [Cats, chase, mice, .] and [Cats, chase, dogs, .]; stopword-free
        // content bags {Cats, chase, mice} and {Cats, chase, dogs}: J1 = 2/4; bigrams {Cats chase, chase mice} and
        // {Cats chase, chase dogs}: J2 = 1/3; 4 tokens each; 16 characters each.
        List<ScoreValue> values = SetScorer.score(
                List.of(new Sample(0, "Cats chase mice.", null), new Sample(1, "Cats chase dogs.", null)));

        assertThat(setValue(values, MetricNames.JACCARD_1).value()).isCloseTo(0.5, within(DELTA));
        assertThat(setValue(values, MetricNames.JACCARD_2).value()).isCloseTo(1.0 / 3, within(DELTA));
        assertThat(setValue(values, MetricNames.JACCARD_1_STEM).value()).isCloseTo(0.5, within(DELTA));
        assertThat(setValue(values, MetricNames.MEAN_TOKENS).value()).isCloseTo(4.0, within(DELTA));
        assertThat(setValue(values, MetricNames.MEAN_CHARS).value()).isCloseTo(16.0, within(DELTA));
        assertThat(values)
                .filteredOn(v -> v.metric().equals(MetricNames.LENGTH_CHARS))
                .extracting(ScoreValue::sample, ScoreValue::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, 16.0), org.assertj.core.groups.Tuple.tuple(1, 16.0));
    }

    @Test
    void diversitySuiteValuesAreServedWithTheirSettings() {
        List<ScoreValue> values = SetScorer.score(
                List.of(new Sample(0, "Cats chase mice.", null), new Sample(1, "Cats chase dogs.", null)));

        // distinct-1 over the pooled tokens [Cats, chase, mice, ., Cats, chase, dogs, .]: 5 unique / 8 (by hand)
        assertThat(setValue(values, "distinct_1").value()).isCloseTo(5.0 / 8, within(DELTA));
        assertThat(values)
                .extracting(ScoreValue::metric)
                .contains("self_bleu", "compression_ratio", "homogenization_rougel", "abstention_share");
        assertThat(values).allSatisfy(v -> assertThat(v.settings()).isNotBlank());
    }

    @Test
    void singleSampleGivesUndefinedJaccardWithAReason() {
        ScoreValue jaccard = setValue(SetScorer.score(List.of(new Sample(0, "a b", null))), MetricNames.JACCARD_1);

        assertThat(jaccard.value()).isNull();
        assertThat(jaccard.reason()).isEqualTo("fewer than two samples");
        assertThat(jaccard.settings()).contains("tokenizer=nltk");
    }

    @Test
    void eachGroupComputesOnlyItsOwnValuesAndTogetherTheyGiveEveryValue() {
        List<Sample> samples =
                List.of(new Sample(0, "Cats chase mice.", null), new Sample(1, "Cats chase dogs.", null));

        List<ScoreValue> all = SetScorer.score(samples);
        List<ScoreValue> lexical = SetScorer.score(samples, EnumSet.of(MeasureGroup.LEXICAL));
        List<ScoreValue> diversity = SetScorer.score(samples, EnumSet.of(MeasureGroup.DIVERSITY));

        assertThat(lexical)
                .extracting(ScoreValue::metric)
                .containsOnly(
                        MetricNames.JACCARD_1,
                        MetricNames.JACCARD_2,
                        MetricNames.JACCARD_1_STEM,
                        MetricNames.MEAN_TOKENS,
                        MetricNames.MEAN_CHARS,
                        MetricNames.LENGTH_TOKENS,
                        MetricNames.LENGTH_CHARS);
        assertThat(diversity).extracting(ScoreValue::metric).contains("distinct_1", "self_bleu");
        assertThat(diversity).extracting(ScoreValue::metric).doesNotContain(MetricNames.JACCARD_1);
        // The same values either way: choosing groups changes what is computed, never how.
        assertThat(all).containsExactlyInAnyOrderElementsOf(concat(lexical, diversity));
        assertThat(SetScorer.score(samples, EnumSet.of(MeasureGroup.BERTSCORE))).isEmpty();
    }

    private static List<ScoreValue> concat(List<ScoreValue> a, List<ScoreValue> b) {
        List<ScoreValue> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

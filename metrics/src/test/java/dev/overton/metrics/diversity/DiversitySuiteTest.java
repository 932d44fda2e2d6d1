package dev.overton.metrics.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DiversitySuiteTest {

    private static final double DELTA = 1e-12;

    private static final TokenizedSet SET = TokenizedSet.of(List.of(
            "As an AI language model, I think:\n1. Rest\n2. Water",
            "I think you should rest and drink water.",
            "- Rest\n- Water\n- Sleep"));

    @Test
    void returnsEveryMetricInDocumentedOrder() {
        assertThat(new DiversitySuite().score(SET).keySet()).containsExactlyElementsOf(DiversitySuite.METRIC_NAMES);
        assertThat(DiversitySuite.METRIC_NAMES).hasSize(15).doesNotHaveDuplicates();
    }

    @Test
    void valuesAreThoseOfTheIndividualMeasures() {
        Map<String, MetricValue> values = new DiversitySuite().score(SET);
        NgramIndex index = NgramIndex.of(SET, 4);
        assertThat(values.get(DiversitySuite.SELF_BLEU)).isEqualTo(SelfBleu.of(index));
        assertThat(values.get(DiversitySuite.DISTINCT_3)).isEqualTo(DistinctN.of(index, 3));
        assertThat(values.get(DiversitySuite.HOMOGENIZATION_ROUGEL)).isEqualTo(Homogenization.of(SET));
        // list counts by hand: numbered 2 + 0 + 0, bullets 0 + 0 + 3, abstention 1 of 3
        assertThat(values.get(DiversitySuite.NUMBERED_LIST_ITEMS).value()).isCloseTo(2.0 / 3, within(DELTA));
        assertThat(values.get(DiversitySuite.BULLET_LIST_ITEMS).value()).isCloseTo(1.0, within(DELTA));
        assertThat(values.get(DiversitySuite.ABSTENTION_SHARE).value()).isCloseTo(1.0 / 3, within(DELTA));
    }

    @Test
    void prefixLengthIsConfigurable() {
        // "i think so" and "i think not" agree in their first 8 characters and differ in the 9th (by hand)
        TokenizedSet set = TokenizedSet.of(List.of("I think so", "I think not"));
        assertThat(new DiversitySuite(8)
                        .score(set)
                        .get(DiversitySuite.DISTINCT_PREFIX_SHARE)
                        .value())
                .isCloseTo(0.5, within(DELTA));
        assertThat(new DiversitySuite(9)
                        .score(set)
                        .get(DiversitySuite.DISTINCT_PREFIX_SHARE)
                        .value())
                .isCloseTo(1.0, within(DELTA));
    }

    @Test
    void singleSampleLeavesPairwiseMeasuresUndefinedAndPooledOnesDefined() {
        Map<String, MetricValue> values = new DiversitySuite().score(TokenizedSet.of(List.of("One answer, one view.")));
        for (String pairwise : List.of(
                DiversitySuite.LENGTH_DIFF_TOKENS,
                DiversitySuite.LENGTH_DIFF_CHARS,
                DiversitySuite.DISTINCT_PREFIX_SHARE,
                DiversitySuite.SELF_BLEU,
                DiversitySuite.SELF_REPETITION,
                DiversitySuite.HOMOGENIZATION_ROUGEL)) {
            assertThat(values.get(pairwise).reason()).as(pairwise).isEqualTo("fewer than two samples");
        }
        for (String pooled : List.of(
                DiversitySuite.NUMBERED_LIST_ITEMS,
                DiversitySuite.ABSTENTION_SHARE,
                DiversitySuite.DISTINCT_1,
                DiversitySuite.DISTINCT_4,
                DiversitySuite.COMPRESSION_RATIO,
                DiversitySuite.NGRAM_DIVERSITY)) {
            assertThat(values.get(pooled).defined()).as(pooled).isTrue();
        }
    }

    @Test
    void allEmptyTextsGiveReasonsNotNumbers() {
        Map<String, MetricValue> values = new DiversitySuite().score(TokenizedSet.of(List.of("", "")));
        assertThat(values.get(DiversitySuite.LENGTH_DIFF_TOKENS).value()).isZero();
        assertThat(values.get(DiversitySuite.DISTINCT_1).reason()).isEqualTo("every sample is empty");
        assertThat(values.get(DiversitySuite.SELF_BLEU).reason()).isEqualTo("every sample is empty");
        assertThat(values.get(DiversitySuite.COMPRESSION_RATIO).reason()).isEqualTo("every sample is empty");
        assertThat(values.get(DiversitySuite.HOMOGENIZATION_ROUGEL).reason())
                .isEqualTo("every pair of samples is empty");
        assertThat(values.get(DiversitySuite.SELF_REPETITION).value()).isZero();
    }

    @Test
    void clockHearsEveryMetricAndTheSharedIndex() {
        List<String> steps = new ArrayList<>();
        new DiversitySuite().score(SET, (step, nanos) -> steps.add(step));
        assertThat(steps).containsAll(DiversitySuite.METRIC_NAMES).contains(DiversitySuite.NGRAM_INDEX_STEP);
        assertThat(steps).hasSize(DiversitySuite.METRIC_NAMES.size() + 1);
    }
}

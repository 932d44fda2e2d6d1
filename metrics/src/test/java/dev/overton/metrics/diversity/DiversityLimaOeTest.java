package dev.overton.metrics.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.overton.metrics.LimaOeFixture;
import dev.overton.metrics.LimaOeFixture.SampleSet;

/**
 * The diversity suite on the paper's released LIMA-OE generations (read in place from {@code ../shared}; skipped when
 * absent).
 *
 * <p>Where the expected numbers come from: Python 3.11 run by the author of this test on the same texts and on this
 * project's NLTK tokens of them (which equal NLTK's own, see {@code LimaOeReferenceValuesTest}): {@code self_bleu} by
 * NLTK 3.8's {@code sentence_bleu} with {@code SmoothingFunction().method1}, {@code compression_ratio} by CPython's
 * {@code gzip.compress(raw, 9)}, {@code self_repetition} by Shaib et al.'s {@code self_repetition_score} formula, the
 * others by a direct Python transcription of the definitions in the Javadoc (ROUGE-L by a textbook LCS, list items and
 * abstention by regular expressions). Python and this implementation agreed within 1e-15 on every one of the 1,650
 * sample sets of the 34 fixture variants.
 */
class DiversityLimaOeTest {

    private static final double DELTA = 1e-9;

    private Path fixture;

    @BeforeEach
    void locateFixture() {
        fixture = LimaOeFixture.assumePresent();
    }

    private Map<String, MetricValue> promptZero(String variant) {
        SampleSet set = LimaOeFixture.sampleSets(fixture, variant).get(0);
        return new DiversitySuite().score(TokenizedSet.of(set.texts()));
    }

    @Test
    void llama2ChatPromptZeroMatchesTheReferenceImplementations() {
        Map<String, MetricValue> values = promptZero("llama-2-chat");
        assertThat(values.get("length_diff_tokens").value()).isCloseTo(66.8, within(DELTA));
        assertThat(values.get("length_diff_chars").value()).isCloseTo(346.6, within(DELTA));
        assertThat(values.get("distinct_prefix_share").value()).isCloseTo(0.6, within(DELTA));
        assertThat(values.get("numbered_list_items").value()).isCloseTo(8.8, within(DELTA));
        assertThat(values.get("bullet_list_items").value()).isCloseTo(1.6, within(DELTA));
        assertThat(values.get("abstention_share").value()).isZero();
        assertThat(values.get("distinct_1").value()).isCloseTo(0.20403413498836306, within(DELTA));
        assertThat(values.get("distinct_2").value()).isCloseTo(0.5126311698406529, within(DELTA));
        assertThat(values.get("distinct_3").value()).isCloseTo(0.6721183800623053, within(DELTA));
        assertThat(values.get("distinct_4").value()).isCloseTo(0.7604369879047991, within(DELTA));
        assertThat(values.get("self_bleu").value()).isCloseTo(0.510558121589163, within(DELTA));
        assertThat(values.get("compression_ratio").value()).isCloseTo(3.535660091047041, within(DELTA));
        assertThat(values.get("ngram_diversity").value()).isCloseTo(2.1492206727961203, within(DELTA));
        assertThat(values.get("self_repetition").value()).isCloseTo(5.841238454488224, within(DELTA));
        assertThat(values.get("homogenization_rougel").value()).isCloseTo(0.32804934114113526, within(DELTA));
    }

    @Test
    void llama2BasePromptZeroMatchesTheReferenceImplementations() {
        Map<String, MetricValue> values = promptZero("llama-2-base");
        assertThat(values.get("length_diff_tokens").value()).isCloseTo(73.0, within(DELTA));
        assertThat(values.get("distinct_prefix_share").value()).isCloseTo(1.0, within(DELTA));
        assertThat(values.get("distinct_1").value()).isCloseTo(0.47708333333333336, within(DELTA));
        assertThat(values.get("self_bleu").value()).isCloseTo(0.07500379550186809, within(DELTA));
        assertThat(values.get("compression_ratio").value()).isCloseTo(2.075109170305677, within(DELTA));
        assertThat(values.get("ngram_diversity").value()).isCloseTo(3.1634094781394118, within(DELTA));
        assertThat(values.get("self_repetition").value()).isCloseTo(1.083220080440884, within(DELTA));
        assertThat(values.get("homogenization_rougel").value()).isCloseTo(0.07273810160908054, within(DELTA));
    }

    @Test
    void alignedSetsAreLessDiverseThanBaseSetsOnEveryRepetitionMeasure() {
        // The paper's finding (aligned output is lexically more homogeneous), seen through every measure here.
        Map<String, Double> base = meansOverPrompts("llama-2-base");
        Map<String, Double> chat = meansOverPrompts("llama-2-chat");
        for (String lessDiverseWhenHigher :
                List.of("self_bleu", "compression_ratio", "self_repetition", "homogenization_rougel")) {
            assertThat(chat.get(lessDiverseWhenHigher))
                    .as(lessDiverseWhenHigher)
                    .isGreaterThan(base.get(lessDiverseWhenHigher));
        }
        for (String moreDiverseWhenHigher : List.of(
                "distinct_1", "distinct_2", "distinct_3", "distinct_4", "ngram_diversity", "distinct_prefix_share")) {
            assertThat(chat.get(moreDiverseWhenHigher))
                    .as(moreDiverseWhenHigher)
                    .isLessThan(base.get(moreDiverseWhenHigher));
        }
        // Python on the same data: llama-2-chat numbered items 9.888 per response vs 1.18 for the base model
        assertThat(chat.get("numbered_list_items")).isCloseTo(9.888, within(1e-9));
        assertThat(base.get("numbered_list_items")).isCloseTo(1.18, within(1e-9));
    }

    /** Mean over prompts of each defined value. */
    private Map<String, Double> meansOverPrompts(String variant) {
        DiversitySuite suite = new DiversitySuite();
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (SampleSet set : LimaOeFixture.sampleSets(fixture, variant)) {
            if (set.failed()) {
                continue;
            }
            suite.score(TokenizedSet.of(set.texts())).forEach((name, value) -> {
                if (value.defined()) {
                    double[] sum = sums.computeIfAbsent(name, k -> new double[2]);
                    sum[0] += value.value();
                    sum[1]++;
                }
            });
        }
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((name, sum) -> means.put(name, sum[0] / sum[1]));
        return means;
    }
}

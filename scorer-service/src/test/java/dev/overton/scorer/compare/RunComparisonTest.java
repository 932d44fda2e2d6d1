package dev.overton.scorer.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.overton.metrics.stats.DifferenceTest;

class RunComparisonTest {

    private static final double DELTA = 1e-12;

    @Test
    void aMetricAskedForButMissingOnOneSideGivesARowWithoutFiguresAndWithoutAQValue() {
        List<PromptValue> a = new ArrayList<>();
        List<PromptValue> b = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            a.add(new PromptValue("base", "jaccard_1", "p" + k, 0.1 * k));
            b.add(new PromptValue("base", "jaccard_1", "p" + k, 0.1 * k + 0.05));
            b.add(new PromptValue("base", "distinct_2", "p" + k, 0.5));
        }
        CompareQuery query = CompareQuery.parse("a", "b", null, "jaccard_1,distinct_2");

        Comparison comparison = RunComparison.compare(query, a, b, DifferenceTest.Settings.DEFAULT);

        ComparisonRow jaccard = comparison.rows().get(0);
        ComparisonRow distinct = comparison.rows().get(1);
        // by hand: +0.05 on each of 3 prompts: only "all +" and "all −" of 8 sign assignments reach 0.15: p = 1/4;
        // it is the only row with a p-value, so q = p
        assertThat(jaccard.difference()).isCloseTo(0.05, within(DELTA));
        assertThat(jaccard.p()).isCloseTo(0.25, within(DELTA));
        assertThat(jaccard.q()).isCloseTo(0.25, within(DELTA));
        assertThat(distinct.metric()).isEqualTo("distinct_2");
        assertThat(distinct.nA()).isZero();
        assertThat(distinct.difference()).isNull();
        assertThat(distinct.p()).isNull();
        assertThat(distinct.q()).isNull();
        assertThat(distinct.significant()).isFalse();
        assertThat(distinct.direction()).isEqualTo("undefined");
    }

    @Test
    void noCommonVariantNamesBothVariantLists() {
        List<PromptValue> a = List.of(new PromptValue("base", "jaccard_1", "p1", 0.1));
        List<PromptValue> b = List.of(new PromptValue("base-v2", "jaccard_1", "p1", 0.1));

        assertThatThrownBy(() -> RunComparison.compare(
                        CompareQuery.parse("a", "b", null, null), a, b, DifferenceTest.Settings.DEFAULT))
                .isInstanceOf(CompareProblem.class)
                .hasMessageContaining("a has [base], b has [base-v2]")
                .extracting(e -> ((CompareProblem) e).parameter())
                .isEqualTo("map");
    }

    @Test
    void aMapNamingAVariantTwiceIsRefused() {
        assertThatThrownBy(() -> CompareQuery.parse("a", "b", "base:x,base:y", null))
                .isInstanceOf(CompareProblem.class)
                .hasMessageContaining("'base' of run a twice");
        assertThatThrownBy(() -> CompareQuery.parse("a", "b", "base:x,chat:x", null))
                .isInstanceOf(CompareProblem.class)
                .hasMessageContaining("'x' of run b twice");
        assertThat(CompareQuery.parse("a", "b", "base:x,chat:y", null).map())
                .isEqualTo(Map.of("base", "x", "chat", "y"));
    }
}

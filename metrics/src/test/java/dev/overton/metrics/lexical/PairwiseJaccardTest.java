package dev.overton.metrics.lexical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PairwiseJaccardTest {

    private static final double DELTA = 1e-12;

    @Test
    void jaccardIsIntersectionOverUnion() {
        // {a,b,c} ∩ {b,c,d} = {b,c}; union = {a,b,c,d}: 2/4, worked by hand.
        assertThat(PairwiseJaccard.jaccard(Set.of("a", "b", "c"), Set.of("b", "c", "d")))
                .isCloseTo(0.5, within(DELTA));
    }

    @Test
    void jaccardOfOneEmptySetIsZero() {
        assertThat(PairwiseJaccard.jaccard(Set.of(), Set.of("a"))).isZero();
    }

    @Test
    void jaccardOfTwoEmptySetsIsUndefined() {
        assertThat(PairwiseJaccard.jaccard(Set.of(), Set.of())).isNaN();
    }

    @Test
    void meanAveragesAllUnorderedPairs() {
        // pairs: (ab,ab)=1, (ab,ac)=1/3, (ab,ac)=1/3 -> mean 5/9
        List<Set<String>> bags = List.of(Set.of("a", "b"), Set.of("a", "b"), Set.of("a", "c"));
        assertThat(PairwiseJaccard.mean(bags)).isCloseTo(5.0 / 9.0, within(DELTA));
    }

    @Test
    void jaccardSkipsPairsWhereBothSetsAreEmpty() {
        // pairs: (x,∅)=0, (x,∅)=0, (∅,∅) skipped -> mean 0 over two pairs; a third identical bag would change it
        List<Set<String>> bags = List.of(Set.of("x"), Set.of(), Set.of());
        assertThat(PairwiseJaccard.mean(bags)).isZero();
        List<Set<String>> withSame = List.of(Set.of("x"), Set.of("x"), Set.of(), Set.of());
        // pairs: (x,x)=1, four (x,∅)=0, (∅,∅) skipped -> 1/5
        assertThat(PairwiseJaccard.mean(withSame)).isCloseTo(0.2, within(DELTA));
    }

    @Test
    void singleSampleGivesUndefinedValueNotZero() {
        assertThat(PairwiseJaccard.mean(List.of(Set.of("a", "b")))).isNaN();
        assertThat(PairwiseJaccard.mean(List.<Set<String>>of())).isNaN();
    }

    @Test
    void allEmptySetsGiveUndefinedValue() {
        assertThat(PairwiseJaccard.mean(List.of(Set.of(), Set.of()))).isNaN();
    }
}

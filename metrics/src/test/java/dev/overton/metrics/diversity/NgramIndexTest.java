package dev.overton.metrics.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class NgramIndexTest {

    @Test
    void equalNgramsShareAnIdWithinAnOrder() {
        // "a b a b": bigrams ab, ba, ab -> ids 0, 1, 0; "a b c": ab, bc -> 0, 2 (worked by hand)
        NgramIndex index = NgramIndex.of(List.of(List.of("a", "b", "a", "b"), List.of("a", "b", "c")), 2);
        assertThat(index.ids(2, 0)).containsExactly(0, 1, 0);
        assertThat(index.ids(2, 1)).containsExactly(0, 2);
        assertThat(index.distinct(2)).isEqualTo(3);
        assertThat(index.total(2)).isEqualTo(5);
        assertThat(index.distinct(1)).isEqualTo(3);
        assertThat(index.total(1)).isEqualTo(7);
    }

    @Test
    void ngramsNeverSpanTwoResponses() {
        // "x" and "y" have no bigram each; joined they would have "x y"
        NgramIndex index = NgramIndex.of(List.of(List.of("x"), List.of("y")), 2);
        assertThat(index.total(2)).isZero();
        assertThat(index.ids(2, 0)).isEmpty();
    }

    @Test
    void tokensAreComparedWithCaseKept() {
        NgramIndex index = NgramIndex.of(List.of(List.of("The", "the")), 1);
        assertThat(index.distinct(1)).isEqualTo(2);
    }

    @Test
    void ordersOutsideTheIndexAreRejected() {
        NgramIndex index = NgramIndex.of(List.of(List.of("a")), 2);
        assertThatThrownBy(() -> index.ids(3, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NgramIndex.of(List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyDistinctNgramsKeepDenseIds() {
        // 10,000 distinct tokens force the id table to grow many times; ids must stay 0..n-1 in first-seen order
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            tokens.add("t" + i);
        }
        NgramIndex index = NgramIndex.of(List.of(tokens, tokens), 3);
        assertThat(index.distinct(3)).isEqualTo(9_998);
        assertThat(index.ids(3, 1)[9_997]).isEqualTo(9_997);
        assertThat(index.ids(3, 0)).isEqualTo(index.ids(3, 1));
    }
}

package dev.overton.semantic.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WindowPlanTest {

    @Test
    void shortTextIsOneWindow() {
        WindowPlan plan = WindowPlan.of(10, 510, WindowMode.SLIDING);

        assertThat(plan.windows()).isEqualTo(1);
        assertThat(plan.starts()).containsExactly(0);
        assertThat(plan.ends()).containsExactly(10);
        assertThat(plan.kept()).isEqualTo(10);
    }

    @Test
    void emptyTextStillGetsOneEmptyWindowSoSpecialTokensAreEncoded() {
        WindowPlan plan = WindowPlan.of(0, 510, WindowMode.SLIDING);

        assertThat(plan.windows()).isEqualTo(1);
        assertThat(plan.kept()).isZero();
    }

    @Test
    void slidingWindowsAdvanceByHalfAWindowAndTheLastIsAlignedWithTheEnd() {
        // capacity 10, stride 5, length 23: windows [0,10) [5,15) [10,20) and the last aligned at [13,23).
        WindowPlan plan = WindowPlan.of(23, 10, WindowMode.SLIDING);

        assertThat(plan.starts()).containsExactly(0, 5, 10, 13);
        assertThat(plan.ends()).containsExactly(10, 15, 20, 23);
    }

    @Test
    void everyTokenIsTakenFromTheWindowWhereItIsMostCentral() {
        WindowPlan plan = WindowPlan.of(23, 10, WindowMode.SLIDING);

        // Worked by hand: token 7 is 7 from the start of [0,10) (margin min(7,2)=2) and 2 into [5,15)
        // (margin min(2,7)=2): a tie, so the earlier window; token 8 has margin 1 in [0,10), 3 in [5,15).
        assertThat(plan.owner()[0]).isEqualTo(0);
        assertThat(plan.owner()[7]).isEqualTo(0);
        assertThat(plan.owner()[8]).isEqualTo(1);
        assertThat(plan.owner()[12]).isEqualTo(1);
        assertThat(plan.owner()[13]).isEqualTo(2);
        assertThat(plan.owner()[22]).isEqualTo(3);
        for (int p = 0; p < 23; p++) {
            int w = plan.owner()[p];
            assertThat(p).isBetween(plan.starts()[w], plan.ends()[w] - 1);
        }
    }

    @Test
    void tokensAwayFromTheTextsEndsKeepAQuarterWindowOfContextOnBothSides() {
        int capacity = 510;
        WindowPlan plan = WindowPlan.of(2000, capacity, WindowMode.SLIDING);

        for (int p = capacity / 4; p < 2000 - capacity / 4; p++) {
            int w = plan.owner()[p];
            assertThat(Math.min(p - plan.starts()[w], plan.ends()[w] - 1 - p)).isGreaterThanOrEqualTo(capacity / 4 - 1);
        }
    }

    @Test
    void truncationKeepsOnlyTheFirstWindow() {
        WindowPlan plan = WindowPlan.of(700, 510, WindowMode.TRUNCATE);

        assertThat(plan.windows()).isEqualTo(1);
        assertThat(plan.kept()).isEqualTo(510);
        assertThat(plan.ends()).containsExactly(510);
    }

    @Test
    void rejectsAWindowWithoutRoom() {
        assertThatThrownBy(() -> WindowPlan.of(5, 0, WindowMode.SLIDING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
    }
}

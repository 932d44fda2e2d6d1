package dev.overton.metrics.tokenshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AnswerShiftTest {

    private static final double DELTA = 1e-12;

    static List<RankedToken> ranks(int... ranks) {
        List<RankedToken> tokens = new ArrayList<>();
        for (int i = 0; i < ranks.length; i++) {
            tokens.add(new RankedToken("t" + i, -0.5, ranks[i]));
        }
        return tokens;
    }

    @Test
    void ranksOneTwoToThreeAndAboveThreeAreUnshiftedMarginalAndShifted() {
        assertThat(ShiftClass.ofRank(1)).isEqualTo(ShiftClass.UNSHIFTED);
        assertThat(ShiftClass.ofRank(2)).isEqualTo(ShiftClass.MARGINAL);
        assertThat(ShiftClass.ofRank(3)).isEqualTo(ShiftClass.MARGINAL);
        assertThat(ShiftClass.ofRank(4)).isEqualTo(ShiftClass.SHIFTED);
        assertThat(ShiftClass.ofRank(6)).isEqualTo(ShiftClass.SHIFTED);
        assertThatThrownBy(() -> ShiftClass.ofRank(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sharesAndMeanLogprobOfAHandWorkedAnswer() {
        // Five tokens, ranks 1 1 2 4 6 and logprobs -0.1 -0.2 -1.0 -2.5 -3.2 (by hand):
        // unshifted 2/5, marginal 1/5, shifted 2/5; mean logprob = -7.0 / 5 = -1.4.
        // E = ceil(5/10) = 1: the first token (rank 1) is not shifted → early 0/1; rest 2 of 4 shifted → 0.5.
        List<RankedToken> answer = List.of(
                new RankedToken("The", -0.1, 1),
                new RankedToken(" sky", -0.2, 1),
                new RankedToken(" is", -1.0, 2),
                new RankedToken(" certainly", -2.5, 4),
                new RankedToken("!", -3.2, 6));
        AnswerShift s = AnswerShift.of(answer);
        assertThat(s.tokens()).isEqualTo(5);
        assertThat(s.unshifted().value()).isCloseTo(0.4, within(DELTA));
        assertThat(s.marginal().value()).isCloseTo(0.2, within(DELTA));
        assertThat(s.shifted().value()).isCloseTo(0.4, within(DELTA));
        assertThat(s.meanLogprob().value()).isCloseTo(-1.4, within(DELTA));
        assertThat(s.shiftedEarly().value()).isCloseTo(0.0, within(DELTA));
        assertThat(s.shiftedRest().value()).isCloseTo(0.5, within(DELTA));
        assertThat(s.shifted().settings()).isEqualTo(AnswerShift.SETTINGS);
    }

    @Test
    void earlySpanIsTheCeilingOfATenthInIntegers() {
        assertThat(AnswerShift.earlyTokens(1)).isEqualTo(1);
        assertThat(AnswerShift.earlyTokens(9)).isEqualTo(1);
        assertThat(AnswerShift.earlyTokens(10)).isEqualTo(1);
        assertThat(AnswerShift.earlyTokens(11)).isEqualTo(2);
        // Math.ceil(0.1 * 30) is 4 in doubles (0.1 * 30 = 3.0000000000000004); the integer rule gives 3.
        assertThat(AnswerShift.earlyTokens(30)).isEqualTo(3);
        assertThat(AnswerShift.earlyTokens(31)).isEqualTo(4);
    }

    @Test
    void earlyShiftIsCountedOverTheFirstTenthOnly() {
        // T = 11 → E = 2. Ranks: 5 1 | 9 1 1 1 1 1 1 1 1. Early: 1 shifted of 2 = 0.5; rest: 1 of 9.
        AnswerShift s = AnswerShift.of(ranks(5, 1, 9, 1, 1, 1, 1, 1, 1, 1, 1));
        assertThat(s.shiftedEarly().value()).isCloseTo(0.5, within(DELTA));
        assertThat(s.shiftedRest().value()).isCloseTo(1.0 / 9, within(DELTA));
        assertThat(s.shifted().value()).isCloseTo(2.0 / 11, within(DELTA));
    }

    @Test
    void anEmptyAnswerHasEveryValueUndefinedWithTheReason() {
        AnswerShift s = AnswerShift.of(List.of());
        assertThat(s.tokens()).isZero();
        for (var v :
                List.of(s.unshifted(), s.marginal(), s.shifted(), s.meanLogprob(), s.shiftedEarly(), s.shiftedRest())) {
            assertThat(v.defined()).isFalse();
            assertThat(v.reason()).isEqualTo(AnswerShift.NO_TOKENS);
        }
    }

    @Test
    void aOneTokenAnswerHasNoRest() {
        AnswerShift s = AnswerShift.of(ranks(4));
        assertThat(s.shifted().value()).isEqualTo(1.0);
        assertThat(s.shiftedEarly().value()).isEqualTo(1.0);
        assertThat(s.shiftedRest().defined()).isFalse();
        assertThat(s.shiftedRest().reason()).isEqualTo(AnswerShift.NO_REST);
    }

    @Test
    void tiedCandidatesGiveTheTokenTheBestTiedRank() {
        // The token ties with the first choice (-0.7 twice): rank 1, whatever the listing order.
        assertThat(RankedToken.rankAmong(-0.7, new double[] {-0.7, -0.7, -1.2})).isEqualTo(1);
        assertThat(RankedToken.rankAmong(-0.7, new double[] {-1.2, -0.7, -0.7})).isEqualTo(1);
        // Two candidates strictly above, one tie: rank 3 (marginal).
        assertThat(RankedToken.rankAmong(-1.0, new double[] {-0.2, -0.5, -1.0, -1.0, -3.0}))
                .isEqualTo(3);
        // Below all five candidates of top-5: rank 6, shifted.
        assertThat(RankedToken.rankAmong(-9.0, new double[] {-0.2, -0.5, -1.0, -2.0, -3.0}))
                .isEqualTo(6);
    }

    @Test
    void aTokenRefusesARankBelowOneOrAPositiveLogprob() {
        assertThatThrownBy(() -> new RankedToken("a", -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RankedToken("a", 0.5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RankedToken("a", Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}

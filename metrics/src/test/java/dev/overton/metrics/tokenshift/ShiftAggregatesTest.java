package dev.overton.metrics.tokenshift;

import static dev.overton.metrics.tokenshift.AnswerShiftTest.ranks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class ShiftAggregatesTest {

    private static final double DELTA = 1e-12;

    @Test
    void profilePoolsTokensByRelativePosition() {
        // Two bins. Answer A, 4 tokens (ranks 9 1 1 9): bins {0,1} {2,3} → bin 0: 1 of 2 shifted, bin 1: 1 of 2.
        // Answer B, 2 tokens (ranks 9 9): bins {0} {1} → bin 0: 1 of 1, bin 1: 1 of 1.
        // Pooled (by hand): bin 0 = 2/3, bin 1 = 2/3.
        ShiftProfile p = ShiftProfile.of(List.of(ranks(9, 1, 1, 9), ranks(9, 9)), 2);
        assertThat(p.share(0)).isCloseTo(2.0 / 3, within(DELTA));
        assertThat(p.share(1)).isCloseTo(2.0 / 3, within(DELTA));
        assertThat(p.tokens()).containsExactly(3, 3);
    }

    @Test
    void profileLeavesBinsThatNoTokenReachedUndefined() {
        // Three tokens in ten bins: positions 0, 1, 2 fall in bins floor(0*10/3)=0, floor(10/3)=3, floor(20/3)=6.
        ShiftProfile p = ShiftProfile.of(List.of(ranks(4, 1, 1)), 10);
        assertThat(p.share(0)).isEqualTo(1.0);
        assertThat(p.share(3)).isEqualTo(0.0);
        assertThat(p.share(6)).isEqualTo(0.0);
        assertThat(p.share(1)).isNaN();
        assertThat(p.share(9)).isNaN();
    }

    @Test
    void profileOfAnEmptyAnswerCountsNothing() {
        ShiftProfile p = ShiftProfile.of(List.of(List.of()), 10);
        assertThat(p.tokens()).containsOnly(0L);
    }

    @Test
    void topShiftedTokensCountByExactTextAndBreakTiesByText() {
        List<List<RankedToken>> answers = List.of(
                List.of(
                        new RankedToken(" However", -4, 7),
                        new RankedToken("However", -4, 7),
                        new RankedToken(" the", -0.1, 1),
                        new RankedToken(" 😀", -6, 9)),
                List.of(new RankedToken(" However", -4, 5), new RankedToken("!", -5, 4)));
        // Shifted: " However" ×2, "However" ×1, " 😀" ×1, "!" ×1 → 5 in all (by hand).
        List<ShiftedTokens.TokenCount> top = ShiftedTokens.top(answers, 3);
        assertThat(top).extracting(ShiftedTokens.TokenCount::text).containsExactly(" However", " 😀", "!");
        // Ties at count 1 are ordered by code point: ' ' (U+0020) < '!' (U+0021) < 'H'.
        assertThat(top.get(0).count()).isEqualTo(2);
        assertThat(top.get(0).share()).isCloseTo(0.4, within(DELTA));
        assertThat(top.get(1).share()).isCloseTo(0.2, within(DELTA));
    }

    @Test
    void topShiftedTokensOfUnshiftedAnswersIsEmpty() {
        assertThat(ShiftedTokens.top(List.of(ranks(1, 2, 3)), 5)).isEmpty();
    }

    @Test
    void recoveryIsOneMinusTheRatioOfMeanShiftedShares() {
        // icl 0.1, 0.0, 0.2 (mean 0.1); plain 0.2, 0.2, 0.2 (mean 0.2): 1 - 0.1/0.2 = 0.5 (by hand).
        TokenRecovery r = TokenRecovery.of(new double[] {0.1, 0.0, 0.2}, new double[] {0.2, 0.2, 0.2});
        assertThat(r.recovery()).isCloseTo(0.5, within(DELTA));
        assertThat(r.n()).isEqualTo(3);
        assertThat(r.reason()).isNull();
        assertThat(r.low()).isLessThanOrEqualTo(r.recovery());
        assertThat(r.high()).isGreaterThanOrEqualTo(r.recovery());
        // The extremes: icl values 0.0 or 0.2 only, so every resample's ratio lies in [0, 1] and recovery too.
        assertThat(r.low()).isBetween(0.0, 1.0);
        assertThat(r.high()).isBetween(0.0, 1.0);
    }

    @Test
    void recoveryIntervalIsCollapsedWhenIclIsProportionalToPlain() {
        // icl = plain / 4 prompt by prompt: each joint resample has ratio 0.25, so recovery 0.75 with [0.75, 0.75].
        TokenRecovery r = TokenRecovery.of(new double[] {0.05, 0.1, 0.025}, new double[] {0.2, 0.4, 0.1});
        assertThat(r.recovery()).isCloseTo(0.75, within(DELTA));
        assertThat(r.low()).isCloseTo(0.75, within(DELTA));
        assertThat(r.high()).isCloseTo(0.75, within(DELTA));
    }

    @Test
    void recoveryIsNegativeWhenTheInContextPromptShiftsMore() {
        TokenRecovery r = TokenRecovery.of(new double[] {0.3}, new double[] {0.1});
        assertThat(r.recovery()).isCloseTo(-2.0, within(DELTA));
        assertThat(r.low()).isNull();
        assertThat(r.high()).isNull();
    }

    @Test
    void recoveryOfAnAllUnshiftedPlainContextIsNullWithTheReasonNeverNaN() {
        TokenRecovery r = TokenRecovery.of(new double[] {0.1, 0.0}, new double[] {0.0, 0.0});
        assertThat(r.recovery()).isNull();
        assertThat(r.low()).isNull();
        assertThat(r.high()).isNull();
        assertThat(r.reason()).isEqualTo(TokenRecovery.NOTHING_SHIFTED);
        assertThat(TokenRecovery.of(new double[0], new double[0]).reason()).isEqualTo(TokenRecovery.NO_PROMPTS);
    }
}

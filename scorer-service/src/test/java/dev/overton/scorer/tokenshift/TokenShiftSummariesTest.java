package dev.overton.scorer.tokenshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.ScoreValue;
import dev.overton.contracts.TokenShiftSpec;
import dev.overton.metrics.tokenshift.RankedToken;
import dev.overton.scorer.tokenshift.TokenShiftSummaries.StoredAnswer;

class TokenShiftSummariesTest {

    private static final double DELTA = 1e-12;

    private static final TokenShiftSpec SPEC = new TokenShiftSpec("base", "chat", 1, 5, List.of("plain", "icl"));

    static List<RankedToken> ranks(int... ranks) {
        List<RankedToken> tokens = new ArrayList<>();
        for (int i = 0; i < ranks.length; i++) {
            tokens.add(new RankedToken(" w" + ranks[i], -1.0, ranks[i]));
        }
        return tokens;
    }

    @Test
    void aggregatesPerContextAndRecoversAgainstPlain() {
        // plain: p0 4 tokens, 2 shifted (0.5); p1 4 tokens, 1 shifted (0.25) → mean 0.375.
        // icl:   p0 1 of 4 (0.25); p1 0 of 4 (0)                             → mean 0.125.
        // recovery = 1 - 0.125 / 0.375 = 2/3 (by hand).
        List<StoredAnswer> answers = List.of(
                new StoredAnswer("p0", 0, "plain", null, ranks(6, 1, 1, 4)),
                new StoredAnswer("p1", 0, "plain", null, ranks(1, 2, 1, 9)),
                new StoredAnswer("p0", 0, "icl", null, ranks(1, 1, 1, 6)),
                new StoredAnswer("p1", 0, "icl", null, ranks(1, 1, 3, 1)),
                new StoredAnswer("p2", 0, "icl", "token scoring failed: echo ignored", List.of()));
        TokenShiftSummary s = TokenShiftSummaries.of("r", SPEC, "chat", answers, 500, 1L);

        TokenShiftSummary.ContextSummary plain = s.contexts().get(0);
        assertThat(plain.context()).isEqualTo("plain");
        assertThat(plain.variant()).isEqualTo("base");
        assertThat(plain.recovery()).isNull();
        assertThat(mean(plain, TokenShiftValues.SHIFTED)).isCloseTo(0.375, within(DELTA));
        assertThat(mean(plain, TokenShiftValues.MEAN_LOGPROB)).isCloseTo(-1.0, within(DELTA));
        // Position profile: ten bins, four tokens each at bins 0, 2, 5, 7 (⌊10·i/4⌋); bin 0: p0's first token is
        // shifted, p1's not → 0.5; bin 7: both last tokens shifted → 1.0.
        assertThat(plain.profile().get(0)).isEqualTo(0.5);
        assertThat(plain.profile().get(1)).isNull();
        assertThat(plain.profile().get(7)).isEqualTo(1.0);
        assertThat(plain.topTokens())
                .extracting(TokenShiftSummary.TokenCount::text)
                .containsExactly(" w4", " w6", " w9");

        TokenShiftSummary.ContextSummary icl = s.contexts().get(1);
        assertThat(icl.variant()).isEqualTo("icl");
        assertThat(icl.scored()).isEqualTo(2);
        assertThat(icl.failed()).isEqualTo(1);
        assertThat(icl.failures())
                .containsExactly(new TokenShiftSummary.Failure("token scoring failed: echo ignored", 1));
        assertThat(icl.recovery().recovery()).isCloseTo(2.0 / 3, within(DELTA));
        assertThat(icl.recovery().n()).isEqualTo(2);

        // The example is the plain answer closest to plain's mean shifted share (0.375): p0 (0.5) and p1 (0.25) tie
        // at 0.125 away, so the first prompt id wins.
        assertThat(s.example().promptId()).isEqualTo("p0");
        assertThat(s.example().tokens())
                .extracting(TokenShiftSummary.ExampleToken::shift)
                .containsExactly("shifted", "unshifted", "unshifted", "shifted");
    }

    @Test
    void recoveryIsNullWithTheReasonWhenPlainHasNothingShifted() {
        List<StoredAnswer> answers = List.of(
                new StoredAnswer("p0", 0, "plain", null, ranks(1, 1)),
                new StoredAnswer("p0", 0, "icl", null, ranks(1, 5)));
        TokenShiftSummary.Recovery r = TokenShiftSummaries.of("r", SPEC, "chat", answers, 500, 1L)
                .contexts()
                .get(1)
                .recovery();
        assertThat(r.recovery()).isNull();
        assertThat(r.low()).isNull();
        assertThat(r.reason()).contains("no shifted tokens");
    }

    @Test
    void emptyAnswersCountAsScoredButAddNoValue() {
        List<StoredAnswer> answers = List.of(new StoredAnswer("p0", 0, "plain", null, List.of()));
        TokenShiftSummary s = TokenShiftSummaries.of("r", SPEC, "chat", answers, 500, 1L);
        assertThat(s.contexts().get(0).scored()).isEqualTo(1);
        assertThat(s.contexts().get(0).values()).allSatisfy(v -> {
            assertThat(v.mean()).isNull();
            assertThat(v.n()).isZero();
        });
        assertThat(s.example()).isNull();
    }

    @Test
    void valuesCarryContextSampleReferenceAndFailuresTheirReason() {
        List<ScoreValue> values = TokenShiftValues.of(ranks(1, 4), 0, "chat", "icl", 5);
        assertThat(values).extracting(ScoreValue::metric).containsExactlyElementsOf(TokenShiftValues.NAMES);
        assertThat(values.get(2).value()).isEqualTo(0.5);
        assertThat(values.get(2).sample()).isZero();
        assertThat(values.get(2).reference()).isEqualTo("chat");
        assertThat(values.get(2).settings()).contains("context=icl").contains("topK=5");
        assertThat(TokenShiftValues.failed("token scoring failed: no logprobs", 1, "chat", "plain", 5))
                .allSatisfy(v -> {
                    assertThat(v.value()).isNull();
                    assertThat(v.reason()).isEqualTo("token scoring failed: no logprobs");
                });
        assertThat(TokenShiftValues.contextVariant(SPEC, "plain")).isEqualTo("base");
        assertThat(TokenShiftValues.contextVariant(SPEC, "icl")).isEqualTo("icl");
    }

    private static double mean(TokenShiftSummary.ContextSummary c, String metric) {
        return c.values().stream()
                .filter(v -> v.metric().equals(metric))
                .findFirst()
                .orElseThrow()
                .mean();
    }
}

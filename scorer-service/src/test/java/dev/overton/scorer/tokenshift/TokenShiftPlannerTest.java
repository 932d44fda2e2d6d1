package dev.overton.scorer.tokenshift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.Sample;
import dev.overton.contracts.TokenScoreRequest;
import dev.overton.contracts.TokenShiftSpec;

class TokenShiftPlannerTest {

    private static final TokenShiftSpec SPEC = new TokenShiftSpec("base", "chat", 2, 5, List.of("plain", "base-icl"));

    private static final List<Sample> ANSWERS =
            List.of(new Sample(0, "Rest.", null), new Sample(1, "", null), new Sample(2, "Tea.", null));

    @Test
    void nothingIsPlannedBeforeTheReferenceAnswersAreStored() {
        var plan = TokenShiftPlanner.plan(
                "r", SPEC, "chat", new TokenShiftPlanner.Inputs("p", null, true, Map.of(), Map.of()));
        assertThat(plan.scorings()).isEmpty();
        assertThat(plan.settled()).isEmpty();
    }

    @Test
    void scoresTheFirstSamplesUnderEveryContextWhoseTextIsKnownAndSettlesEmptyAnswers() {
        var plan = TokenShiftPlanner.plan(
                "r",
                SPEC,
                "chat",
                new TokenShiftPlanner.Inputs("p", ANSWERS, true, Map.of("base-icl", "Q: ...\nA:"), Map.of()));
        // samples 0 and 1 (samples = 2); sample 1 is empty: settled in both contexts, never sent.
        assertThat(plan.scorings())
                .extracting(TokenShiftPlanner.Scoring::requestId)
                .containsExactly(
                        TokenScoreRequest.idOf("r", "p", "chat", 0, "plain"),
                        TokenScoreRequest.idOf("r", "p", "chat", 0, "base-icl"));
        assertThat(plan.scorings().get(0).renderedContext()).isNull();
        assertThat(plan.scorings().get(1).renderedContext()).isEqualTo("Q: ...\nA:");
        assertThat(plan.settled()).hasSize(2).allMatch(TokenShiftPlanner.Settled::empty);
    }

    @Test
    void waitsForThePromptTextAndTheRenderedPromptThenSettlesAFailedIclSetWithItsReason() {
        var waiting = TokenShiftPlanner.plan(
                "r", SPEC, "chat", new TokenShiftPlanner.Inputs("p", ANSWERS, false, Map.of(), Map.of()));
        assertThat(waiting.scorings()).isEmpty();
        assertThat(waiting.settled())
                .extracting(TokenShiftPlanner.Settled::empty)
                .containsOnly(true);

        var failed = TokenShiftPlanner.plan(
                "r",
                SPEC,
                "chat",
                new TokenShiftPlanner.Inputs(
                        "p", ANSWERS, false, Map.of(), Map.of("base-icl", "context budget exceeded")));
        TokenShiftPlanner.Settled settled =
                failed.settled().stream().filter(s -> !s.empty()).findFirst().orElseThrow();
        assertThat(settled.context()).isEqualTo("base-icl");
        assertThat(settled.reason())
                .contains("no rendered in-context prompt for context 'base-icl'")
                .contains("context budget exceeded");
    }
}

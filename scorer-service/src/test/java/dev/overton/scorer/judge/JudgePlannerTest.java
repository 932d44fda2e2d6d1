package dev.overton.scorer.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.JudgeSpec;
import dev.overton.contracts.Sample;
import dev.overton.contracts.spec.Judgement;

class JudgePlannerTest {

    private static JudgeSpec spec(int samples, String... judgements) {
        return new JudgeSpec(
                "openai", "http://judge", "chat", "judge-model", Map.of(), List.of(judgements), samples, null);
    }

    private static JudgePlanner.VariantSet set(String variant, boolean reference, int n) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            samples.add(new Sample(i, variant + " answer " + i, "stop"));
        }
        return new JudgePlanner.VariantSet(variant, reference, samples);
    }

    private static List<String> targets(List<JudgePlanner.Planned> planned) {
        return planned.stream()
                .map(p -> p.target().judgement().wireName() + ":" + p.target().variant() + "/"
                        + p.target().sample()
                        + (p.target().reference() == null
                                ? ""
                                : "~" + p.target().reference()))
                .toList();
    }

    @Test
    void pairJudgementsCompareEveryCandidateSampleAndTheReferencesOwnSamplesWithItsSampleZero() {
        List<JudgePlanner.Planned> planned = JudgePlanner.plan(
                spec(0, "missing-info"), "p", "Q?", List.of(set("base", false, 3), set("chat", true, 3)));

        assertThat(targets(planned))
                .containsExactlyInAnyOrder(
                        "missing-info:base/0~chat",
                        "missing-info:base/1~chat",
                        "missing-info:base/2~chat",
                        "missing-info:chat/1~chat",
                        "missing-info:chat/2~chat");
        JudgePlanner.Planned base1 = planned.stream()
                .filter(p -> p.target().variant().equals("base") && p.target().sample() == 1)
                .findFirst()
                .orElseThrow();
        assertThat(base1.texts())
                .containsEntry("question", "Q?")
                .containsEntry("reference", "chat answer 0")
                .containsEntry("candidate", "base answer 1");
    }

    @Test
    void theSamplesBoundLimitsPairJudgementsOnly() {
        List<JudgePlanner.Planned> planned = JudgePlanner.plan(
                spec(2, "topics", "quality", "stance"),
                "p",
                "Q?",
                List.of(set("base", false, 3), set("chat", true, 3)));

        assertThat(targets(planned))
                .containsExactlyInAnyOrder(
                        "topics:base/0~chat",
                        "topics:base/1~chat",
                        "topics:chat/1~chat",
                        "quality:base/0",
                        "quality:chat/0",
                        "stance:base/0",
                        "stance:base/1",
                        "stance:base/2",
                        "stance:chat/0",
                        "stance:chat/1",
                        "stance:chat/2");
    }

    @Test
    void withoutTheReferenceSetOnlySingleResponseJudgementsArePlanned() {
        List<JudgePlanner.Planned> planned =
                JudgePlanner.plan(spec(0, "missing-info", "quality"), "p", "Q?", List.of(set("base", false, 2)));

        assertThat(targets(planned)).containsExactly("quality:base/0");
    }

    @Test
    void thePlanDoesNotDependOnTheOrderTheSetsArrivedIn() {
        JudgeSpec spec = spec(0, "missing-info", "quality");
        List<JudgePlanner.VariantSet> a = List.of(set("base", false, 2), set("icl", false, 2), set("chat", true, 2));
        List<JudgePlanner.VariantSet> b = List.of(set("chat", true, 2), set("icl", false, 2), set("base", false, 2));

        assertThat(targets(JudgePlanner.plan(spec, "p", "Q", a)))
                .containsExactlyInAnyOrderElementsOf(targets(JudgePlanner.plan(spec, "p", "Q", b)))
                .hasSize(4 + 1 + 3);
    }

    @Test
    void requestIdsAreDeterministicAndNameVersionAndAttempt() {
        JudgeTarget t = new JudgeTarget("7", "base", 3, Judgement.MISSING_INFO, "chat");

        assertThat(t.requestId("run-1", "v1", 1)).isEqualTo("judge/missing-info@v1/run-1/7/base/3/1");
        assertThat(t.requestId("run-1", "v1", 2)).isEqualTo("judge/missing-info@v1/run-1/7/base/3/2");
    }
}

package dev.overton.icl.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.DatasetSpec;
import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.VariantSpec;
import dev.overton.icl.prompts.HintMode;
import dev.overton.icl.selection.ExampleSelection;

class IclSettingsTest {

    private static final VariantSpec BASE = new VariantSpec(
            "base", "openai", "llama-2-7b", null, "http://127.0.0.1:1", "completions", 5, Map.of("max_tokens", 664));
    private static final VariantSpec CHAT = new VariantSpec("chat", "replay", "chat", "x.jsonl", null, null, 5, null);

    private static RunSpec run(IclVariantSpec... icl) {
        return new RunSpec("r", new DatasetSpec(null, List.of("q")), "chat", List.of(BASE, CHAT), List.of(icl));
    }

    @Test
    void appliesDefaultsAndTakesMaxTokensFromTheBaseVariant() {
        IclSettings.Parsed parsed =
                IclSettings.parse(run(new IclVariantSpec("icl-knn", "base", "knn-prompt", 3, null, 0, null)));

        assertThat(parsed.problems()).isEmpty();
        IclSettings s = parsed.settings().get(0);
        assertThat(s.selection()).isEqualTo(ExampleSelection.KNN_PROMPT);
        assertThat(s.hint()).isEqualTo(HintMode.NONE);
        assertThat(s.samples()).isEqualTo(5);
        assertThat(s.seed()).isEqualTo(IclSettings.DEFAULT_SEED);
        assertThat(s.budget().contextWindow()).isEqualTo(4096);
        assertThat(s.budget().maxNewTokens()).isEqualTo(664);
        assertThat(s.budget().minExamples()).isEqualTo(1);
        assertThat(s.needsTeacher()).isTrue();
    }

    @Test
    void readsOptions() {
        IclSettings s = IclSettings.parse(run(new IclVariantSpec(
                        "icl-rand",
                        "base",
                        "random",
                        5,
                        "summary",
                        2,
                        Map.of(
                                "seed", 7,
                                "context_window", 8192,
                                "max_new_tokens", 1000,
                                "summaries_from", "chat",
                                "pool", List.of(Map.of("query", "Q", "answer", "A"))))))
                .settings()
                .get(0);

        assertThat(s.seed()).isEqualTo(7);
        assertThat(s.budget())
                .extracting(b -> b.contextWindow(), b -> b.maxNewTokens())
                .containsExactly(8192, 1000);
        assertThat(s.summariesFrom()).isEqualTo("chat");
        assertThat(s.pool())
                .singleElement()
                .satisfies(e -> assertThat(e.source()).isEqualTo("pool:0"));
        assertThat(s.needsTeacher()).isFalse();
        assertThat(s.samples()).isEqualTo(2);
    }

    @Test
    void reportsEveryProblemWithItsFieldAndFix() {
        IclSettings.Parsed parsed = IclSettings.parse(run(
                new IclVariantSpec("chat", "nope", "nearest", -1, "hints", 0, Map.of("context_window", "big")),
                new IclVariantSpec("ok", "base", "fixed", 2, null, 0, null)));

        assertThat(parsed.settings()).extracting(IclSettings::name).containsExactly("ok");
        assertThat(parsed.problems())
                .anySatisfy(p -> assertThat(p).startsWith("icl[0].base:").contains("[base, chat]"))
                .anySatisfy(p -> assertThat(p).startsWith("icl[0].examples:").contains("knn-prompt"))
                .anySatisfy(p -> assertThat(p).startsWith("icl[0].k:"))
                .anySatisfy(p -> assertThat(p).startsWith("icl[0].hint:").contains("self-summary"))
                .anySatisfy(p -> assertThat(p).startsWith("icl[0].options.context_window:"))
                .anySatisfy(p -> assertThat(p).startsWith("icl[0].name:").contains("already a variant"));
    }

    @Test
    void rejectsABudgetWithoutRoomForTheAnswer() {
        IclSettings.Parsed parsed = IclSettings.parse(run(new IclVariantSpec(
                "icl", "base", "fixed", 3, "none", 0, Map.of("context_window", 512, "max_new_tokens", 700))));

        assertThat(parsed.problems()).singleElement().asString().contains("max new tokens");
    }
}

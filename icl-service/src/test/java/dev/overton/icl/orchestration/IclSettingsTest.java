package dev.overton.icl.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.DatasetSpec;
import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.spec.ExampleSelection;
import dev.overton.contracts.spec.HintMode;

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

    @Test
    void summarizerNamingAVariantTakesItsModelAndParams() {
        VariantSpec served = new VariantSpec(
                "served", "openai", "llama-2-7b-chat", null, "http://127.0.0.1:1/v1", "chat", 5, Map.of("seed", 1));
        RunSpec run = new RunSpec(
                "r",
                new DatasetSpec(null, List.of("q")),
                "served",
                List.of(BASE, served),
                List.of(new IclVariantSpec("icl", "base", "fixed", 1, "summary", 0, Map.of("summarizer", "served"))));

        IclSettings.Parsed parsed = IclSettings.parse(run);

        assertThat(parsed.problems()).isEmpty();
        IclSettings s = parsed.settings().get(0);
        assertThat(s.summarizer().variant()).isEqualTo("served");
        assertThat(s.summarizer().model().model()).isEqualTo("llama-2-7b-chat");
        assertThat(s.summarizer().model().params()).containsEntry("seed", 1);
        assertThat(s.summarizer().id()).matches("llama-2-7b-chat@[0-9a-f]{12}");
        assertThat(s.needsTeacher())
                .as("fixed examples: only each prompt's own summary is awaited")
                .isFalse();
    }

    @Test
    void explicitSummarizerGetsTheReleasedSummarizerSettingsUnlessItGivesItsOwn() {
        Map<String, Object> model =
                Map.of("backend", "openai", "endpoint", "https://api.openai.com/v1", "model", "gpt-4o");
        IclSettings s = IclSettings.parse(
                        run(new IclVariantSpec("icl", "base", "fixed", 1, "summary", 0, Map.of("summarizer", model))))
                .settings()
                .get(0);

        assertThat(s.summarizer().variant()).isNull();
        assertThat(s.summarizer().model().api()).isEqualTo("chat");
        assertThat(s.summarizer().model().params())
                .containsEntry("temperature", 0)
                .containsEntry("max_tokens", 256);
        // The same model with other params is another summarizer: its summaries are not shared.
        IclSettings other = IclSettings.parse(run(new IclVariantSpec(
                        "icl",
                        "base",
                        "fixed",
                        1,
                        "summary",
                        0,
                        Map.of(
                                "summarizer",
                                Map.of(
                                        "backend", "openai",
                                        "endpoint", "https://api.openai.com/v1",
                                        "model", "gpt-4o",
                                        "params", Map.of("temperature", 0.7))))))
                .settings()
                .get(0);
        assertThat(other.summarizer().id()).isNotEqualTo(s.summarizer().id()).startsWith("gpt-4o@");
    }

    @Test
    void reportsSummarizerProblemsNamingTheOption() {
        IclSettings.Parsed parsed = IclSettings.parse(run(
                new IclVariantSpec("a", "base", "fixed", 1, "summary", 0, Map.of("summarizer", "nope")),
                new IclVariantSpec("b", "base", "fixed", 1, "summary", 0, Map.of("summarizer", "chat")),
                new IclVariantSpec(
                        "c",
                        "base",
                        "fixed",
                        1,
                        "summary",
                        0,
                        Map.of(
                                "summarizer",
                                Map.of("backend", "openai", "api", "edit", "colour", "red", "params", Map.of("n", 2)))),
                new IclVariantSpec(
                        "d",
                        "base",
                        "fixed",
                        1,
                        "none",
                        0,
                        Map.of("summarizer", Map.of("backend", "openai", "endpoint", "ftp://x", "model", "m"))),
                new IclVariantSpec("e", "base", "fixed", 1, "summary", 0, Map.of("summarizer", 42))));

        assertThat(parsed.settings()).isEmpty();
        assertThat(parsed.problems())
                .anySatisfy(p -> assertThat(p)
                        .startsWith("icl[0].options.summarizer: names no variant")
                        .contains("[base, chat]"))
                .anySatisfy(p -> assertThat(p).startsWith("icl[1].options.summarizer: variant 'chat' replays"))
                .anySatisfy(p -> assertThat(p).startsWith("icl[2].options.summarizer: unknown key(s) [colour]"))
                .anySatisfy(p -> assertThat(p).startsWith("icl[2].options.summarizer.api:"))
                .anySatisfy(p -> assertThat(p).startsWith("icl[2].options.summarizer.model: is required"))
                .anySatisfy(p -> assertThat(p).startsWith("icl[2].options.summarizer.endpoint: is required"))
                .anySatisfy(p -> assertThat(p).startsWith("icl[2].options.summarizer.params.n:"))
                .anySatisfy(p -> assertThat(p).startsWith("icl[3].options.summarizer.endpoint: must be an http"))
                .anySatisfy(p -> assertThat(p).startsWith("icl[3].options.summarizer: only used with hint 'summary'"))
                .anySatisfy(p -> assertThat(p).startsWith("icl[4].options.summarizer: must be the name of a run"));
    }

    @Test
    void summarizerAndSummariesFromExcludeEachOther() {
        IclSettings.Parsed parsed = IclSettings.parse(run(new IclVariantSpec(
                "icl",
                "base",
                "fixed",
                1,
                "summary",
                0,
                Map.of(
                        "summaries_from",
                        "chat",
                        "summarizer",
                        Map.of("backend", "openai", "endpoint", "http://h/v1", "model", "m")))));

        assertThat(parsed.problems()).singleElement().asString().contains("give summarizer", "not both");
    }

    @Test
    void entryWithoutExamplesUsesTheDocumentedDefaultLikeTheGenerator() {
        // The generator fills in knn-prompt; icl-service used to read a missing selection as fixed.
        IclSettings s = IclSettings.parse(run(new IclVariantSpec("icl", "base", null, 3, null, 0, null)))
                .settings()
                .get(0);

        assertThat(s.selection()).isEqualTo(ExampleSelection.KNN_PROMPT).isEqualTo(ExampleSelection.DEFAULT);
    }

    @Test
    void variantNamesFollowTheOnePatternOfTheGenerator() {
        // icl-service accepted names starting with '.', '_' or '-' and of any length; the generator did not.
        IclSettings.Parsed parsed = IclSettings.parse(run(
                new IclVariantSpec("-icl", "base", "fixed", 1, null, 0, null),
                new IclVariantSpec("x".repeat(101), "base", "fixed", 1, null, 0, null),
                new IclVariantSpec("ok.icl_1-a", "base", "fixed", 1, null, 0, null)));

        assertThat(parsed.settings()).extracting(IclSettings::name).containsExactly("ok.icl_1-a");
        assertThat(parsed.problems())
                .anySatisfy(p -> assertThat(p).startsWith("icl[0].name: must be 1-100 letters"))
                .anySatisfy(p -> assertThat(p).startsWith("icl[1].name:"));
    }

    @Test
    void unknownOptionsAreProblemsNamingTheNearestKnownOne() {
        IclSettings.Parsed parsed =
                IclSettings.parse(run(new IclVariantSpec("icl", "base", "fixed", 1, null, 0, Map.of("sed", 7))));

        assertThat(parsed.problems())
                .singleElement()
                .isEqualTo("icl[0].options.sed: unknown field 'sed' at icl[0].options; did you mean 'seed'?");
    }
}

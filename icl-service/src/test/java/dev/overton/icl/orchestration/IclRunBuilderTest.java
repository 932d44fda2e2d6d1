package dev.overton.icl.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.DatasetSpec;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.files.FileSandbox;
import dev.overton.icl.hints.ExtractiveSummarizer;
import dev.overton.icl.selection.TfIdfEmbedder;

class IclRunBuilderTest {

    private static final Instant NOW = Instant.parse("2024-06-25T00:00:00Z");
    private static final VariantSpec BASE = new VariantSpec(
            "base",
            "openai",
            "meta-llama/Llama-2-7b-hf",
            null,
            "http://127.0.0.1:1/v1",
            "completions",
            5,
            Map.of("temperature", 0.5, "max_tokens", 300));
    private static final VariantSpec CHAT = new VariantSpec("chat", "replay", "chat", "c.jsonl", null, null, 5, null);
    private static final List<String> QUERIES = List.of(
            "How do I bake sourdough bread?",
            "What is the best bread flour for baking?",
            "How do electric cars charge?",
            "Which electric car battery lasts longest?");

    private static List<Prompt> prompts() {
        List<Prompt> prompts = new ArrayList<>();
        for (int i = 0; i < QUERIES.size(); i++) {
            prompts.add(new Prompt(String.valueOf(i), i, List.of(new ChatMessage("user", QUERIES.get(i)))));
        }
        return prompts;
    }

    private static Map<String, String> teacher() {
        Map<String, String> answers = new HashMap<>();
        for (int i = 0; i < QUERIES.size(); i++) {
            answers.put(
                    String.valueOf(i),
                    "Teacher answer " + i + ". It covers " + QUERIES.get(i).toLowerCase()
                            + " in some useful detail. Several steps matter here.");
        }
        return answers;
    }

    private static IclSettings settings(IclVariantSpec icl) {
        IclSettings.Parsed parsed = IclSettings.parse(
                new RunSpec("r", new DatasetSpec(null, List.of()), "chat", List.of(BASE, CHAT), List.of(icl)));
        assertThat(parsed.problems()).isEmpty();
        return parsed.settings().get(0);
    }

    private static IclRunBuilder.Inputs inputs(Map<String, String> teacher, Map<String, String> summaries) {
        return new IclRunBuilder.Inputs(
                "run-1", prompts(), teacher, summaries, new TfIdfEmbedder(), ExtractiveSummarizer.standard(), path -> {
                    throw new IllegalArgumentException("no files in this test: " + path);
                });
    }

    @Test
    void buildsOneRequestPerPromptFromTheTeachersAnswersToOtherPrompts() {
        IclSettings s = settings(new IclVariantSpec("icl-knn", "base", "knn-prompt", 2, "none", 3, null));

        List<IclRunBuilder.Planned> planned = IclRunBuilder.build(s, inputs(teacher(), Map.of()), Set.of(), NOW);

        assertThat(planned).hasSize(4).allSatisfy(p -> assertThat(p.failure()).isNull());
        IclRunBuilder.Planned first = planned.get(0);
        assertThat(first.examples()).hasSize(2).doesNotContain("0").startsWith("1");
        GenerationRequest r = first.request();
        assertThat(r.key()).isEqualTo("run-1/0");
        assertThat(r.reference()).isFalse();
        assertThat(r.renderedPrompt())
                .contains("Teacher answer 1.")
                .doesNotContain("Teacher answer 0.")
                .endsWith("# Query:\n```\n" + QUERIES.get(0) + "\n```\n\n# Answer:\n```\n");
        assertThat(r.variant().name()).isEqualTo("icl-knn");
        assertThat(r.variant().samples()).isEqualTo(3);
        assertThat(r.variant().api()).isEqualTo("completions");
        assertThat(r.variant().backend()).isEqualTo("openai");
        assertThat(r.variant().endpoint()).isEqualTo(BASE.endpoint());
        assertThat(r.variant().params())
                .containsEntry("temperature", 0.5)
                .containsEntry("max_tokens", 300)
                .containsEntry("stop", List.of("```"));
    }

    @Test
    void skipsPromptsThatAlreadyHaveARequest() {
        IclSettings s = settings(new IclVariantSpec("icl", "base", "fixed", 2, "none", 0, null));

        List<IclRunBuilder.Planned> planned =
                IclRunBuilder.build(s, inputs(teacher(), Map.of()), Set.of("0", "2"), NOW);

        assertThat(planned).extracting(IclRunBuilder.Planned::promptId).containsExactly("1", "3");
        assertThat(planned.get(0).examples()).containsExactly("shipped:0", "shipped:1");
    }

    @Test
    void summaryHintUsesTheSummariesVariantAndFailsPromptsWithoutOne() {
        IclSettings s = settings(new IclVariantSpec(
                "icl-sum", "base", "random", 1, "summary", 0, Map.of("summaries_from", "chat", "seed", 3)));
        Map<String, String> summaries = Map.of("0", "Summary zero.", "1", "Summary one.", "3", "Summary three.");

        List<IclRunBuilder.Planned> planned = IclRunBuilder.build(s, inputs(teacher(), summaries), Set.of(), NOW);

        assertThat(planned.get(0).request().renderedPrompt())
                .endsWith("# Summary:\n```\nSummary zero.\n```\n\n# Answer:\n```\n");
        assertThat(planned.get(2).request()).isNull();
        assertThat(planned.get(2).failure()).contains("has no summary for this prompt");
    }

    @Test
    void selfSummaryRequestsStopAtTheNextQueryInsteadOfTheFence() {
        IclSettings s = settings(new IclVariantSpec("icl-self", "base", "fixed", 1, "self-summary", 0, null));

        GenerationRequest r = IclRunBuilder.build(s, inputs(teacher(), Map.of()), Set.of(), NOW)
                .get(0)
                .request();

        assertThat(r.renderedPrompt()).endsWith("# Summary:\n```\n");
        assertThat(r.variant().params()).containsEntry("stop", List.of(IclRunBuilder.SELF_SUMMARY_STOP));
    }

    @Test
    void promptOverBudgetFailsWithTheReasonInsteadOfBeingSent() {
        IclSettings s = settings(new IclVariantSpec(
                "icl-tight", "base", "fixed", 3, "none", 0, Map.of("context_window", 400, "max_new_tokens", 300)));

        List<IclRunBuilder.Planned> planned = IclRunBuilder.build(s, inputs(teacher(), Map.of()), Set.of(), NOW);

        assertThat(planned).allSatisfy(p -> {
            assertThat(p.request()).isNull();
            assertThat(p.failure()).contains("over budget", "context window 400");
            assertThat(p.dropped()).containsExactly("shipped:2", "shipped:1");
        });
    }

    @Test
    void teacherFailuresLeaveThePromptOutOfThePool() {
        IclSettings s = settings(new IclVariantSpec("icl-rand", "base", "random", 3, "none", 0, null));
        Map<String, String> teacher = new HashMap<>(teacher());
        teacher.remove("2");

        List<IclRunBuilder.Planned> planned = IclRunBuilder.build(s, inputs(teacher, Map.of()), Set.of(), NOW);

        assertThat(planned.get(0).examples()).containsExactlyInAnyOrder("1", "3");
        assertThat(planned.get(2).examples()).containsExactlyInAnyOrder("0", "1", "3");
    }

    @Test
    void recordsTheSummaryHintItsSourceAndTheSelection() {
        IclSettings s = settings(new IclVariantSpec("icl-ext", "base", "knn-prompt", 1, "summary", 0, null));

        IclRunBuilder.Planned first = IclRunBuilder.build(s, inputs(teacher(), Map.of()), Set.of(), NOW)
                .get(0);

        String expected = ExtractiveSummarizer.standard()
                .summarize(QUERIES.get(0), teacher().get("0"));
        assertThat(first.summary()).isEqualTo(expected);
        assertThat(first.request().renderedPrompt())
                .endsWith("# Summary:\n```\n" + expected + "\n```\n\n# Answer:\n```\n");
        assertThat(first.summarySource())
                .isEqualTo(ExtractiveSummarizer.standard().describe());
        assertThat(first.selection()).startsWith("knn-prompt(tfidf(");
    }

    @Test
    void summarizerModelSummariesAreUsedAndItsFailuresFailThePromptWithTheReason() {
        IclSettings s = settings(new IclVariantSpec(
                "icl-model",
                "base",
                "random",
                1,
                "summary",
                0,
                Map.of("summarizer", Map.of("backend", "openai", "endpoint", "http://h/v1", "model", "m"))));
        Map<String, String> summaries = Map.of("0", "Model summary zero.", "1", "Model summary one.", "3", "Three.");
        IclRunBuilder.Inputs in = new IclRunBuilder.Inputs(
                "run-1",
                prompts(),
                teacher(),
                summaries,
                Map.of("2", "HTTP 429 rate limited"),
                new TfIdfEmbedder(),
                ExtractiveSummarizer.standard(),
                path -> {
                    throw new IllegalArgumentException(path);
                });

        List<IclRunBuilder.Planned> planned = IclRunBuilder.build(s, in, Set.of(), NOW);

        assertThat(planned.get(0).request().renderedPrompt())
                .endsWith("# Summary:\n```\nModel summary zero.\n```\n\n# Answer:\n```\n");
        assertThat(planned.get(0).summarySource())
                .isEqualTo("model:" + s.summarizer().id());
        assertThat(planned.get(2).request()).isNull();
        assertThat(planned.get(2).failure())
                .isEqualTo("summary hint failed: summarizer " + s.summarizer().id() + ": HTTP 429 rate limited");
        // Prompt 2 has no summary, so it is no example for the others either.
        assertThat(planned).allSatisfy(p -> assertThat(p.examples()).doesNotContain("2"));
    }

    @Test
    void filesNamedInTheOptionsAreReadOnlyInsideTheAllowedFolders(@TempDir Path dir) throws IOException {
        // Before, an instruction_file of /etc/passwd was read into every in-context prompt sent to the model.
        Files.writeString(dir.resolve("instruction.txt"), "Answer briefly.");
        FileSandbox files = FileSandbox.of(dir);
        IclRunBuilder.Inputs in = new IclRunBuilder.Inputs(
                "run-1",
                prompts(),
                teacher(),
                Map.of(),
                new TfIdfEmbedder(),
                ExtractiveSummarizer.standard(),
                path -> IclRunBuilder.readFile(files, path));
        IclSettings outside = settings(
                new IclVariantSpec("icl", "base", "fixed", 2, "none", 0, Map.of("instruction_file", "/etc/passwd")));
        IclSettings inside = settings(new IclVariantSpec(
                "icl", "base", "fixed", 2, "none", 0, Map.of("instruction_file", "instruction.txt")));

        assertThatThrownBy(() -> IclRunBuilder.build(outside, in, Set.of(), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/etc/passwd is outside the folders this server may read")
                .hasMessageNotContaining("root:");
        assertThat(IclRunBuilder.build(inside, in, Set.of(), NOW)
                        .get(0)
                        .request()
                        .renderedPrompt())
                .contains("Answer briefly.");
        Files.writeString(dir.resolve("pool.json"), "password=hunter2\n");
        IclSettings pool =
                settings(new IclVariantSpec("icl", "base", "fixed", 2, "none", 0, Map.of("pool_file", "pool.json")));
        assertThatThrownBy(() -> IclRunBuilder.build(pool, in, Set.of(), NOW))
                .hasMessageContaining("pool_file pool.json is not a JSON list")
                .hasMessageNotContaining("password");
    }
}

package dev.overton.icl.prompts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.spec.HintMode;
import dev.overton.icl.LimaOeFixture;
import dev.overton.metrics.text.PythonStrings;

/**
 * Byte-for-byte reproduction of the paper's released in-context prompts ({@code prompt} of each record in {@code
 * outputs/<variant>/samples.jsonl}) with Overton's builder and default template. The builder is configured only with
 * what the release shows: the instruction and fixed examples parsed out of the stored prompts, the neighbour lists
 * parsed out of the stored prompts (each neighbour is a dataset prompt, its answer is {@code llama-2-chat} sample 0),
 * and the summary of prompt k = line k of {@code summaries-outputs/outputs/llama-2-chat/samples.jsonl}.
 *
 * <p>A second pair of tests renders the release's own Jinja chat templates ({@code args.json}) through {@link
 * PromptTemplate} with the builder's variables, showing that such templates can be brought unchanged.
 */
class ReleasedPromptReproductionTest {

    private static final String KNN = "llama-2-icl-chat-knn-prompt_similar";
    private static final String SUMMARY = "llama-2-icl-chat-summary";
    private static final String QUERY_OPEN = "# Query:\n```\n";
    private static final String INSTRUCTIONS_OPEN = "# Instructions:\n\n";
    // Wide enough never to drop an example: reproduction is about the text, the budget is tested elsewhere.
    private static final ContextBudget NO_LIMIT = new ContextBudget(1_000_000, 700, 0);

    @Test
    void reproducesTheReleasedNearestNeighbourPromptsByteForByte() {
        Path fixture = LimaOeFixture.assumePresent();
        Knn knn = knn(fixture);
        UrialPromptBuilder builder = new UrialPromptBuilder(
                ShippedPrompts.template(), instruction(knn.stored().get(0)), CharEstimateTokenCounter.standard());

        int matches = count(
                knn.stored(),
                i -> builder.build(knn.examples().get(i), knn.queries().get(i), null, HintMode.NONE, null, NO_LIMIT)
                        .prompt());

        System.out.printf("%s: %d/50 released prompts reproduced byte for byte%n", KNN, matches);
        assertThat(matches).isEqualTo(50);
    }

    @Test
    void reproducesTheReleasedSummaryHintPromptsByteForByte() {
        Path fixture = LimaOeFixture.assumePresent();
        List<String> queries = LimaOeFixture.queries(fixture);
        List<String> stored = LimaOeFixture.storedPrompts(fixture, SUMMARY);
        List<String> summaries = summaries(fixture);
        List<IclExample> examples = fixedExamplesWithSummaries(stored.get(0));
        assertThat(examples).hasSize(3);
        UrialPromptBuilder builder = new UrialPromptBuilder(
                ShippedPrompts.template(), instruction(stored.get(0)), CharEstimateTokenCounter.standard());

        int matches = count(
                stored,
                i -> builder.build(examples, queries.get(i), null, HintMode.SUMMARY, summaries.get(i), NO_LIMIT)
                        .prompt());

        System.out.printf("%s: %d/50 released prompts reproduced byte for byte%n", SUMMARY, matches);
        assertThat(matches).isEqualTo(50);
    }

    @Test
    void releasedNearestNeighbourChatTemplateRendersUnchanged() {
        Path fixture = LimaOeFixture.assumePresent();
        Knn knn = knn(fixture);
        PromptTemplate released = PromptTemplate.of(
                "urial_dynamic.jinja",
                LimaOeFixture.args(fixture, KNN)
                        .path("run")
                        .path("chat_template")
                        .asText());
        UrialPromptBuilder builder =
                new UrialPromptBuilder(released, "(set inside the template)", CharEstimateTokenCounter.standard());

        int matches = count(
                knn.stored(),
                i -> builder.render(knn.examples().get(i), knn.queries().get(i), null, HintMode.NONE, null));

        assertThat(matches).isEqualTo(50);
    }

    @Test
    void releasedSummaryChatTemplateRendersUnchanged() {
        Path fixture = LimaOeFixture.assumePresent();
        List<String> queries = LimaOeFixture.queries(fixture);
        List<String> stored = LimaOeFixture.storedPrompts(fixture, SUMMARY);
        List<String> summaries = summaries(fixture);
        PromptTemplate released = PromptTemplate.of(
                "urial_llama_summary.jinja",
                LimaOeFixture.args(fixture, SUMMARY)
                        .path("run")
                        .path("chat_template")
                        .asText());
        UrialPromptBuilder builder =
                new UrialPromptBuilder(released, "(set inside the template)", CharEstimateTokenCounter.standard());

        int matches =
                count(stored, i -> builder.render(List.of(), queries.get(i), null, HintMode.SUMMARY, summaries.get(i)));

        assertThat(matches).isEqualTo(50);
    }

    @Test
    void defaultEstimateKeepsEveryReleasedSummaryPromptWithinItsBudget() {
        // The released summary run: 4096-token context, 700 new tokens, no failures. The chars/4 estimate must not
        // make Overton drop examples from prompts that fitted (the largest is 11025 characters: ~2757 tokens).
        Path fixture = LimaOeFixture.assumePresent();
        List<String> stored = LimaOeFixture.storedPrompts(fixture, SUMMARY);
        TokenCounter tokens = CharEstimateTokenCounter.standard();
        ContextBudget released = new ContextBudget(4096, 700, 3);
        assertThat(stored).allSatisfy(p -> assertThat(tokens.count(p)).isLessThanOrEqualTo(released.promptRoom()));
    }

    private static int count(List<String> stored, IntFunction<String> rendered) {
        int matches = 0;
        List<Integer> mismatched = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            if (stored.get(i).equals(rendered.apply(i))) {
                matches++;
            } else {
                mismatched.add(i);
            }
        }
        if (!mismatched.isEmpty()) {
            System.out.println("mismatched prompts: " + mismatched);
        }
        return matches;
    }

    private record Knn(List<String> stored, List<String> queries, List<List<IclExample>> examples) {}

    /** Parses each stored kNN prompt's example queries, maps them to dataset prompts, answers = chat sample 0. */
    private static Knn knn(Path fixture) {
        List<String> queries = LimaOeFixture.queries(fixture);
        List<String> answers = LimaOeFixture.sampleTexts(LimaOeFixture.samples(fixture, "llama-2-chat"), 0);
        List<String> stored = LimaOeFixture.storedPrompts(fixture, KNN);
        List<List<IclExample>> examples = new ArrayList<>();
        for (String prompt : stored) {
            List<String> shown = queriesIn(prompt);
            List<IclExample> neighbours = new ArrayList<>();
            for (String query : shown.subList(0, shown.size() - 1)) {
                int id = indexOf(queries, query);
                neighbours.add(new IclExample(String.valueOf(id), queries.get(id), answers.get(id), null));
            }
            examples.add(neighbours);
        }
        return new Knn(stored, queries, examples);
    }

    private static List<String> summaries(Path fixture) {
        return LimaOeFixture.sampleTexts(fixture.resolve("summaries-outputs/outputs/llama-2-chat/samples.jsonl"), 0);
    }

    private static String instruction(String stored) {
        int start = INSTRUCTIONS_OPEN.length();
        return stored.substring(start, stored.indexOf("\n\n" + QUERY_OPEN, start));
    }

    /** The queries of a stored prompt, in order: its examples' and, last, the test query. */
    private static List<String> queriesIn(String stored) {
        List<String> queries = new ArrayList<>();
        for (int at = stored.indexOf(QUERY_OPEN); at >= 0; at = stored.indexOf(QUERY_OPEN, at + 1)) {
            int start = at + QUERY_OPEN.length();
            queries.add(stored.substring(start, stored.indexOf("\n```\n\n# ", start)));
        }
        return queries;
    }

    /** The (query, summary, answer) blocks of a stored summary prompt, before its test query. */
    private static List<IclExample> fixedExamplesWithSummaries(String stored) {
        List<IclExample> examples = new ArrayList<>();
        String body = stored.substring(stored.indexOf(QUERY_OPEN));
        String[] blocks = body.split("\n```\n\n(?=# Query:\n```\n)");
        for (int b = 0; b < blocks.length - 1; b++) {
            String block = blocks[b];
            String query = between(block, QUERY_OPEN, "\n```\n\n# Summary:\n```\n");
            String summary = between(block, "# Summary:\n```\n", "\n```\n\n# Answer:\n```\n");
            String answer = block.substring(block.indexOf("# Answer:\n```\n") + "# Answer:\n```\n".length());
            examples.add(new IclExample("release:" + b, query, answer, summary));
        }
        return examples;
    }

    private static String between(String text, String open, String close) {
        int start = text.indexOf(open) + open.length();
        return text.substring(start, text.indexOf(close, start));
    }

    private static int indexOf(List<String> queries, String shown) {
        for (int i = 0; i < queries.size(); i++) {
            if (PythonStrings.strip(queries.get(i)).equals(shown)) {
                return i;
            }
        }
        throw new AssertionError("example query not in the dataset: " + shown);
    }
}

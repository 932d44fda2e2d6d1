package dev.overton.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

import dev.overton.systemtests.ServiceProcesses.Service;

/**
 * Issue 16, measures per run, through the real broker and database, with the scorer as the system tests run it (the
 * model-based measures switched off): a {@code measures: ["lexical"]} run stores only lexical values, a run naming no
 * groups stores every group this scorer computes, and a run naming a switched-off group is refused at {@code POST
 * /runs} once the scorer has said what it computes on {@code scorer-capabilities}.
 */
class MeasuresIT extends AllServicesRunning {

    /** The lexical group (docs/metrics.md, "Measure groups"). */
    private static final Set<String> LEXICAL = Set.of(
            "jaccard_1",
            "jaccard_2",
            "jaccard_1_stem",
            "mean_tokens",
            "mean_chars",
            "length_tokens",
            "length_chars",
            "pair_jaccard_1",
            "pair_rouge_l");

    /** Some of the diversity group. */
    private static final Set<String> DIVERSITY = Set.of("distinct_1", "self_bleu", "compression_ratio");

    private static final Pattern METRIC = Pattern.compile("\"metric\":\"([^\"]+)\"");

    @Test
    void lexicalRunStoresOnlyLexicalValuesAndDefaultRunStoresEveryGroupTheScorerComputes() {
        // The scorer publishes its groups soon after start; once the generator has read them, a switched-off group is
        // refused. Polled with a spec that is refused anyway (no prompts), so that no run is accepted while waiting.
        String withoutPrompts = "{\"name\":\"waiting\",\"dataset\":{\"prompts\":[]},\"reference\":\"llama-2-chat\","
                + "\"variants\":[" + PipelineItVariants.replay(fixtures, "llama-2-chat") + "],"
                + "\"measures\":[\"lexical\",\"bertscore\"]}";
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(Runs.post(withoutPrompts, 400).getList("errors.field", String.class))
                        .contains("measures[1]"));
        JsonPath problem = Runs.post(spec("[\"lexical\",\"bertscore\"]"), 400);
        assertThat(problem.getString("errors[0].field")).isEqualTo("measures[1]");
        assertThat(problem.getString("errors[0].message"))
                .contains("'bertscore' is switched off in the scorer's configuration")
                .contains("overton.semantic.enabled=true");
        JsonPath unknown = Runs.post(spec("[\"lexicon\"]"), 400);
        assertThat(unknown.getString("errors[0].field")).isEqualTo("measures[0]");
        assertThat(unknown.getString("errors[0].message")).contains("lexical, diversity, embedding, bertscore");

        String lexical = Runs.post(spec("[\"lexical\"]"), 201).getString("id");
        String all = Runs.post(spec(null), 201).getString("id");
        Runs.awaitComplete(lexical, Duration.ofMinutes(3));
        Runs.awaitComplete(all, Duration.ofMinutes(3));

        Set<String> lexicalValues = metrics(lexical);
        assertThat(lexicalValues).isEqualTo(new TreeSet<>(LEXICAL));
        assertThat(scoredMetrics(lexical)).isSubsetOf(LEXICAL).contains("jaccard_1", "pair_jaccard_1");
        Runs.assertEveryScoreExactlyOnce(Service.SCORER.url(), lexical, 100, 450);

        Set<String> allValues = metrics(all);
        assertThat(allValues).containsAll(LEXICAL).containsAll(DIVERSITY);
        assertThat(allValues)
                .as("the model-based groups are off in this scorer, and the run did not name them")
                .doesNotContain("bertscore_f1", "pair_embedding_cosine", "embedding_vendi_score");
        assertThat(values(all)).doesNotContain("switched off");
        assertThat(scoredMetrics(all)).containsAll(DIVERSITY);
    }

    private static String spec(String measures) {
        return "{\"name\":\"measures system test\",\"dataset\":{\"path\":\""
                + fixtures.resolve("instances/data.jsonl") + "\"},\"reference\":\"llama-2-chat\",\"variants\":["
                + PipelineItVariants.replay(fixtures, "llama-2-base") + ","
                + PipelineItVariants.replay(fixtures, "llama-2-chat") + "]"
                + (measures == null ? "" : ",\"measures\":" + measures) + "}";
    }

    private static String values(String runId) {
        return Runs.values(Service.SCORER.url(), runId);
    }

    private static Set<String> metrics(String runId) {
        Set<String> metrics = new TreeSet<>();
        values(runId).lines().forEach(line -> {
            Matcher m = METRIC.matcher(line);
            if (m.find()) {
                metrics.add(m.group(1));
            }
        });
        return metrics;
    }

    /** The metrics {@code GET /runs/{id}/scores} aggregates, over all variants. */
    private static Set<String> scoredMetrics(String runId) {
        JsonPath scores = Runs.scores(runId);
        List<Map<String, Object>> metrics = scores.getList("variants.metrics");
        return metrics.stream().flatMap(m -> m.keySet().stream()).collect(Collectors.toCollection(TreeSet::new));
    }
}

package dev.overton.scorer.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.memory.InMemorySink;

import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.ScorerCapabilities;
import dev.overton.contracts.json.EventJson;
import dev.overton.scorer.InMemoryChannels;
import dev.overton.scorer.InMemoryFlow;
import dev.overton.scorer.scoring.messaging.CapabilitiesPublisher;

/**
 * Issue 16, measures per run, on in-memory channels and the real PostgreSQL (semantic measures are off in this
 * profile): the scorer stores only the groups a sample set's run asked for, marks a named model group it cannot compute
 * as undefined with the reason, and says what it computes on {@code scorer-capabilities}.
 */
@QuarkusTest
@TestProfile(InMemoryChannels.class)
class MeasureGroupsFlowTest extends InMemoryFlow {

    /** The lexical group's metrics (docs/metrics.md, "Measure groups"). */
    private static final Set<String> LEXICAL = Set.of(
            MetricNames.JACCARD_1,
            MetricNames.JACCARD_2,
            MetricNames.JACCARD_1_STEM,
            MetricNames.MEAN_TOKENS,
            MetricNames.MEAN_CHARS,
            MetricNames.LENGTH_TOKENS,
            MetricNames.LENGTH_CHARS,
            MetricNames.PAIR_JACCARD_1,
            MetricNames.PAIR_ROUGE_L);

    @Inject
    CapabilitiesPublisher capabilities;

    @Test
    void lexicalRunStoresOnlyLexicalValues() {
        String run = run("lexical");
        sendSets(run, List.of("lexical"));

        await().atMost(Duration.ofSeconds(20)).until(() -> metrics(run).contains(MetricNames.PAIR_JACCARD_1));

        assertThat(metrics(run)).isEqualTo(new TreeSet<>(LEXICAL));
    }

    @Test
    void runNamingNoGroupsStoresEveryGroupThisScorerComputes() {
        String run = run("all");
        sendSets(run, null);

        await().atMost(Duration.ofSeconds(20)).until(() -> metrics(run).contains(MetricNames.PAIR_JACCARD_1));

        Set<String> stored = metrics(run);
        assertThat(stored).containsAll(LEXICAL);
        assertThat(stored).contains("distinct_1", "compression_ratio");
        assertThat(undefinedReasons(run))
                .as("nothing is marked missing that was not asked for by name")
                .noneMatch(r -> r.contains("switched off"));
    }

    @Test
    void namedModelGroupThatIsSwitchedOffIsStoredUndefinedWithTheReason() {
        String run = run("bert");
        sendSets(run, List.of("diversity", "bertscore"));

        await().atMost(Duration.ofSeconds(20)).until(() -> metrics(run).contains(SemanticScorer.BERTSCORE_F1));

        Set<String> stored = metrics(run);
        assertThat(stored).doesNotContainAnyElementsOf(LEXICAL);
        assertThat(stored).contains("distinct_1", SemanticScorer.BERTSCORE_F1);
        assertThat(stored).doesNotContain(SemanticScorer.PAIR_EMBEDDING_COSINE, "overton_coverage_aligned");
        assertThat(undefinedReasons(run))
                .isNotEmpty()
                .allMatch(
                        r -> r.contains("'bertscore' is switched off") && r.contains("overton.semantic.enabled=true"));
    }

    @Test
    void capabilitiesSayWhatThisScorerComputesAndHowToSwitchTheRestOn() {
        InMemorySink<String> sink = clearedSink("scorer-capabilities-out");

        capabilities.publish().await().atMost(Duration.ofSeconds(10));

        assertThat(sink.received()).singleElement().satisfies(m -> {
            ScorerCapabilities c = EventJson.read(m.getPayload(), ScorerCapabilities.class);
            assertThat(c.service()).isEqualTo("scorer-service");
            assertThat(c.groups()).containsExactly("lexical", "diversity");
            assertThat(c.switchedOff()).containsOnlyKeys("embedding", "bertscore", "coverage");
            assertThat(c.switchedOff().get("bertscore")).contains("overton.semantic.enabled=true");
        });
    }

    private String run(String name) {
        return newRun("it-measures-" + name + "-");
    }

    private void sendSets(String run, List<String> measures) {
        for (String variant : List.of("aligned", "base")) {
            send(
                    "sample-sets-in",
                    new SampleSet(
                            SchemaVersions.V1,
                            run,
                            "p0",
                            variant,
                            variant.equals("aligned"),
                            SampleSet.GENERATED,
                            null,
                            List.of(
                                    new Sample(0, "The cat sat on the mat and looked at the birds.", "stop"),
                                    new Sample(1, "A dog ran in the park while children played.", "stop")),
                            Instant.now(),
                            measures));
        }
    }

    private Set<String> metrics(String run) {
        return new TreeSet<>(strings("select distinct metric from scorer.score_values where run_id = ?", run));
    }

    private List<String> undefinedReasons(String run) {
        return strings("select reason from scorer.score_values where run_id = ? and value is null", run);
    }

    private List<String> strings(String sql, String run) {
        return tables().query(sql, run).stream().map(row -> (String) row.get(0)).toList();
    }
}

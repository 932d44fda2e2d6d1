package dev.overton.scorer.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.memory.InMemorySink;

import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.SetScored;
import dev.overton.contracts.json.EventJson;
import dev.overton.scorer.InMemoryChannels;
import dev.overton.scorer.InMemoryFlow;

/**
 * Issue 16, batched consumption, on in-memory channels and the real PostgreSQL: the scorer takes a poll's sample sets
 * as one batch. A set twice in the batch (a redelivery) is stored once, a candidate and its reference in the same batch
 * get their between-variant values, an unparseable record goes to the dead-letter topic alone, and a batch delivered
 * again changes nothing. A candidate and its reference in different batches get them too, from the stored copy of the
 * one that came first.
 */
@QuarkusTest
@TestProfile(InMemoryChannels.class)
class SampleSetBatchFlowTest extends InMemoryFlow {

    private static final String MALFORMED = "{\"schemaVersion\": 1, \"runId\": ";

    private final String run = newRun("batch-");

    @Test
    void aBatchStoresEachSetOnceScoresPairsWithinItAndDeadLettersOnlyTheBadRecord() {
        InMemorySink<String> dlq = clearedSink("sample-sets-dlq-out");
        InMemorySink<String> scores = clearedSink("scores-out");
        List<String> batch = List.of(
                set("p0", "base", false), // the candidate before its reference, in the same batch
                set("p0", "aligned", true),
                MALFORMED,
                set("p0", "aligned", true), // redelivered within the batch
                set("p1", "base", false)); // its reference never comes
        connector.source("sample-sets-in").send(batch);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from scorer.sample_sets" + " where run_id = ?") == 3
                        && scores(scores).size() >= 3);
        assertThat(count("select count(*) from scorer.samples where run_id = ?"))
                .isEqualTo(6);
        // Pair values of p0 for both variants (base against aligned's sample 0, aligned against itself), none for p1.
        assertThat(count("select count(*) from scorer.score_values where run_id = ? and prompt_id = 'p0'"
                        + " and variant = 'base' and metric = '" + MetricNames.PAIR_JACCARD_1 + "'"))
                .isEqualTo(2);
        assertThat(count("select count(*) from scorer.score_values where run_id = ? and prompt_id = 'p1'"
                        + " and reference is not null"))
                .isZero();
        List<SetScored> events = scores(scores);
        assertThat(events)
                .extracting(e -> e.promptId() + "/" + e.variant())
                .containsExactlyInAnyOrder("p0/base", "p0/aligned", "p1/base");
        SetScored p0Base = events.stream()
                .filter(e -> e.promptId().equals("p0") && e.variant().equals("base"))
                .findFirst()
                .orElseThrow();
        assertThat(p0Base.values()).anyMatch(v -> v.metric().equals(MetricNames.PAIR_JACCARD_1));
        assertThat(dlq.received()).extracting(Message::getPayload).containsExactly(MALFORMED);

        // The same batch again (a redelivery after a crash before the commit): not one row more.
        long values = count("select count(*) from scorer.score_values where run_id = ?");
        connector.source("sample-sets-in").send(batch);
        await().atMost(Duration.ofSeconds(30)).until(() -> dlq.received().size() == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> scores(scores).size() >= 6);
        assertThat(count("select count(*) from scorer.sample_sets where run_id = ?"))
                .isEqualTo(3);
        assertThat(count("select count(*) from scorer.samples where run_id = ?"))
                .isEqualTo(6);
        assertThat(count("select count(*) from scorer.score_values where run_id = ?"))
                .isEqualTo(values);
    }

    @Test
    void pairValuesComeFromSetsEarlierBatchesStoredWhicheverOfCandidateAndReferenceCameFirst() {
        InMemorySink<String> scores = connector.sink("scores-out");
        scores.clear();
        // p2: the candidate waits in the database for its reference, which comes in a later batch.
        connector.source("sample-sets-in").send(List.of(set("p2", "base", false)));
        await().atMost(Duration.ofSeconds(30)).until(() -> scores(scores).size() == 1);
        assertThat(count("select count(*) from scorer.score_values where run_id = ? and reference is not null"))
                .isZero();
        connector.source("sample-sets-in").send(List.of(set("p2", "aligned", true)));
        // p3: the reference is stored first, the candidate comes in a later batch.
        connector.source("sample-sets-in").send(List.of(set("p3", "aligned", true)));
        connector.source("sample-sets-in").send(List.of(set("p3", "base", false)));

        await().atMost(Duration.ofSeconds(30)).until(() -> scores(scores).size() >= 5);
        for (String prompt : List.of("p2", "p3")) {
            // base: both its samples against aligned's sample 0; aligned: its sample 1 against its sample 0.
            assertThat(count("select count(*) from scorer.score_values where run_id = ? and prompt_id = '" + prompt
                            + "' and variant = 'base' and metric = '" + MetricNames.PAIR_JACCARD_1 + "'"))
                    .as(prompt)
                    .isEqualTo(2);
            assertThat(count("select count(*) from scorer.score_values where run_id = ? and prompt_id = '" + prompt
                            + "' and variant = 'aligned' and metric = '" + MetricNames.PAIR_JACCARD_1 + "'"))
                    .as(prompt)
                    .isEqualTo(1);
        }
        // The waiting p2/base got its pair values in an event of its own when its reference came.
        assertThat(scores(scores))
                .filteredOn(e -> e.promptId().equals("p2") && e.variant().equals("base"))
                .anyMatch(e -> e.values().stream().anyMatch(v -> v.metric().equals(MetricNames.PAIR_JACCARD_1)));
    }

    private List<SetScored> scores(InMemorySink<String> sink) {
        return sent(sink, SetScored.class, e -> e.runId().equals(run));
    }

    private String set(String prompt, String variant, boolean reference) {
        return EventJson.write(new SampleSet(
                SchemaVersions.V1,
                run,
                prompt,
                variant,
                reference,
                SampleSet.GENERATED,
                null,
                List.of(
                        new Sample(0, "The cat sat on the mat and looked at the birds " + variant + ".", "stop"),
                        new Sample(1, "A dog ran in the park while children played " + prompt + ".", "stop")),
                Instant.now(),
                List.of("lexical")));
    }

    private long count(String sql) {
        return tables().number(sql, run);
    }
}

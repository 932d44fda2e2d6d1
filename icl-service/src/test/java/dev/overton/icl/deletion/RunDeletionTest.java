package dev.overton.icl.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemorySink;

import dev.overton.contracts.DatasetSpec;
import dev.overton.contracts.RunCreated;
import dev.overton.contracts.RunDeletionConfirmed;
import dev.overton.contracts.RunDeletionRequested;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.VariantSpec;
import dev.overton.icl.IclTables;
import dev.overton.icl.InMemoryFlow;
import dev.overton.icl.deletion.persistence.DeletionStore;
import dev.overton.support.messaging.SentEvents;

/**
 * icl-service's part of issue 14 on in-memory channels and the real PostgreSQL: a deletion empties every icl table for
 * the run and leaves another run intact, a late run record or sample set of the deleted run is dropped, a replayed
 * deletion changes nothing, and each handled deletion is confirmed.
 */
@QuarkusTest
class RunDeletionTest extends InMemoryFlow {

    private final String deleted = newRun("it-icl-del-");
    private final String kept = newRun("it-icl-keep-");

    @Test
    void deletionEmptiesEveryTableOfTheRunDropsLateRecordsAndIsHarmlessWhenReplayed() {
        InMemorySink<String> confirmations = connector.sink("run-deletion-confirmations-out");
        fill(deleted);
        fill(kept);
        Map<String, Long> keptBefore = rowsOf(kept);
        assertThat(keptBefore.values())
                .as("every table holds rows of the kept run")
                .allMatch(n -> n > 0);

        RunDeletionRequested deletion =
                new RunDeletionRequested(SchemaVersions.V1, deleted, Instant.now(), RunDeletionRequested.BY_RETENTION);
        send("run-deletions-in", deletion);
        await().atMost(Duration.ofSeconds(10)).until(() -> confirmed(confirmations) == 1);
        assertThat(rowsOf(deleted).values()).allMatch(n -> n == 0);
        assertThat(rowsOf(kept)).isEqualTo(keptBefore);

        // Late records of the deleted run are dropped, not resurrected.
        double handled = handled("runs-in") + handled("sample-sets-in");
        VariantSpec chat = new VariantSpec("chat", "replay", "m", "c.jsonl", null, null, 1, null);
        RunSpec spec = new RunSpec("late", new DatasetSpec(null, List.of("Hi?")), "chat", List.of(chat));
        send("runs-in", new RunCreated(SchemaVersions.V1, deleted, Instant.now(), spec, List.of("p0")));
        send(
                "sample-sets-in",
                new SampleSet(
                        SchemaVersions.V1,
                        deleted,
                        "p0",
                        "chat",
                        true,
                        SampleSet.GENERATED,
                        null,
                        List.of(new Sample(0, "an answer", "stop")),
                        Instant.now()));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> handled("runs-in") + handled("sample-sets-in") >= handled + 2);
        assertThat(rowsOf(deleted).values()).allMatch(n -> n == 0);

        send("run-deletions-in", deletion);
        await().atMost(Duration.ofSeconds(10)).until(() -> confirmed(confirmations) == 2);
        assertThat(rowsOf(deleted).values()).allMatch(n -> n == 0);
        assertThat(rowsOf(kept)).isEqualTo(keptBefore);
    }

    private long confirmed(InMemorySink<String> sink) {
        return SentEvents.of(
                        sink.received(),
                        RunDeletionConfirmed.class,
                        c -> c.runId().equals(deleted) && c.service().equals("icl-service"))
                .size();
    }

    /** Records of the channel handled, whatever the outcome. */
    private double handled(String channel) {
        double total = 0;
        for (String outcome : List.of("processed", "failed")) {
            Counter counter = registry.find("overton.consumer.records")
                    .tag("channel", channel)
                    .tag("outcome", outcome)
                    .counter();
            total += counter == null ? 0 : counter.count();
        }
        return total;
    }

    private void fill(String id) {
        IclTables tables = tables();
        tables.execute(
                "insert into icl.run_plans (run_id, name, reference, variants, prompt_count, plan, received_at)"
                        + " values (?, 'r', 'chat', '[\"chat\"]', 1, '{}', now())",
                id);
        tables.execute(
                "insert into icl.answers (run_id, prompt_id, variant, sample_count, received_at, answer)"
                        + " values (?, 'p0', 'chat', 1, now(), 'a')",
                id);
        tables.execute(
                "insert into icl.prompts (run_id, prompt_id, prompt_index, messages, received_at)"
                        + " values (?, 'p0', 0, '[]', now())",
                id);
        tables.execute(
                "insert into icl.icl_requests (run_id, prompt_id, variant, status, error, examples, dropped,"
                        + " prompt_tokens, built_at) values (?, 'p0', 'icl', 'failed', 'x', '[]', '[]', 0, now())",
                id);
        tables.execute(
                "insert into icl.pair_values (run_id, prompt_id, variant, reference, metric, sample, value,"
                        + " received_at) values (?, 'p0', 'base', 'chat', 'bertscore-f1', 0, 0.5, now())",
                id);
        tables.execute("insert into icl.recovery_runs (run_id, changed_at) values (?, now())", id);
        tables.execute(
                "insert into icl.summaries (run_id, summarizer, prompt_id, request_id, status, request, built_at)"
                        + " values (?, 's', 'p0', ? || '-summary', 'built', '{}', now())",
                id,
                id);
    }

    private Map<String, Long> rowsOf(String id) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : DeletionStore.RUN_TABLES) {
            rows.put(table, tables().count(table, id));
        }
        return rows;
    }
}

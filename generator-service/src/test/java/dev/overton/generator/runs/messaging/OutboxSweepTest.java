package dev.overton.generator.runs.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.overton.contracts.DatasetSpec;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.testing.InMemoryFlow;

/**
 * The outbox sweep over all unpublished runs goes on past a run it cannot publish: a stored run whose spec cannot be
 * read, older than a healthy unpublished run, used to fail the whole sweep on every pass, so the healthy run was never
 * published again.
 */
@QuarkusTest
class OutboxSweepTest extends InMemoryFlow {

    @Inject
    OutboxSweep sweep;

    private final String brokenRun = newRun("it-outbox-broken-");
    private final String healthyRun = newRun("it-outbox-healthy-");

    @Test
    void aRunThatCannotBePublishedDoesNotKeepTheRunsAfterItUnpublished() {
        RunSpec spec = new RunSpec(
                "healthy",
                new DatasetSpec(null, List.of()),
                "chat",
                List.of(new VariantSpec("chat", "replay", "m", "c.jsonl", null, null, 1, null)),
                List.of());
        sql().execute(
                        "insert into generator.runs (id, name, reference, spec, prompt_count, created_at) values"
                                + " (?, 'broken', 'chat', '{\"name\": \"cut off', 0, now() - interval '2 hours')",
                        brokenRun);
        sql().execute(
                        "insert into generator.runs (id, name, reference, spec, prompt_count, created_at) values"
                                + " (?, 'healthy', 'chat', ?, 0, now() - interval '1 hour')",
                        healthyRun,
                        EventJson.write(spec));

        sweep.sweepRuns().await().atMost(Duration.ofSeconds(30));

        assertThat(publishedAt(healthyRun)).isNotNull();
        assertThat(publishedAt(brokenRun)).isNull();
    }

    private Object publishedAt(String runId) {
        return sql().query("select published_at from generator.runs where id = ?", runId)
                .get(0)
                .get(0);
    }
}

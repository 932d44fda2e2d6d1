package dev.overton.icl;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemorySink;

import dev.overton.contracts.DatasetSpec;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.RunCreated;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.Sample;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.icl.orchestration.IclOrchestrator;

/**
 * One poisoned run must never stall another: a stored run whose spec carries a NUL escape (PostgreSQL's JSON functions
 * refuse to read it: 22P05) and one whose spec is not JSON at all, both older than a healthy run, are skipped by the
 * periodic sweep with a recorded reason, and the healthy run's in-context prompts are still built and sent. Before the
 * fix the sweep's single query over all recent runs failed on the first row, every sweep, for every run.
 */
@QuarkusTest
class PoisonedRunSweepTest extends InMemoryFlow {

    private static final List<String> QUERIES = List.of("How do I bake bread?", "How do electric cars charge?");

    @Inject
    IclOrchestrator orchestrator;

    private final String runId = newRun("it-healthy-");
    private final String nulRun = newRun("it-nul-");
    private final String brokenRun = newRun("it-broken-");

    @Test
    void aRunWhoseStoredSpecCannotBeReadDoesNotStallTheSweepForOtherRuns() throws SQLException {
        InMemorySink<String> requests = connector.sink("generation-requests-out");
        VariantSpec base = new VariantSpec(
                "base", "openai", "llama-2-7b", null, "http://127.0.0.1:1/v1", "completions", 1, Map.of());
        VariantSpec chat = new VariantSpec("chat", "replay", "llama-2-7b-chat", "c.jsonl", null, null, 1, null);
        List<IclVariantSpec> icl = List.of(new IclVariantSpec("icl-fixed", "base", "fixed", 1, "none", 0, null));

        // Rows as an earlier version stored them (no icl_entries), received before the healthy run.
        RunSpec poisoned = new RunSpec(
                "poisoned", new DatasetSpec(null, List.<Object>of("a\u0000b", "c")), "chat", List.of(base, chat), icl);
        insertLegacyRow(nulRun, EventJson.write(poisoned));
        insertLegacyRow(brokenRun, "{\"name\": \"cut off");

        RunSpec spec =
                new RunSpec("healthy", new DatasetSpec(null, List.copyOf(QUERIES)), "chat", List.of(base, chat), icl);
        send("runs-in", new RunCreated(SchemaVersions.V1, runId, Instant.now(), spec, List.of("0", "1")));
        sendTeacherSide(
                runId, chat, QUERIES, i -> List.of(new Sample(0, "Chat answer about " + QUERIES.get(i), "stop")));
        awaitTeacherSideStored(runId, 2, Duration.ofSeconds(60));
        double unreadableBefore = unreadable();

        orchestrator.sweep().await().atMost(Duration.ofSeconds(30));

        List<GenerationRequest> sent = requests.received().stream()
                .map(m -> EventJson.read(m.getPayload(), GenerationRequest.class))
                .filter(r -> r.runId().equals(runId))
                .toList();
        assertThat(sent)
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.variant().name()).isEqualTo("icl-fixed"));
        assertThat(problem(nulRun)).contains("dataset.prompts[0] carries U+0000 (NUL)");
        assertThat(problem(brokenRun)).startsWith("spec is not a readable run spec");
        assertThat(unreadable() - unreadableBefore).isEqualTo(2);

        // Marked once: the next sweep neither reads them again nor counts them twice.
        orchestrator.sweep().await().atMost(Duration.ofSeconds(30));
        assertThat(unreadable() - unreadableBefore).isEqualTo(2);
    }

    private double unreadable() {
        var counter = registry.find("overton.icl.unreadable.runs").counter();
        return counter == null ? 0 : counter.count();
    }

    private void insertLegacyRow(String run, String specJson) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("insert into icl.run_plans (run_id, name, reference,"
                        + " variants, prompt_count, plan, received_at, spec, prompt_ids, icl_problems)"
                        + " values (?, 'poisoned', 'chat', '[\"base\",\"chat\"]', 2, 'plan', ?, ?, '[\"0\",\"1\"]',"
                        + " '[]')")) {
            st.setString(1, run);
            st.setTimestamp(2, Timestamp.from(Instant.now().minusSeconds(60)));
            st.setString(3, specJson);
            st.executeUpdate();
        }
    }

    private String problem(String run) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "select icl_entries, icl_entries_problem from icl.run_plans where run_id = ?")) {
            st.setString(1, run);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt("icl_entries")).isZero();
                return rs.getString("icl_entries_problem");
            }
        }
    }
}

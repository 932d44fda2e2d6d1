package dev.overton.scorer.report.persistence;

import java.time.Instant;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.RecoveryReport;
import dev.overton.contracts.json.EventJson;

/**
 * The latest {@link RecoveryReport} per run (table {@code recovery_reports}). Storing is an upsert on the run id that
 * only replaces an older-or-equal report ({@code computed_at}), so a redelivered record changes nothing and an older
 * report arriving late cannot hide a newer verdict.
 *
 * <p>The report is bound as text and cast to {@code jsonb} in SQL: bound directly as a {@code jsonb} parameter, the
 * reactive client would store the Java string as a JSON string value instead of the object it contains.
 */
@ApplicationScoped
public class RecoveryStore {

    private final Mutiny.SessionFactory sessions;

    public RecoveryStore(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /**
     * Stores {@code report} unless a newer one is stored; a report without {@code computedAt} counts as computed when
     * it was received.
     *
     * @return whether the stored report was inserted or replaced
     */
    public Uni<Boolean> store(RecoveryReport report, Instant receivedAt) {
        Instant computedAt = report.computedAt() == null ? receivedAt : report.computedAt();
        return sessions.withTransaction((session, tx) -> session.createNativeQuery(
                                "insert into recovery_reports (run_id, reference, computed_at, report, received_at)"
                                        + " values (:run, :reference, :computedAt, cast(cast(:report as text) as jsonb), :at)"
                                        + " on conflict (run_id) do update set reference = excluded.reference,"
                                        + " computed_at = excluded.computed_at, report = excluded.report,"
                                        + " received_at = excluded.received_at"
                                        + " where recovery_reports.computed_at <= excluded.computed_at")
                        .setParameter("run", report.runId())
                        .setParameter("reference", report.reference())
                        .setParameter("computedAt", computedAt)
                        .setParameter("report", EventJson.write(report))
                        .setParameter("at", receivedAt)
                        .executeUpdate())
                .map(rows -> rows > 0);
    }

    /** The run's latest report, or {@code null}. */
    public Uni<RecoveryReport> latest(String runId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select cast(report as text) from recovery_reports where run_id = :run", String.class)
                        .setParameter("run", runId)
                        .getResultList())
                .map(RecoveryStore::first);
    }

    private static RecoveryReport first(List<String> rows) {
        return rows.isEmpty() ? null : EventJson.read(rows.get(0), RecoveryReport.class);
    }
}

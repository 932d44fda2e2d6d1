package dev.overton.icl.recovery.persistence;

import java.time.Instant;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

import dev.overton.icl.recovery.PairValue;
import dev.overton.support.persistence.NamedRow;
import dev.overton.support.reactive.InOrder;

/**
 * Pair values and the recovery report bookkeeping in PostgreSQL. Values are upserted on their natural key (run, prompt,
 * variant, reference, metric, sample), so a redelivered {@code scores} event leaves exactly one row per value; every
 * store also stamps the run's {@code changed_at}, which drives the debounced {@code recoveries} events.
 */
@ApplicationScoped
public class RecoveryStore {

    private final Mutiny.SessionFactory sessions;

    public RecoveryStore(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Upserts {@code values} of one run and marks the run changed at {@code at}. */
    public Uni<Void> store(String runId, List<PairValue> values, Instant at) {
        return sessions.withTransaction((session, tx) -> InOrder.each(values, v -> upsert(session, runId, v, at))
                        .chain(() -> session.createNativeQuery(
                                        "insert into recovery_runs (run_id, changed_at) values (:run, :at)"
                                                + " on conflict (run_id) do update set changed_at ="
                                                + " greatest(recovery_runs.changed_at, excluded.changed_at)")
                                .setParameter("run", runId)
                                .setParameter("at", at)
                                .executeUpdate()))
                .replaceWithVoid();
    }

    private static Uni<Integer> upsert(Mutiny.Session session, String runId, PairValue v, Instant at) {
        return session.createNativeQuery(
                        "insert into pair_values (run_id, prompt_id, variant, reference, metric, sample, value,"
                                + " received_at) values (:run, :prompt, :variant, :reference, :metric, :sample, :value,"
                                + " :at) on conflict (run_id, prompt_id, variant, reference, metric, sample) do update"
                                + " set value = excluded.value, received_at = excluded.received_at")
                .setParameter("run", runId)
                .setParameter("prompt", v.promptId())
                .setParameter("variant", v.variant())
                .setParameter("reference", v.reference())
                .setParameter("metric", v.metric())
                .setParameter("sample", v.sample())
                .setParameter("value", v.value())
                .setParameter("at", at)
                .executeUpdate();
    }

    /** Every pair value of a run. */
    public Uni<List<PairValue>> values(String runId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select prompt_id, variant, reference, metric, sample, value from pair_values"
                                        + " where run_id = :run",
                                Tuple.class)
                        .setParameter("run", runId)
                        .getResultList())
                .map(rows -> NamedRow.all(rows).stream()
                        .map(r -> new PairValue(
                                r.getString("prompt_id"),
                                r.getString("variant"),
                                r.getString("reference"),
                                r.getString("metric"),
                                r.getInteger("sample"),
                                r.getDouble("value")))
                        .toList());
    }

    /** The run's reference variant as the run event named it, or {@code null} when the run event was not seen. */
    public Uni<String> reference(String runId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select reference from run_plans where run_id = :run", String.class)
                        .setParameter("run", runId)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** Whether the service has seen the run (its run event or any pair value). */
    public Uni<Boolean> known(String runId) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "select (exists (select 1 from run_plans where run_id = :run)"
                                + " or exists (select 1 from recovery_runs where run_id = :run))",
                        Boolean.class)
                .setParameter("run", runId)
                .getSingleResult());
    }

    /** Runs whose pair values changed since {@code since}, most recent first (at most {@code limit}). */
    public Uni<List<String>> recentRuns(Instant since, int limit) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "select run_id from recovery_runs where changed_at >= :since"
                                + " order by changed_at desc limit :limit",
                        String.class)
                .setParameter("since", since)
                .setParameter("limit", limit)
                .getResultList());
    }

    /**
     * Runs whose values changed after their last report and whose last report is at least {@code interval} old (or
     * that never had one).
     */
    public Uni<List<String>> dueReports(Instant lastReportBefore) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "select run_id from recovery_runs where (published_at is null"
                                + " or changed_at > published_at) and (published_at is null"
                                + " or published_at <= :before) order by changed_at limit 100",
                        String.class)
                .setParameter("before", lastReportBefore)
                .getResultList());
    }

    /**
     * Records that the run's report was computed from the values as of {@code readAt}: a value stored after that
     * moment has a later {@code changed_at} and makes the run due again.
     */
    public Uni<Void> markReported(String runId, Instant readAt) {
        return sessions.withTransaction((session, tx) -> session.createNativeQuery(
                                "update recovery_runs set published_at = :at where run_id = :run")
                        .setParameter("at", readAt)
                        .setParameter("run", runId)
                        .executeUpdate())
                .replaceWithVoid();
    }
}

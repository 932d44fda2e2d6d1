package dev.overton.generator.catalog.persistence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.overton.contracts.RunDeletionConfirmed;
import dev.overton.contracts.RunDeletionRequested;
import dev.overton.contracts.SchemaVersions;
import dev.overton.support.persistence.Rows;
import dev.overton.support.reactive.InOrder;

/**
 * Run deletions in PostgreSQL: the tombstone of each deleted run ({@code run_deletions}, kept after the rows are gone so
 * that a late request or set of the run is recognised), the outbox of deletion events not yet acknowledged by Kafka,
 * and the services' confirmations. Every write is an insert-if-absent or a delete, so a replayed event changes nothing.
 */
@ApplicationScoped
public class DeletionStore {

    /**
     * What deletes a run's rows ({@code $1}: the run id), children before the run; the run's prompts and variants go
     * with it (foreign keys with cascade).
     */
    private static final List<String> DELETE_RUN_ROWS = List.of(
            "delete from completions where run_id = $1",
            "delete from token_scores where run_id = $1",
            "delete from samples where run_id = $1",
            "delete from sample_sets where run_id = $1",
            "delete from runs where id = $1");

    /** Arbitrary constant naming the retention sweep's advisory lock (one sweeping generator at a time). */
    static final long RETENTION_LOCK = 0x6f76_6572_746f_6e01L;

    private final Pool pool;

    public DeletionStore(Pool pool) {
        this.pool = pool;
    }

    /** How far a run's deletion has got. */
    public enum State {
        /** Not deleted. */
        NONE,
        /** Deletion requested, not every service has confirmed yet. */
        DELETING,
        /** Every service confirmed: the run is gone. */
        GONE
    }

    /** The run's deletion state. */
    public Uni<State> state(String runId) {
        return pool.preparedQuery("select (select count(distinct c.service) from run_deletion_confirmations c"
                        + " where c.run_id = d.run_id and c.service = any($2)) as confirmed"
                        + " from run_deletions d where d.run_id = $1")
                .execute(Tuple.of(runId, RunDeletionConfirmed.SERVICES.toArray(String[]::new)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return State.NONE;
                    }
                    long confirmed = rows.iterator().next().getLong("confirmed");
                    return confirmed >= RunDeletionConfirmed.SERVICES.size() ? State.GONE : State.DELETING;
                });
    }

    /** Whether the run has a tombstone (its deletion was requested), i.e. nothing more may be done for it. */
    public Uni<Boolean> isDeleted(String runId) {
        return pool.preparedQuery("select 1 from run_deletions where run_id = $1")
                .execute(Tuple.of(runId))
                .map(rows -> rows.size() > 0);
    }

    /**
     * Requests the deletion of a run this generator holds: stores its tombstone (unless there is one) and returns the
     * event to publish, or {@code null} when there is no such run and no tombstone.
     */
    public Uni<RunDeletionRequested> request(String runId, String reason, Instant at) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("insert into run_deletions (run_id, reason, requested_at)"
                        + " select id, $2, $3 from runs where id = $1 on conflict do nothing")
                .execute(Tuple.of(runId, reason, at.atOffset(ZoneOffset.UTC)))
                .chain(() -> connection
                        .preparedQuery("select run_id, reason, requested_at from run_deletions where run_id = $1")
                        .execute(Tuple.of(runId)))
                .map(DeletionStore::firstEvent));
    }

    /**
     * Tombstones every run created before {@code before} that has none yet, at most {@code max}, and returns their
     * events. Only one generator instance does so at a time (a transaction-scoped advisory lock); another instance's
     * sweep in the meantime returns nothing.
     */
    public Uni<List<RunDeletionRequested>> expire(Instant before, int max) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("select pg_try_advisory_xact_lock($1) as locked")
                .execute(Tuple.of(RETENTION_LOCK))
                .chain(locked -> !locked.iterator().next().getBoolean("locked")
                        ? Uni.createFrom().item(List.<RunDeletionRequested>of())
                        : connection
                                .preparedQuery("insert into run_deletions (run_id, reason, requested_at)"
                                        + " select r.id, $2, now() from runs r where r.created_at < $1"
                                        + " and not exists (select 1 from run_deletions d where d.run_id = r.id)"
                                        + " order by r.created_at limit $3"
                                        + " on conflict do nothing returning run_id, reason, requested_at")
                                .execute(Tuple.of(
                                        before.atOffset(ZoneOffset.UTC), RunDeletionRequested.BY_RETENTION, max))
                                .map(DeletionStore::events)));
    }

    /** Deletion events stored before {@code before} that Kafka has not acknowledged, oldest first. */
    public Uni<List<RunDeletionRequested>> unpublished(Instant before, int max) {
        return pool.preparedQuery("select run_id, reason, requested_at from run_deletions"
                        + " where published_at is null and requested_at < $1 order by requested_at limit $2")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC), max))
                .map(DeletionStore::events);
    }

    /** Records that the run's deletion event was acknowledged by Kafka. */
    public Uni<Void> markPublished(String runId) {
        return pool.preparedQuery(
                        "update run_deletions set published_at = now() where run_id = $1 and published_at is null")
                .execute(Tuple.of(runId))
                .replaceWithVoid();
    }

    /**
     * Deletes every row this generator holds for the run (the run, its prompts, variants, sample sets, samples,
     * completions and token scores) and keeps its tombstone, in one transaction. Deleting a deleted run changes nothing.
     */
    public Uni<Void> deleteRun(RunDeletionRequested deletion) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("insert into run_deletions (run_id, reason, requested_at, published_at)"
                        + " values ($1, $2, $3, now()) on conflict do nothing")
                .execute(Tuple.of(
                        deletion.runId(),
                        RunDeletionRequested.BY_RETENTION.equals(deletion.reason())
                                ? RunDeletionRequested.BY_RETENTION
                                : RunDeletionRequested.BY_USER,
                        deletion.requestedAt().atOffset(ZoneOffset.UTC)))
                .chain(() -> InOrder.each(
                        DELETE_RUN_ROWS, sql -> connection.preparedQuery(sql).execute(Tuple.of(deletion.runId()))))
                .replaceWithVoid());
    }

    /** Stores a service's confirmation (the first one per service counts). */
    public Uni<Void> confirm(RunDeletionConfirmed confirmation) {
        return pool.preparedQuery("insert into run_deletion_confirmations (run_id, service, confirmed_at)"
                        + " values ($1, $2, $3) on conflict do nothing")
                .execute(Tuple.of(
                        confirmation.runId(),
                        confirmation.service(),
                        confirmation.deletedAt().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    private static RunDeletionRequested firstEvent(RowSet<Row> rows) {
        List<RunDeletionRequested> events = events(rows);
        return events.isEmpty() ? null : events.get(0);
    }

    private static List<RunDeletionRequested> events(RowSet<Row> rows) {
        return Rows.list(
                rows,
                row -> new RunDeletionRequested(
                        SchemaVersions.V1,
                        row.getString("run_id"),
                        row.getOffsetDateTime("requested_at").toInstant(),
                        row.getString("reason")));
    }
}

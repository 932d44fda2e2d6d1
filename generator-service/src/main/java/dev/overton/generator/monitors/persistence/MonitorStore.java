package dev.overton.generator.monitors.persistence;

import static dev.overton.generator.monitors.persistence.MonitorRowValues.at;
import static dev.overton.generator.monitors.persistence.MonitorRowValues.instant;
import static dev.overton.generator.monitors.persistence.MonitorRowValues.read;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.overton.contracts.MonitorDefined;
import dev.overton.contracts.MonitorSpec;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.monitors.AcceptedMonitor;
import dev.overton.support.persistence.Rows;

/**
 * Monitors themselves in PostgreSQL: their definitions (with a dataset monitor's prompts), state, and the outbox of
 * their {@code monitors} records (a change clears {@code published_at}; the record is published again until Kafka
 * acknowledges it).
 *
 * <p>Their windows are {@link MonitorWindowStore}'s and their streamed prompts {@link StreamPromptStore}'s; only
 * {@link #delete} reaches into those tables, because a monitor is deleted together with its windows and prompts, in
 * one transaction.
 */
@ApplicationScoped
public class MonitorStore {

    private static final TypeReference<List<Prompt>> PROMPTS = new TypeReference<>() {};

    private static final String MONITOR_COLUMNS =
            "id, name, spec, monitor, state, next_due, last_window, created_at, updated_at, published_at";

    private final Pool pool;

    public MonitorStore(Pool pool) {
        this.pool = pool;
    }

    /** Stores a new monitor; its first scheduled window (if it has a schedule) is due at once. */
    public Uni<StoredMonitor> insert(String id, AcceptedMonitor monitor, Instant now) {
        Duration every = monitor.monitor().window().period();
        return pool.preparedQuery("insert into monitors (id, name, spec, monitor, prompts, state, every_ms, next_due,"
                        + " created_at, updated_at) values ($1, $2, $3, $4, $5, 'active', $6, $7, $8, $8)"
                        + " returning " + MONITOR_COLUMNS)
                .execute(Tuple.tuple()
                        .addString(id)
                        .addString(monitor.spec().name())
                        .addString(EventJson.write(monitor.spec()))
                        .addString(EventJson.write(monitor.monitor()))
                        .addString(monitor.monitor().streamed() ? null : EventJson.write(monitor.prompts()))
                        .addLong(every == null ? null : every.toMillis())
                        .addOffsetDateTime(every == null ? null : at(now))
                        .addOffsetDateTime(at(now)))
                .map(rows -> monitor(rows.iterator().next()));
    }

    /** The monitor, or {@code null} when there is none (or it was deleted). */
    public Uni<StoredMonitor> find(String id) {
        return pool.preparedQuery("select " + MONITOR_COLUMNS + " from monitors where id = $1 and state <> 'deleted'")
                .execute(Tuple.of(id))
                .map(MonitorStore::firstMonitor);
    }

    /** The live monitor named {@code name}, or {@code null}. */
    public Uni<StoredMonitor> findByName(String name) {
        return pool.preparedQuery("select " + MONITOR_COLUMNS + " from monitors where name = $1 and state <> 'deleted'")
                .execute(Tuple.of(name))
                .map(MonitorStore::firstMonitor);
    }

    /** Every live monitor, oldest first. */
    public Uni<List<StoredMonitor>> list() {
        return pool.preparedQuery(
                        "select " + MONITOR_COLUMNS + " from monitors where state <> 'deleted' order by created_at, id")
                .execute()
                .map(rows -> Rows.list(rows, MonitorStore::monitor));
    }

    /** The dataset's prompts of a monitor (empty for a stream source). */
    public Uni<List<Prompt>> prompts(String id) {
        return pool.preparedQuery("select prompts from monitors where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    String json =
                            rows.size() == 0 ? null : rows.iterator().next().getString("prompts");
                    return json == null ? List.<Prompt>of() : read(json, PROMPTS);
                });
    }

    /**
     * Pauses ({@code active} to {@code paused}, no schedule) or resumes ({@code paused} to {@code active}, next
     * scheduled window one period after now) the monitor.
     *
     * @return the monitor afterwards, or {@code null} when there is no such live monitor
     */
    public Uni<StoredMonitor> setState(String id, String state, Instant now) {
        boolean resume = MonitorDefined.ACTIVE.equals(state);
        return pool.preparedQuery("update monitors set state = $2, updated_at = $3, published_at = null,"
                        + " next_due = case when $4 and every_ms is not null"
                        + " then $3 + every_ms * interval '1 millisecond' else null end"
                        + " where id = $1 and state <> 'deleted' returning " + MONITOR_COLUMNS)
                .execute(Tuple.of(id, state, at(now), resume))
                .map(MonitorStore::firstMonitor);
    }

    /**
     * Marks the monitor deleted and forgets its windows and prompts, in one transaction.
     *
     * @return the run ids of its windows, to delete through the catalog's deletion path; {@code null} when there is no
     *     such live monitor
     */
    public Uni<List<String>> delete(String id, Instant now) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("update monitors set state = 'deleted', next_due = null, updated_at = $2,"
                        + " published_at = null, prompts = null where id = $1 and state <> 'deleted' returning id")
                .execute(Tuple.of(id, at(now)))
                .chain(updated -> updated.size() == 0
                        ? Uni.createFrom().<List<String>>nullItem()
                        : connection
                                .preparedQuery("delete from monitor_prompts where monitor_id = $1")
                                .execute(Tuple.of(id))
                                .chain(() -> connection
                                        .preparedQuery("delete from monitor_windows where monitor_id = $1"
                                                + " returning run_id")
                                        .execute(Tuple.of(id)))
                                .map(rows -> {
                                    List<String> runIds = new ArrayList<>();
                                    for (Row row : rows) {
                                        if (row.getString("run_id") != null) {
                                            runIds.add(row.getString("run_id"));
                                        }
                                    }
                                    return runIds;
                                })));
    }

    /** Monitors (deleted ones included) whose current record Kafka has not acknowledged, changed before {@code before}. */
    public Uni<List<StoredMonitor>> unpublished(Instant before, int max) {
        return pool.preparedQuery("select " + MONITOR_COLUMNS + " from monitors where published_at is null"
                        + " and updated_at < $1 order by updated_at limit $2")
                .execute(Tuple.of(at(before), max))
                .map(rows -> Rows.list(rows, MonitorStore::monitor));
    }

    /**
     * Records that Kafka acknowledged the monitor's record as of {@code updatedAt}; a deleted monitor's row goes (its
     * tombstone is out, its name is free).
     */
    public Uni<Void> markPublished(String id, Instant updatedAt) {
        return pool.preparedQuery("update monitors set published_at = now() where id = $1 and updated_at = $2")
                .execute(Tuple.of(id, at(updatedAt)))
                .chain(() -> pool.preparedQuery(
                                "delete from monitors where id = $1 and state = 'deleted' and published_at is not null")
                        .execute(Tuple.of(id)))
                .replaceWithVoid();
    }

    /** Whether a run with this id exists (and is not being deleted). */
    public Uni<Boolean> runExists(String runId) {
        return pool.preparedQuery("select 1 from runs r where r.id = $1"
                        + " and not exists (select 1 from run_deletions d where d.run_id = r.id)")
                .execute(Tuple.of(runId))
                .map(rows -> rows.size() > 0);
    }

    private static StoredMonitor firstMonitor(RowSet<Row> rows) {
        return rows.size() == 0 ? null : monitor(rows.iterator().next());
    }

    private static StoredMonitor monitor(Row row) {
        return new StoredMonitor(
                row.getString("id"),
                row.getString("name"),
                read(row.getString("spec"), RunSpec.class),
                read(row.getString("monitor"), MonitorSpec.class),
                row.getString("state"),
                instant(row.getOffsetDateTime("next_due")),
                row.getInteger("last_window"),
                instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("updated_at")),
                instant(row.getOffsetDateTime("published_at")));
    }
}

package dev.overton.generator.monitors.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.MonitorDefined;
import dev.overton.contracts.MonitorSpec;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.monitors.AcceptedMonitor;
import dev.overton.support.persistence.Rows;

/**
 * Monitors, their windows and their streamed prompts in PostgreSQL.
 *
 * <p>Exactly-once windows: a window is opened in one transaction that locks its monitor's row, inserts the window row
 * ({@code (monitor_id, window_no)} is the primary key) and moves {@code last_window} and {@code next_due} on. Scheduled
 * claims lock with {@code FOR UPDATE SKIP LOCKED}, so two generator instances never claim the same due time, and a
 * claim that finds the due time long past (the generators were down) opens one catch-up window and sets the next due
 * time after now, never one window per missed tick. A window's run id is fixed when it is opened; its run is stored
 * afterwards under the window row's lock, and a window whose run was never stored (a crash in between) is stored again
 * with the same id.
 */
@ApplicationScoped
public class MonitorStore {

    private static final TypeReference<List<Prompt>> PROMPTS = new TypeReference<>() {};
    private static final TypeReference<List<ChatMessage>> MESSAGES = new TypeReference<>() {};

    private static final String MONITOR_COLUMNS =
            "id, name, spec, monitor, state, next_due, last_window, created_at, updated_at, published_at";
    private static final String WINDOW_COLUMNS = "monitor_id, window_no, run_id, trigger, due_at, label, prompt_from,"
            + " prompt_to, opened_at, run_created_at";

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
     * Opens the due windows of up to {@code max} active monitors whose next window is due at {@code now}, skipping
     * monitors another instance is opening a window of. Each monitor gets one window, however many ticks were missed.
     */
    public Uni<List<MonitorWindowRow>> claimDue(Instant now, int max) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("select id, monitor, every_ms, next_due, last_window, prompt_seq from monitors"
                        + " where state = 'active' and next_due <= $1 order by next_due limit $2"
                        + " for update skip locked")
                .execute(Tuple.of(at(now), max))
                .onItem()
                .transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem()
                .transformToUniAndConcatenate(row -> {
                    Instant due = row.getOffsetDateTime("next_due").toInstant();
                    Duration every = Duration.ofMillis(row.getLong("every_ms"));
                    long missed = Duration.between(due, now).toMillis() / every.toMillis();
                    Instant next = due.plus(every.multipliedBy(missed + 1));
                    String trigger = missed >= 1 ? MonitorWindowRow.CATCH_UP : MonitorWindowRow.SCHEDULE;
                    return open(connection, row, trigger, due, null, next, now);
                })
                .collect()
                .asList());
    }

    /**
     * Opens a window of the monitor now, with {@code label}; {@code null} when there is no such monitor. Its schedule
     * is unchanged.
     */
    public Uni<MonitorWindowRow> trigger(String id, String label, Instant now) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("select id, monitor, every_ms, next_due, last_window, prompt_seq from monitors"
                        + " where id = $1 and state <> 'deleted' for update")
                .execute(Tuple.of(id))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row row = rows.iterator().next();
                    OffsetDateTime next = row.getOffsetDateTime("next_due");
                    return open(
                            connection,
                            row,
                            MonitorWindowRow.MANUAL,
                            null,
                            label,
                            next == null ? null : next.toInstant(),
                            now);
                }));
    }

    private Uni<MonitorWindowRow> open(
            SqlConnection connection,
            Row monitor,
            String trigger,
            Instant due,
            String label,
            Instant next,
            Instant now) {
        String id = monitor.getString("id");
        int window = monitor.getInteger("last_window") + 1;
        boolean streamed = read(monitor.getString("monitor"), MonitorSpec.class).streamed();
        long from = monitor.getLong("prompt_seq");
        Uni<Long> upTo = !streamed
                ? Uni.createFrom().item(from)
                : connection
                        .preparedQuery(
                                "select coalesce(max(seq), $2) as upto from monitor_prompts where monitor_id = $1")
                        .execute(Tuple.of(id, from))
                        .map(rows -> rows.iterator().next().getLong("upto"));
        return upTo.chain(to -> {
            // A stream window with no new prompt has no run: it is recorded (never silently skipped) as empty.
            boolean empty = streamed && to == from;
            String runId = empty ? null : UUID.randomUUID().toString();
            return connection
                    .preparedQuery("insert into monitor_windows (" + WINDOW_COLUMNS + ")"
                            + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning " + WINDOW_COLUMNS)
                    .execute(Tuple.tuple()
                            .addString(id)
                            .addInteger(window)
                            .addString(runId)
                            .addString(trigger)
                            .addOffsetDateTime(due == null ? null : at(due))
                            .addString(label)
                            .addLong(streamed ? from : null)
                            .addLong(streamed ? to : null)
                            .addOffsetDateTime(at(now))
                            .addOffsetDateTime(empty ? at(now) : null))
                    .call(() -> connection
                            .preparedQuery("update monitors set last_window = $2, next_due = $3, prompt_seq = $4"
                                    + " where id = $1")
                            .execute(Tuple.tuple()
                                    .addString(id)
                                    .addInteger(window)
                                    .addOffsetDateTime(next == null ? null : at(next))
                                    .addLong(to)))
                    .map(rows -> window(rows.iterator().next()));
        });
    }

    /** Windows opened before {@code before} whose run was never stored, oldest first. */
    public Uni<List<MonitorWindowRow>> pending(Instant before, int max) {
        return pool.preparedQuery("select " + WINDOW_COLUMNS + " from monitor_windows"
                        + " where run_created_at is null and opened_at < $1 order by opened_at limit $2")
                .execute(Tuple.of(at(before), max))
                .map(rows -> Rows.list(rows, MonitorStore::window));
    }

    /**
     * Stores the run of a pending window exactly once: under the window row's lock (another instance working on it is
     * skipped), {@code store} is called unless the run exists already, and the window is marked created.
     *
     * @param store stores the window's run
     * @return whether {@code store} stored it (so it is to be published)
     */
    public Uni<Boolean> createRun(String monitorId, int window, Function<MonitorWindowRow, Uni<Void>> store) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("select " + WINDOW_COLUMNS + " from monitor_windows where monitor_id = $1"
                        + " and window_no = $2 and run_created_at is null and run_id is not null"
                        + " for update skip locked")
                .execute(Tuple.of(monitorId, window))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    MonitorWindowRow row = window(rows.iterator().next());
                    return connection
                            .preparedQuery("select exists (select 1 from runs where id = $1)"
                                    + " or exists (select 1 from run_deletions where run_id = $1) as known")
                            .execute(Tuple.of(row.runId()))
                            .chain(known -> known.iterator().next().getBoolean("known")
                                    ? Uni.createFrom().item(false)
                                    : store.apply(row).replaceWith(true))
                            .call(() -> connection
                                    .preparedQuery("update monitor_windows set run_created_at = now()"
                                            + " where monitor_id = $1 and window_no = $2")
                                    .execute(Tuple.of(monitorId, window)));
                }));
    }

    /** A window of the monitor, or {@code null}. */
    public Uni<MonitorWindowRow> window(String monitorId, int window) {
        return pool.preparedQuery(
                        "select " + WINDOW_COLUMNS + " from monitor_windows where monitor_id = $1 and window_no = $2")
                .execute(Tuple.of(monitorId, window))
                .map(rows -> rows.size() == 0 ? null : window(rows.iterator().next()));
    }

    /** The monitor's kept windows, newest first, at most {@code max}. */
    public Uni<List<MonitorWindowRow>> windows(String monitorId, int max) {
        return pool.preparedQuery("select " + WINDOW_COLUMNS + " from monitor_windows where monitor_id = $1"
                        + " order by window_no desc limit $2")
                .execute(Tuple.of(monitorId, max))
                .map(rows -> Rows.list(rows, MonitorStore::window));
    }

    /** How many windows of the monitor are kept. */
    public Uni<Long> windowCount(String monitorId) {
        return pool.preparedQuery("select count(*) as n from monitor_windows where monitor_id = $1")
                .execute(Tuple.of(monitorId))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    /**
     * The windows with a run beyond the newest {@code keep}, oldest first, never the monitor's first window with a run
     * when {@code keepFirst} (it is the baseline).
     */
    public Uni<List<MonitorWindowRow>> beyondRetention(String monitorId, int keep, boolean keepFirst) {
        return pool.preparedQuery("with kept as (select window_no from monitor_windows where monitor_id = $1"
                        + " and run_id is not null order by window_no desc limit $2),"
                        + " first as (select min(window_no) as window_no from monitor_windows where monitor_id = $1"
                        + " and run_id is not null)"
                        + " select " + WINDOW_COLUMNS + " from monitor_windows w where w.monitor_id = $1"
                        + " and w.window_no not in (select window_no from kept)"
                        + " and (not $3 or w.window_no <> (select window_no from first))"
                        + " order by w.window_no")
                .execute(Tuple.of(monitorId, keep, keepFirst))
                .map(rows -> Rows.list(rows, MonitorStore::window));
    }

    /** Forgets a window (its run is deleted through the catalog's deletion path). */
    public Uni<Void> forgetWindow(String monitorId, int window) {
        return pool.preparedQuery("delete from monitor_windows where monitor_id = $1 and window_no = $2")
                .execute(Tuple.of(monitorId, window))
                .replaceWithVoid();
    }

    /** The streamed prompts with {@code from < seq <= to}, in arrival order; each prompt's id is {@code s<seq>}. */
    public Uni<List<Prompt>> streamPrompts(String monitorId, long from, long to) {
        return pool.preparedQuery("select seq, messages from monitor_prompts where monitor_id = $1 and seq > $2"
                        + " and seq <= $3 order by seq")
                .execute(Tuple.of(monitorId, from, to))
                .map(rows -> {
                    List<Prompt> prompts = new ArrayList<>();
                    for (Row row : rows) {
                        prompts.add(new Prompt(
                                "s" + row.getLong("seq"), prompts.size(), read(row.getString("messages"), MESSAGES)));
                    }
                    return prompts;
                });
    }

    /** Deletes the streamed prompts a window has taken ({@code from < seq <= to}). */
    public Uni<Void> forgetStreamPrompts(String monitorId, long from, long to) {
        return pool.preparedQuery("delete from monitor_prompts where monitor_id = $1 and seq > $2 and seq <= $3")
                .execute(Tuple.of(monitorId, from, to))
                .replaceWithVoid();
    }

    /** Stores a streamed prompt of the monitor; {@code false} when it has no such live stream monitor. */
    public Uni<Boolean> addPrompt(String monitorId, List<ChatMessage> messages, Instant now) {
        return pool.preparedQuery("insert into monitor_prompts (monitor_id, messages, received_at)"
                        + " select id, $2, $3 from monitors where id = $1 and state <> 'deleted'")
                .execute(Tuple.of(monitorId, EventJson.write(messages), at(now)))
                .map(rows -> rows.rowCount() > 0);
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

    private static MonitorWindowRow window(Row row) {
        return new MonitorWindowRow(
                row.getString("monitor_id"),
                row.getInteger("window_no"),
                row.getString("run_id"),
                row.getString("trigger"),
                instant(row.getOffsetDateTime("due_at")),
                row.getString("label"),
                row.getLong("prompt_from"),
                row.getLong("prompt_to"),
                instant(row.getOffsetDateTime("opened_at")),
                instant(row.getOffsetDateTime("run_created_at")));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return EventJson.mapper().readValue(json, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored monitor's " + type.getSimpleName() + " is not valid JSON", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return EventJson.mapper().readValue(json, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored monitor's prompts are not valid JSON", e);
        }
    }
}

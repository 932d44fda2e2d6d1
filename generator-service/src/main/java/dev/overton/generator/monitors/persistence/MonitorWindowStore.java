package dev.overton.generator.monitors.persistence;

import static dev.overton.generator.monitors.persistence.MonitorRowValues.at;
import static dev.overton.generator.monitors.persistence.MonitorRowValues.instant;
import static dev.overton.generator.monitors.persistence.MonitorRowValues.read;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.overton.contracts.MonitorSpec;
import dev.overton.support.persistence.Rows;

/**
 * Monitors' windows in PostgreSQL: opening them (scheduled, caught up or triggered), storing each window's run exactly
 * once, and reading and forgetting them for the API and retention.
 *
 * <p>Exactly-once windows: a window is opened in one transaction that locks its monitor's row, inserts the window row
 * ({@code (monitor_id, window_no)} is the primary key) and moves {@code last_window} and {@code next_due} on. Scheduled
 * claims lock with {@code FOR UPDATE SKIP LOCKED}, so two generator instances never claim the same due time, and a
 * claim that finds the due time long past (the generators were down) opens one catch-up window and sets the next due
 * time after now, never one window per missed tick. A window's run id is fixed when it is opened; its run is stored
 * afterwards under the window row's lock, and a window whose run was never stored (a crash in between) is stored again
 * with the same id. Opening a stream monitor's window also fixes, in the same transaction, which of its streamed
 * prompts the window takes (the prompts themselves are {@link StreamPromptStore}'s).
 */
@ApplicationScoped
public class MonitorWindowStore {

    private static final String WINDOW_COLUMNS = "monitor_id, window_no, run_id, trigger, due_at, label, prompt_from,"
            + " prompt_to, opened_at, run_created_at";

    private final Pool pool;

    public MonitorWindowStore(Pool pool) {
        this.pool = pool;
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
                .map(rows -> Rows.list(rows, MonitorWindowStore::window));
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
                .map(rows -> Rows.list(rows, MonitorWindowStore::window));
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
                .map(rows -> Rows.list(rows, MonitorWindowStore::window));
    }

    /** Forgets a window (its run is deleted through the catalog's deletion path). */
    public Uni<Void> forgetWindow(String monitorId, int window) {
        return pool.preparedQuery("delete from monitor_windows where monitor_id = $1 and window_no = $2")
                .execute(Tuple.of(monitorId, window))
                .replaceWithVoid();
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
}

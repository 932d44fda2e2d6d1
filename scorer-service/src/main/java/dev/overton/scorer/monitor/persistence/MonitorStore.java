package dev.overton.scorer.monitor.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.overton.contracts.AlarmChanged;
import dev.overton.contracts.MonitorDefined;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.json.EventJson;
import dev.overton.scorer.monitor.AlarmDecision;
import dev.overton.scorer.monitor.WindowEvaluation;
import dev.overton.support.persistence.Rows;
import dev.overton.support.reactive.InOrder;

/**
 * The scorer's monitor tables: definitions (from {@code monitors}), which windows are wholly scored and not yet
 * evaluated, and the evaluation of a window written once. The evaluation's row in {@code monitor_windows} has the
 * window as primary key and is inserted first in the transaction that stores the window's scores, its alarm changes
 * and their outbox records: a redelivered set, a restart or a second scorer instance evaluating the same window
 * inserts nothing and changes nothing.
 */
@ApplicationScoped
public class MonitorStore {

    private static final Logger LOG = Logger.getLogger(MonitorStore.class);

    private final Pool pool;

    public MonitorStore(Pool pool) {
        this.pool = pool;
    }

    /** Stores (or replaces) a monitor's definition. */
    public Uni<Void> storeDefinition(MonitorDefined monitor) {
        return pool.preparedQuery("insert into monitors (monitor_id, name, definition, updated_at)"
                        + " values ($1, $2, $3::text::jsonb, now()) on conflict (monitor_id) do update"
                        + " set name = excluded.name, definition = excluded.definition, updated_at = now()")
                .execute(Tuple.of(monitor.monitorId(), monitor.name(), EventJson.write(monitor)))
                .replaceWithVoid();
    }

    /**
     * Deletes a monitor's definition, evaluations, scores and alarms (its windows' runs are deleted through the
     * catalog's deletion path, as the generator asks). Idempotent.
     */
    public Uni<Void> deleteMonitor(String monitorId) {
        return pool.withTransaction(conn -> InOrder.each(
                List.of("monitor_window_scores", "monitor_alarms", "monitor_windows", "alarm_events", "monitors"),
                table -> conn.preparedQuery("delete from " + table + " where monitor_id = $1")
                        .execute(Tuple.of(monitorId))));
    }

    /**
     * Marks the sets as wholly scored (their values and the pair values they made possible are stored), in one
     * statement, and answers the monitors whose windows their runs are (none when no run is a window, or its run record
     * has not arrived yet).
     *
     * @param sets each set as {@code {runId, promptId, variant}}
     */
    public Uni<List<String>> markScored(List<String[]> sets) {
        if (sets.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] runs = new String[sets.size()];
        String[] prompts = new String[sets.size()];
        String[] variants = new String[sets.size()];
        for (int i = 0; i < sets.size(); i++) {
            runs[i] = sets.get(i)[0];
            prompts[i] = sets.get(i)[1];
            variants[i] = sets.get(i)[2];
        }
        return pool.preparedQuery("update sample_sets s set scored_at = now()"
                        + " from unnest($1::text[], $2::text[], $3::text[]) as u(run_id, prompt_id, variant)"
                        + " where s.run_id = u.run_id and s.prompt_id = u.prompt_id and s.variant = u.variant"
                        + " and s.scored_at is null")
                .execute(Tuple.of(runs, prompts, variants))
                .chain(() -> pool.preparedQuery("select distinct monitor_id from catalog_runs"
                                + " where run_id = any($1::text[]) and monitor_id is not null")
                        .execute(Tuple.of(runs)))
                .map(rows -> Rows.list(rows, row -> row.getString("monitor_id")));
    }

    /**
     * The windows, of one monitor or (with {@code null}) of every monitor, whose every set is scored and that are not
     * evaluated yet, by monitor and then window. A window whose monitor's definition has not arrived waits for it.
     */
    public Uni<List<DueWindow>> dueWindows(String monitorId) {
        return pool.preparedQuery("select c.run_id, c.monitor_id, c.monitor_window, m.definition::text as definition"
                        + " from catalog_runs c join monitors m on m.monitor_id = c.monitor_id"
                        + " where c.monitor_id is not null and ($1::text is null or c.monitor_id = $1)"
                        + " and not exists (select 1 from monitor_windows w where w.monitor_id = c.monitor_id"
                        + " and w.window_no = c.monitor_window)"
                        + " and (select count(*) from sample_sets s where s.run_id = c.run_id"
                        + " and s.scored_at is not null) >= c.prompt_count * jsonb_array_length(c.variants)"
                        + " order by c.monitor_id, c.monitor_window")
                .execute(Tuple.tuple().addString(monitorId))
                .map(rows -> {
                    List<DueWindow> due = new ArrayList<>();
                    for (Row row : rows) {
                        try {
                            due.add(new DueWindow(
                                    row.getString("run_id"),
                                    row.getInteger("monitor_window"),
                                    EventJson.read(row.getString("definition"), MonitorDefined.class)));
                        } catch (IllegalArgumentException e) {
                            // One bad row never stops the other monitors' windows.
                            LOG.warnf("monitor %s: stored definition unreadable: %s", row.getString("monitor_id"), e);
                        }
                    }
                    return due;
                });
    }

    /**
     * The run a window is compared with, as the monitor's {@code baseline} says: {@code first} the monitor's first
     * window with a run, {@code previous} the window before, else the run id named.
     *
     * @return the baseline and whether it can be compared with now
     */
    public Uni<Baseline> baseline(String monitorId, int window, String baseline) {
        Uni<String> runId;
        if (dev.overton.contracts.MonitorSpec.FIRST.equals(baseline)) {
            runId = firstRun(
                    "select run_id from catalog_runs where monitor_id = $1 order by monitor_window limit 1",
                    Tuple.of(monitorId));
        } else if (dev.overton.contracts.MonitorSpec.PREVIOUS.equals(baseline)) {
            runId = firstRun(
                    "select run_id from catalog_runs where monitor_id = $1 and monitor_window < $2"
                            + " order by monitor_window desc limit 1",
                    Tuple.of(monitorId, window));
        } else {
            runId = Uni.createFrom().item(baseline);
        }
        return runId.chain(id -> id == null
                ? Uni.createFrom().item(new Baseline(null, BaselineState.NONE))
                : state(id).map(state -> new Baseline(id, state)));
    }

    private Uni<String> firstRun(String sql, Tuple parameters) {
        return pool.preparedQuery(sql)
                .execute(parameters)
                .map(rows -> Rows.first(rows, row -> row.getString("run_id"), null));
    }

    /** Whether a baseline run is wholly scored ({@code READY}), still scoring ({@code WAIT}) or unknown ({@code NONE}). */
    private Uni<BaselineState> state(String runId) {
        return pool.preparedQuery("select (select c.prompt_count * jsonb_array_length(c.variants) from catalog_runs c"
                        + " where c.run_id = $1) as expected, (select count(*) from sample_sets s where s.run_id = $1"
                        + " and s.scored_at is not null) as scored, exists (select 1 from score_values v"
                        + " where v.run_id = $1) as valued")
                .execute(Tuple.of(runId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    Integer expected = row.getInteger("expected");
                    if (expected == null) {
                        // A run outside the catalog (named as baseline): usable once it has values.
                        return Boolean.TRUE.equals(row.getBoolean("valued")) ? BaselineState.READY : BaselineState.NONE;
                    }
                    return row.getLong("scored") >= expected ? BaselineState.READY : BaselineState.WAIT;
                });
    }

    /**
     * Records a window's evaluation once: its row, its scores, and the alarms it raises and clears with their outbox
     * records, in one transaction.
     *
     * @return the alarm events to publish (with their outbox ids), empty when the window was evaluated before
     */
    public Uni<List<OutboxEvent>> record(WindowEvaluation evaluation) {
        Instant now = Instant.now();
        return pool.withTransaction(conn -> conn.preparedQuery("insert into monitor_windows (monitor_id, window_no,"
                        + " run_id, baseline_run_id, evaluated_at) values ($1, $2, $3, $4, $5)"
                        + " on conflict do nothing returning window_no")
                .execute(Tuple.of(
                        evaluation.monitorId(),
                        evaluation.window(),
                        evaluation.runId(),
                        evaluation.baselineRunId(),
                        now.atOffset(ZoneOffset.UTC)))
                .chain(inserted -> inserted.size() == 0
                        ? Uni.createFrom().item(List.<OutboxEvent>of())
                        : storeScores(conn, evaluation)
                                .chain(() -> openAlarms(conn, evaluation.monitorId()))
                                .chain(open -> applyChanges(
                                        conn,
                                        evaluation,
                                        AlarmDecision.changes(evaluation.findings(), open, evaluation.window()),
                                        now))));
    }

    private static Uni<Void> storeScores(SqlConnection conn, WindowEvaluation evaluation) {
        if (evaluation.scores().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = new ArrayList<>();
        for (WindowEvaluation.Score s : evaluation.scores()) {
            batch.add(Tuple.tuple()
                    .addString(evaluation.runId())
                    .addString(evaluation.monitorId())
                    .addInteger(evaluation.window())
                    .addString(s.variant())
                    .addString(s.metric())
                    .addDouble(s.estimate().mean())
                    .addDouble(finite(s.estimate().low()))
                    .addDouble(finite(s.estimate().high()))
                    .addInteger(s.estimate().n()));
        }
        return conn.preparedQuery("insert into monitor_window_scores (run_id, monitor_id, window_no, variant, metric,"
                        + " mean, low, high, n) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict do nothing")
                .executeBatch(batch)
                .replaceWithVoid();
    }

    /** An undefined bound (one prompt) is stored as null, as the history shows it. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static Uni<List<AlarmDecision.OpenAlarm>> openAlarms(SqlConnection conn, String monitorId) {
        return conn.preparedQuery("select variant, metric, window_no from monitor_alarms where monitor_id = $1"
                        + " and cleared_at is null for update")
                .execute(Tuple.of(monitorId))
                .map(rows -> Rows.list(
                        rows,
                        row -> new AlarmDecision.OpenAlarm(
                                row.getString("variant"), row.getString("metric"), row.getInteger("window_no"))));
    }

    private static Uni<List<OutboxEvent>> applyChanges(
            SqlConnection conn, WindowEvaluation e, AlarmDecision.Changes changes, Instant now) {
        List<Uni<AlarmChanged>> writes = new ArrayList<>();
        for (AlarmDecision.Finding f : changes.raised()) {
            writes.add(conn.preparedQuery("insert into monitor_alarms (monitor_id, variant, metric, window_no, run_id,"
                            + " baseline_run_id, difference, q, raised_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                            + " on conflict do nothing returning window_no")
                    .execute(Tuple.tuple()
                            .addString(e.monitorId())
                            .addString(f.variant())
                            .addString(f.metric())
                            .addInteger(e.window())
                            .addString(e.runId())
                            .addString(e.baselineRunId())
                            .addDouble(f.difference())
                            .addDouble(f.q())
                            .addOffsetDateTime(now.atOffset(ZoneOffset.UTC)))
                    .map(rows -> rows.size() == 0
                            ? null
                            : new AlarmChanged(
                                    SchemaVersions.V1,
                                    e.monitorId(),
                                    e.monitorName(),
                                    f.variant(),
                                    f.metric(),
                                    e.window(),
                                    e.runId(),
                                    e.baselineRunId(),
                                    f.difference(),
                                    f.q(),
                                    AlarmChanged.OPEN,
                                    now,
                                    null,
                                    null)));
        }
        for (AlarmDecision.OpenAlarm a : changes.cleared()) {
            writes.add(conn.preparedQuery("update monitor_alarms set cleared_window = $5, cleared_at = $6"
                            + " where monitor_id = $1 and variant = $2 and metric = $3 and window_no = $4"
                            + " and cleared_at is null returning run_id, baseline_run_id, difference, q, raised_at")
                    .execute(Tuple.tuple()
                            .addString(e.monitorId())
                            .addString(a.variant())
                            .addString(a.metric())
                            .addInteger(a.window())
                            .addInteger(e.window())
                            .addOffsetDateTime(now.atOffset(ZoneOffset.UTC)))
                    .map(rows -> Rows.first(
                            rows,
                            row -> new AlarmChanged(
                                    SchemaVersions.V1,
                                    e.monitorId(),
                                    e.monitorName(),
                                    a.variant(),
                                    a.metric(),
                                    a.window(),
                                    row.getString("run_id"),
                                    row.getString("baseline_run_id"),
                                    row.getDouble("difference"),
                                    row.getDouble("q"),
                                    AlarmChanged.CLEARED,
                                    row.getOffsetDateTime("raised_at").toInstant(),
                                    e.window(),
                                    now),
                            null)));
        }
        return Multi.createFrom()
                .iterable(writes)
                .onItem()
                .transformToUniAndConcatenate(write -> write)
                .filter(java.util.Objects::nonNull)
                .onItem()
                .transformToUniAndConcatenate(event -> conn.preparedQuery("insert into alarm_events (monitor_id,"
                                + " payload, created_at) values ($1, $2, $3) returning id")
                        .execute(Tuple.of(e.monitorId(), EventJson.write(event), now.atOffset(ZoneOffset.UTC)))
                        .map(rows -> new OutboxEvent(rows.iterator().next().getLong("id"), event)))
                .collect()
                .asList();
    }

    /**
     * Alarm events not yet acknowledged by Kafka and recorded at least {@code age} ago, oldest first (at most {@code
     * limit}). The age keeps the sweep off events whose evaluation is still publishing them, which would send them twice.
     */
    public Uni<List<OutboxEvent>> unpublished(int limit, Duration age) {
        return pool.preparedQuery("select id, payload from alarm_events where published_at is null"
                        + " and created_at < now() - make_interval(secs => $2) order by id limit $1")
                .execute(Tuple.of(limit, (double) age.toSeconds()))
                .map(rows -> {
                    List<OutboxEvent> events = new ArrayList<>();
                    for (Row row : rows) {
                        try {
                            events.add(new OutboxEvent(
                                    row.getLong("id"), EventJson.read(row.getString("payload"), AlarmChanged.class)));
                        } catch (IllegalArgumentException e) {
                            LOG.warnf("alarm event %d unreadable, skipped: %s", row.getLong("id"), e);
                        }
                    }
                    return events;
                });
    }

    /** Marks an outbox record as published. */
    public Uni<Void> markPublished(long id) {
        return pool.preparedQuery("update alarm_events set published_at = now() where id = $1")
                .execute(Tuple.of(id))
                .replaceWithVoid();
    }

    /**
     * A window ready to be evaluated.
     *
     * @param runId its run
     * @param window its number
     * @param monitor its monitor's definition
     */
    public record DueWindow(String runId, int window, MonitorDefined monitor) {}

    /** Whether a baseline can be compared with. */
    public enum BaselineState {
        /** Wholly scored. */
        READY,
        /** Still being scored: the window waits. */
        WAIT,
        /** None (no earlier window, or a run the scorer does not know): the window is recorded without comparison. */
        NONE
    }

    /**
     * A window's baseline.
     *
     * @param runId the baseline run, or {@code null}
     * @param state whether it can be compared with
     */
    public record Baseline(String runId, BaselineState state) {}

    /**
     * An alarm event of the outbox.
     *
     * @param id its outbox id
     * @param event the event
     */
    public record OutboxEvent(long id, AlarmChanged event) {}
}

package dev.overton.generator.monitors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

import dev.overton.generator.monitors.persistence.MonitorWindowRow;
import dev.overton.generator.monitors.persistence.MonitorWindowStore;
import dev.overton.generator.testing.Sql;

/**
 * Exactly-once scheduling on the real PostgreSQL: two schedulers (the same claims a second generator instance makes,
 * each on its own connection) race on one database tick after tick; every due time gets exactly one window, none is
 * skipped, and after downtime one catch-up window is opened, not one per missed tick. The application's own scheduler
 * runs meanwhile as a third racer; the simulated ticks lie in the future, so it finds nothing due.
 */
@QuarkusTest
class MonitorSchedulingTest {

    @Inject
    MonitorWindowStore windowStore;

    @Inject
    MonitorWindows windows;

    @Inject
    AgroalDataSource dataSource;

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Runs {@code work} on a Vert.x context (as the scheduler and the REST layer do) and waits for it. */
    private static <T> T onContext(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> work) {
        try {
            return io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private String scheduledMonitor(String every) {
        return MonitorApiFixture.create("{\"name\":\"sched-"
                + UUID.randomUUID().toString().substring(0, 8) + "\","
                + MonitorApiFixture.DATASET + "," + MonitorApiFixture.VARIANTS
                + ",\"window\":{\"prompts\":2,\"every\":\""
                + every + "\"},\"baseline\":\"previous\"}");
    }

    /** Moves the monitor's next due time to {@code due} (as if its last window ran one period earlier). */
    private void dueAt(String id, Instant due) {
        new Sql(dataSource)
                .execute("update generator.monitors set next_due = ?::timestamptz where id = ?", due.toString(), id);
    }

    private List<List<Object>> windows(String id) {
        return new Sql(dataSource)
                .query(
                        "select window_no, trigger, run_id, run_created_at from generator.monitor_windows"
                                + " where monitor_id = ? order by window_no",
                        id);
    }

    private Instant nextDue(String id) {
        Object due = new Sql(dataSource)
                .query("select next_due from generator.monitors where id = ?", id)
                .get(0)
                .get(0);
        return ((java.sql.Timestamp) due).toInstant();
    }

    /** Two instances claim at {@code now} at the same moment; returns how many windows each opened for {@code id}. */
    private List<Long> race(String id, Instant now) {
        List<CompletableFuture<List<MonitorWindowRow>>> claims = new ArrayList<>();
        for (int instance = 0; instance < 2; instance++) {
            claims.add(CompletableFuture.supplyAsync(() -> onContext(() -> windowStore.claimDue(now, 20)), pool));
        }
        List<Long> opened = new ArrayList<>();
        for (CompletableFuture<List<MonitorWindowRow>> claim : claims) {
            List<MonitorWindowRow> windows = claim.join();
            onContext(() -> this.windows.createRuns(windows));
            opened.add(windows.stream().filter(w -> w.monitorId().equals(id)).count());
        }
        return opened;
    }

    @Test
    void twoInstancesRacingTickAfterTickOpenExactlyOneWindowPerDueTime() {
        String id = scheduledMonitor("PT10S");
        Instant start = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
        dueAt(id, start); // waits for the app's scheduler if it is opening window 1 (due at creation)
        int before = windows(id).size();
        int ticks = 12;
        for (int t = 0; t < ticks; t++) {
            Instant now = start.plusSeconds(10L * t).plusMillis(5);
            List<Long> opened = race(id, now);
            assertThat(opened.stream().mapToLong(Long::longValue).sum())
                    .as("windows opened at tick %d", t)
                    .isEqualTo(1);
            // Both instances ask again within the same due period: nothing more is due.
            assertThat(race(id, now.plusSeconds(4))).containsOnly(0L);
        }
        List<List<Object>> rows = windows(id);
        assertThat(rows).hasSize(before + ticks);
        assertThat(rows.stream().map(r -> ((Number) r.get(0)).intValue()))
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, before + ticks)
                        .boxed()
                        .toList());
        assertThat(rows.subList(before, rows.size()).stream().map(r -> r.get(1)))
                .containsOnly("schedule");
        assertThat(rows.stream().map(r -> r.get(2))).doesNotHaveDuplicates();
        assertThat(nextDue(id)).isEqualTo(start.plusSeconds(10L * ticks));
    }

    @Test
    void afterDowntimeOneCatchUpWindowRunsNotOnePerMissedTick() {
        String id = scheduledMonitor("PT10S");
        Instant due = Instant.now().plusSeconds(7200).truncatedTo(ChronoUnit.SECONDS);
        dueAt(id, due);
        int before = windows(id).size();
        // The generators were down for 95 s: nine ticks were missed (due, due+10s, ..., due+90s).
        Instant now = due.plusSeconds(95);
        List<Long> opened = race(id, now);
        assertThat(opened.stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
        List<List<Object>> rows = windows(id);
        assertThat(rows).hasSize(before + 1);
        assertThat(rows.get(rows.size() - 1).get(1)).isEqualTo("catch-up");
        // The schedule keeps its phase: the next window is at the next tick after now.
        assertThat(nextDue(id)).isEqualTo(due.plusSeconds(100));
        assertThat(race(id, now.plusSeconds(4))).containsOnly(0L);
        assertThat(race(id, due.plusSeconds(100))).contains(1L);
    }

    @Test
    void aWindowWhoseRunWasNeverStoredIsStoredOnceLater() {
        String id = scheduledMonitor("PT1H");
        Instant due = Instant.now().plusSeconds(3 * 3600).truncatedTo(ChronoUnit.SECONDS);
        dueAt(id, due);
        // An instance opens the window and dies before storing its run.
        List<MonitorWindowRow> opened = onContext(() -> windowStore.claimDue(due, 20));
        MonitorWindowRow window = opened.stream()
                .filter(w -> w.monitorId().equals(id))
                .findFirst()
                .orElseThrow();
        Sql sql = new Sql(dataSource);
        assertThat(sql.query("select 1 from generator.runs where id = ?", window.runId()))
                .isEmpty();
        // Two instances redo it at once: the run is stored once, under the id fixed when the window was opened.
        CompletableFuture<Void> a =
                CompletableFuture.runAsync(() -> onContext(() -> windows.createRuns(List.of(window))), pool);
        CompletableFuture<Void> b =
                CompletableFuture.runAsync(() -> onContext(() -> windows.createRuns(List.of(window))), pool);
        a.join();
        b.join();
        assertThat(sql.query("select name from generator.runs where id = ?", window.runId()))
                .hasSize(1);
        assertThat(sql.query(
                        "select 1 from generator.monitor_windows where monitor_id = ? and run_created_at is not null"
                                + " and window_no = " + window.window(),
                        id))
                .hasSize(1);
    }
}

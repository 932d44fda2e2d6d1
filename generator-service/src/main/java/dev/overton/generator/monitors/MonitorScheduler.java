package dev.overton.generator.monitors;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import dev.overton.generator.monitors.messaging.MonitorPublisher;
import dev.overton.generator.monitors.persistence.MonitorStore;
import dev.overton.generator.monitors.persistence.MonitorWindowStore;
import dev.overton.support.reactive.InOrder;
import dev.overton.support.sweep.Sweeps;

/**
 * Every tick ({@code overton.monitors.tick}, 1 s): opens the windows that are due and stores their runs, stores the
 * runs of windows another instance opened but never stored (it died in between), and publishes again monitor records
 * Kafka never acknowledged. Every generator instance runs it; the database decides which instance opens which window
 * ({@link MonitorWindowStore#claimDue}), so each due time gets exactly one window.
 */
@ApplicationScoped
public class MonitorScheduler {

    private static final Logger LOG = Logger.getLogger(MonitorScheduler.class);

    private final MonitorStore store;
    private final MonitorWindowStore windowStore;
    private final MonitorWindows windows;
    private final MonitorPublisher publisher;
    private final MonitorConfig config;

    public MonitorScheduler(
            MonitorStore store,
            MonitorWindowStore windowStore,
            MonitorWindows windows,
            MonitorPublisher publisher,
            MonitorConfig config) {
        this.store = store;
        this.windowStore = windowStore;
        this.windows = windows;
        this.publisher = publisher;
        this.config = config;
    }

    @Scheduled(
            every = "${overton.monitors.tick:1s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> tick() {
        return tick(Instant.now().truncatedTo(ChronoUnit.MICROS))
                .plug(Sweeps.logFailure(LOG, "monitor scheduler tick failed, will try again"));
    }

    /** One tick at {@code now}: due windows, pending runs, unpublished monitor records. */
    public Uni<Void> tick(Instant now) {
        return openDue(now).chain(() -> redoPending(now)).chain(() -> republish(now));
    }

    /** Opens the windows due at {@code now} and stores their runs. */
    public Uni<Void> openDue(Instant now) {
        return windowStore.claimDue(now, config.batchSize()).chain(windows::createRuns);
    }

    private Uni<Void> redoPending(Instant now) {
        return windowStore
                .pending(now.minus(config.redoAfter()), config.batchSize())
                .invoke(pending -> pending.forEach(w -> LOG.infof(
                        "monitor %s window %d: its run was never stored; storing it now", w.monitorId(), w.window())))
                .chain(windows::createRuns);
    }

    private Uni<Void> republish(Instant now) {
        return store.unpublished(now.minus(config.redoAfter()), config.batchSize())
                .chain(monitors -> InOrder.each(monitors, publisher::publishOrLeaveToSweep));
    }
}

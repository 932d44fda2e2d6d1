package dev.overton.icl.recovery.messaging;

import java.time.Instant;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

import dev.overton.contracts.RecoveryReport;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.json.EventJson;
import dev.overton.icl.config.IclConfig;
import dev.overton.icl.recovery.RecoveryService;
import dev.overton.icl.recovery.persistence.RecoveryStore;
import dev.overton.support.messaging.KeyedMessages;
import dev.overton.support.reactive.InOrder;
import dev.overton.support.sweep.Sweeps;

/**
 * Publishes a {@link RecoveryReport} on {@code recoveries} (key: run id) for each run whose pair values changed since
 * its last report, at most once per {@code overton.recovery.report-interval} per run: a run being scored changes with
 * every set, and one report per set would flood the topic. The bookkeeping is in the database, so a restart neither
 * loses a pending report nor repeats a current one; the report is computed from the stored values and published before
 * the run is marked reported.
 */
@ApplicationScoped
public class RecoveryReporter {

    private static final Logger LOG = Logger.getLogger(RecoveryReporter.class);

    private final RecoveryStore store;
    private final RecoveryService recovery;
    private final MutinyEmitter<String> reports;
    private final IclConfig config;

    public RecoveryReporter(
            RecoveryStore store,
            RecoveryService recovery,
            @Channel("recoveries-out") MutinyEmitter<String> reports,
            IclConfig config) {
        this.store = store;
        this.recovery = recovery;
        this.reports = reports;
        this.config = config;
    }

    /** Publishes the due reports. */
    @Scheduled(
            every = "2s",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // The emitter is wired while the application starts; a report before that would break startup.
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public Uni<Void> publishDue() {
        Instant now = Instant.now();
        return store.dueReports(now.minus(config.recovery().reportInterval()))
                .chain(runs -> InOrder.each(runs, this::report))
                .plug(Sweeps.logFailure(LOG, "recovery reports not published, will try again"));
    }

    /** Computes and publishes the run's report now, then marks it reported. */
    public Uni<Void> report(String runId) {
        Instant readAt = Instant.now();
        return store.reference(runId)
                .chain(reference -> recovery.recoveries(runId)
                        .map(list -> new RecoveryReport(SchemaVersions.V1, runId, reference, list, Instant.now())))
                .chain(report -> reports.sendMessage(KeyedMessages.of(report.key(), EventJson.write(report)))
                        .invoke(() -> LOG.debugf(
                                "run %s: recovery report with %d entries published",
                                runId, report.recoveries().size())))
                .chain(() -> store.markReported(runId, readAt));
    }
}

package dev.overton.icl.planning.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.RunCreated;
import dev.overton.icl.orchestration.IclSettings;
import dev.overton.icl.planning.IclPlanner;
import dev.overton.icl.planning.persistence.PlanStore;
import dev.overton.support.log.LogSafe;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

/**
 * Consumes {@code runs}: records each run with its spec, prompt ids and the plan icl-service follows for it. Problems
 * in the run's {@code icl} entries are recorded and served with the plan (the entries are skipped, the rest goes on).
 */
@ApplicationScoped
public class RunsConsumer {

    static final String CHANNEL = "runs-in";
    private static final Logger LOG = Logger.getLogger(RunsConsumer.class);

    private final PlanStore store;
    private final ConsumerMetrics metrics;

    public RunsConsumer(PlanStore store, ConsumerMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        return InboundRecords.handle(CHANNEL, json, RunCreated.class, metrics, LOG, run -> {
            String plan = IclPlanner.describe(run.spec(), run.promptIds().size());
            IclSettings.Parsed parsed = IclSettings.parse(run.spec());
            return store.recordRun(run, plan, parsed.problems()).invoke(() -> {
                LOG.infof("run %s: %s", LogSafe.quote(run.runId()), LogSafe.quote(plan));
                parsed.problems().forEach(p -> LOG.warnf("run %s: %s", LogSafe.quote(run.runId()), LogSafe.quote(p)));
            });
        });
    }
}

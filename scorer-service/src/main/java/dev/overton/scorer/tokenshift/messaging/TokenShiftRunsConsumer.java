package dev.overton.scorer.tokenshift.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.RunCreated;
import dev.overton.contracts.TokenShiftSpec;
import dev.overton.contracts.VariantSpec;
import dev.overton.scorer.tokenshift.persistence.TokenShiftStore;
import dev.overton.support.log.LogSafe;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

/**
 * Consumes {@code runs} (own group) and stores each run's token-shift measure, then plans every prompt whose sets are
 * already stored (the run record may arrive after them). A run without the measure is skipped. The spec was checked
 * at {@code POST /runs} ({@link dev.overton.contracts.spec.TokenShiftRules} and the base backend's own check); a run
 * whose base variant is missing from its spec (a record no generator would publish) is logged and skipped.
 */
@ApplicationScoped
public class TokenShiftRunsConsumer {

    static final String CHANNEL = "token-shift-runs-in";
    private static final Logger LOG = Logger.getLogger(TokenShiftRunsConsumer.class);

    private final TokenShiftStore store;
    private final TokenShiftRequests requests;
    private final ConsumerMetrics metrics;

    public TokenShiftRunsConsumer(TokenShiftStore store, TokenShiftRequests requests, ConsumerMetrics metrics) {
        this.store = store;
        this.requests = requests;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        return InboundRecords.handle(CHANNEL, json, RunCreated.class, metrics, LOG, this::handle);
    }

    private Uni<Void> handle(RunCreated run) {
        TokenShiftSpec spec = run.spec().tokenShift();
        if (spec == null) {
            return Uni.createFrom().voidItem();
        }
        if (spec.reference() == null) {
            spec = new TokenShiftSpec(
                    spec.base(), run.spec().reference(), spec.samples(), spec.topK(), spec.contexts());
        }
        VariantSpec base = run.spec().variant(spec.base());
        if (base == null) {
            LOG.warnf(
                    "run %s: tokenShift.base %s is not a variant of the run; skipped",
                    LogSafe.quote(run.runId()), LogSafe.quote(spec.base()));
            return Uni.createFrom().voidItem();
        }
        return store.storeRun(run.runId(), spec, base).chain(() -> requests.planRun(run.runId()));
    }
}

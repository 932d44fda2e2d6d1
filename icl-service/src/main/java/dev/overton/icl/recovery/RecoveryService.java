package dev.overton.icl.recovery;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import dev.overton.contracts.RecoveryReport.Recovery;
import dev.overton.icl.config.IclConfig;
import dev.overton.icl.recovery.persistence.RecoveryStore;

/** Computes a run's recovery verdict from its stored pair values, the bootstrap on a worker thread. */
@ApplicationScoped
public class RecoveryService {

    private final RecoveryStore store;
    private final Vertx vertx;
    private final RecoveryCalculator calculator;

    public RecoveryService(RecoveryStore store, Vertx vertx, IclConfig config) {
        this.store = store;
        this.vertx = vertx;
        this.calculator = new RecoveryCalculator(
                config.recovery().level(),
                config.recovery().resamples(),
                config.recovery().seed());
    }

    /** The verdict of every (variant, measure) of the run; empty when it has no pair values yet. */
    public Uni<List<Recovery>> recoveries(String runId) {
        return store.values(runId)
                .chain(values -> vertx.executeBlocking(Uni.createFrom().item(() -> calculator.compute(values))));
    }
}

package dev.overton.scorer.scoring;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import dev.overton.scorer.config.ScorerConfig;
import dev.overton.scorer.scoring.persistence.ScoreStore;

/**
 * Computes a run's aggregates from its stored values (the bootstrap runs on a worker thread). Used by the REST API
 * and the Prometheus gauges, so both always agree.
 */
@ApplicationScoped
public class RunAggregates {

    private final ScoreStore store;
    private final ScorerConfig config;
    private final Vertx vertx;

    public RunAggregates(ScoreStore store, ScorerConfig config, Vertx vertx) {
        this.store = store;
        this.config = config;
        this.vertx = vertx;
    }

    /** The aggregates of run {@code runId}. */
    public Uni<RunAggregator.RunAggregate> aggregate(String runId) {
        return store.referenceVariant(runId)
                .chain(reference -> store.setValues(runId)
                        .chain(values -> vertx.executeBlocking(Uni.createFrom()
                                .item(() -> RunAggregator.aggregate(
                                        toPromptValues(values),
                                        reference,
                                        config.aggregates().resamples(),
                                        config.aggregates().seed())))));
    }

    private static List<RunAggregator.PromptValue> toPromptValues(List<ScoreStore.SetValue> values) {
        return values.stream()
                .map(v -> new RunAggregator.PromptValue(v.variant(), v.metric(), v.promptId(), v.value()))
                .toList();
    }
}

package dev.overton.scorer.compare.rest;

import java.util.List;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import dev.overton.metrics.stats.DifferenceTest;
import dev.overton.scorer.compare.CompareProblem;
import dev.overton.scorer.compare.CompareQuery;
import dev.overton.scorer.compare.Comparison;
import dev.overton.scorer.compare.PromptValue;
import dev.overton.scorer.compare.RunComparison;
import dev.overton.scorer.compare.persistence.CompareStore;
import dev.overton.scorer.config.ScorerConfig;

/**
 * {@code GET /compare?a=RUN&b=RUN[&map=vA:vB,...][&metrics=m1,m2]}: how run b differs from run a, per variant pair and
 * metric, with intervals, p- and q-values and the direction in words. Computed from the stored values on each call
 * (the resampling runs on a worker thread), with the aggregates' seed and resamples so the same runs always give the
 * same answer.
 */
@Path("/compare")
public class CompareResource {

    /** Random rearrangements per p-value when not all can be enumerated (p is then at least 1/10,000). */
    static final int PERMUTATIONS = 9_999;

    private final CompareStore store;
    private final ScorerConfig config;
    private final Vertx vertx;

    public CompareResource(CompareStore store, ScorerConfig config, Vertx vertx) {
        this.store = store;
        this.config = config;
        this.vertx = vertx;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Compare two runs: per variant pair and metric the difference b - a (paired over shared"
                    + " prompts), its 95% bootstrap interval, p- and Benjamini-Hochberg q-value, and its direction")
    public Uni<Comparison> compare(
            @Parameter(description = "run a (the baseline)") @QueryParam("a") String a,
            @Parameter(description = "run b (compared with a)") @QueryParam("b") String b,
            @Parameter(description = "variant pairs variantOfA:variantOfB, comma-separated (default: same names)")
                    @QueryParam("map")
                    String map,
            @Parameter(description = "metrics to compare, comma-separated (default: every metric both sides have)")
                    @QueryParam("metrics")
                    String metrics) {
        CompareQuery query = CompareQuery.parse(a, b, map, metrics);
        DifferenceTest.Settings settings = new DifferenceTest.Settings(
                0.95,
                config.aggregates().resamples(),
                PERMUTATIONS,
                config.aggregates().seed());
        return requireRun("a", query.a())
                .chain(() -> requireRun("b", query.b()))
                .chain(() -> store.promptValues(query.a()))
                .chain(valuesA -> valuesOfB(query, valuesA)
                        .chain(valuesB -> vertx.executeBlocking(Uni.createFrom()
                                .item(() -> RunComparison.compare(query, valuesA, valuesB, settings)))));
    }

    private Uni<List<PromptValue>> valuesOfB(CompareQuery query, List<PromptValue> valuesA) {
        return query.a().equals(query.b()) ? Uni.createFrom().item(valuesA) : store.promptValues(query.b());
    }

    private Uni<Void> requireRun(String parameter, String runId) {
        return store.knowsRun(runId)
                .invoke(known -> {
                    if (!known) {
                        throw CompareProblem.unknownRun(
                                parameter,
                                "run '" + runId + "' (" + parameter + ") is unknown to the scorer: none of its sample"
                                        + " sets has reached it");
                    }
                })
                .replaceWithVoid();
    }
}

package dev.overton.scorer.scoring.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import dev.overton.contracts.json.EventJson;
import dev.overton.metrics.stats.BootstrapInterval;
import dev.overton.scorer.config.ScorerConfig;
import dev.overton.scorer.scoring.persistence.ScoreStore;

/**
 * Serves a run's scores: per variant and metric, the mean over prompts with a seeded bootstrap 95% interval, and every
 * stored value as JSON lines. Aggregates are computed from the stored values on each call, so they are always
 * consistent with {@code /values}.
 */
@Path("/runs/{id}")
public class ScoresResource {

    /** Media type of the JSON-lines answers. */
    public static final String JSON_LINES = "application/x-ndjson";

    private final ScoreStore store;
    private final ScorerConfig config;
    private final Vertx vertx;

    public ScoresResource(ScoreStore store, ScorerConfig config, Vertx vertx) {
        this.store = store;
        this.config = config;
        this.vertx = vertx;
    }

    @GET
    @Path("/scores")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Per variant and metric: mean over prompts with a bootstrap 95% interval")
    public Uni<Map<String, Object>> scores(@PathParam("id") String runId) {
        return requireRun(runId)
                .chain(() -> store.setValues(runId))
                .chain(values -> vertx.executeBlocking(Uni.createFrom().item(() -> aggregate(runId, values))));
    }

    private Map<String, Object> aggregate(String runId, List<ScoreStore.SetValue> values) {
        Map<String, Map<String, List<Double>>> byVariant = new TreeMap<>();
        for (ScoreStore.SetValue v : values) {
            byVariant
                    .computeIfAbsent(v.variant(), k -> new TreeMap<>())
                    .computeIfAbsent(v.metric(), k -> new ArrayList<>())
                    .add(v.value());
        }
        List<Map<String, Object>> variants = new ArrayList<>();
        byVariant.forEach((variant, metrics) -> {
            Map<String, Object> metricsOut = new LinkedHashMap<>();
            metrics.forEach((metric, list) -> {
                double[] array = list.stream().mapToDouble(Double::doubleValue).toArray();
                BootstrapInterval.Estimate e = BootstrapInterval.of(
                        array,
                        0.95,
                        config.aggregates().resamples(),
                        config.aggregates().seed());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("mean", finite(e.mean()));
                m.put("ciLow", finite(e.low()));
                m.put("ciHigh", finite(e.high()));
                m.put("n", e.n());
                metricsOut.put(metric, m);
            });
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", variant);
            v.put("metrics", metricsOut);
            variants.add(v);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", runId);
        body.put("variants", variants);
        return body;
    }

    @GET
    @Path("/values")
    @Produces(JSON_LINES)
    @Operation(summary = "Every stored value of a run, one JSON object per line, with its settings")
    public Uni<String> values(@PathParam("id") String runId) {
        return requireRun(runId).chain(() -> store.values(runId)).map(values -> {
            StringBuilder out = new StringBuilder();
            for (ScoreStore.StoredValue v : values) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("promptId", v.promptId());
                line.put("variant", v.variant());
                line.put("sample", v.sample());
                line.put("reference", v.reference());
                line.put("metric", v.metric());
                line.put("value", v.value());
                if (v.reason() != null) {
                    line.put("reason", v.reason());
                }
                line.put("settings", v.settings());
                out.append(EventJson.write(line)).append('\n');
            }
            return out.toString();
        });
    }

    private Uni<Void> requireRun(String runId) {
        return store.knowsRun(runId)
                .invoke(known -> {
                    if (!known) {
                        throw new NotFoundException("no sample sets of run '" + runId + "' have reached the scorer");
                    }
                })
                .replaceWithVoid();
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}

package dev.overton.generator.runs.rest;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import dev.overton.contracts.json.EventJson;
import dev.overton.generator.catalog.persistence.DeletionStore;
import dev.overton.generator.config.GeneratorConfig;
import dev.overton.generator.runs.AcceptedRun;
import dev.overton.generator.runs.InvalidRunSpecException;
import dev.overton.generator.runs.RunSpecValidator;
import dev.overton.generator.runs.messaging.RunPublisher;
import dev.overton.generator.runs.persistence.RunEntity;
import dev.overton.generator.runs.persistence.RunStore;
import dev.overton.generator.sampling.Backends;
import dev.overton.generator.sampling.persistence.SampleSetStore;

/**
 * The run API: submit a run, follow its progress, read its samples. A run is stored before anything is published;
 * if publishing fails the run is still accepted and the outbox sweep publishes it later.
 */
@jakarta.ws.rs.Path("/runs")
public class RunResource {

    /** Media type of the JSON-lines answers. */
    public static final String JSON_LINES = "application/x-ndjson";

    private static final Logger LOG = Logger.getLogger(RunResource.class);

    private final RunSpecValidator validator;
    private final RunStore runs;
    private final SampleSetStore sampleSets;
    private final RunPublisher publisher;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final DeletionStore deletions;

    public RunResource(
            GeneratorConfig config,
            RunStore runs,
            SampleSetStore sampleSets,
            RunPublisher publisher,
            Vertx vertx,
            MeterRegistry registry,
            Backends backends,
            DeletionStore deletions) {
        this.validator = new RunSpecValidator(
                Path.of(config.files().baseDir()),
                config.files().allowedDirs().orElse(List.of()).stream()
                        .map(String::strip)
                        .filter(d -> !d.isEmpty())
                        .map(Path::of)
                        .toList(),
                backends.names());
        this.runs = runs;
        this.sampleSets = sampleSets;
        this.publisher = publisher;
        this.vertx = vertx;
        this.registry = registry;
        this.deletions = deletions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Submit a run",
            description = "Validates the spec, stores the run, publishes it. Needs header X-API-Key (401 without a"
                    + " valid key); 400 names every bad field; 413 if the body is over the size limit.")
    @RequestBody(description = "The run spec: name, dataset, reference, variants, optional icl and judge")
    public Uni<Response> create(String body) {
        String runId = UUID.randomUUID().toString();
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return vertx.executeBlocking(Uni.createFrom().item(() -> validator.validate(body)))
                .onFailure(InvalidRunSpecException.class)
                .invoke(() -> registry.counter("overton.runs.rejected").increment())
                .chain(accepted -> runs.insert(runId, accepted, createdAt).replaceWith(accepted))
                .call(accepted -> publish(runId, createdAt, accepted))
                .map(accepted -> {
                    registry.counter("overton.runs.accepted").increment();
                    LOG.infof(
                            "run %s '%s' accepted: %d prompts, variants %s",
                            runId,
                            accepted.spec().name(),
                            accepted.prompts().size(),
                            accepted.spec().variants().stream()
                                    .map(v -> v.name())
                                    .toList());
                    return Response.created(URI.create("/runs/" + runId))
                            .entity(Map.of("id", runId))
                            .build();
                });
    }

    private Uni<Void> publish(String runId, Instant createdAt, AcceptedRun accepted) {
        return publisher
                .publish(runId, createdAt, accepted.spec(), accepted.prompts())
                .onFailure()
                .recoverWithUni(e -> {
                    LOG.warnf("run %s stored but not yet published (%s); the outbox sweep will retry", runId, e);
                    return Uni.createFrom().voidItem();
                });
    }

    @GET
    @jakarta.ws.rs.Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A run's status and per-variant counts of sample sets")
    public Uni<Map<String, Object>> get(@PathParam("id") String id) {
        return deletions.state(id).chain(deletion -> switch (deletion) {
            case GONE -> Uni.createFrom().failure(notFound(id));
            case DELETING -> Uni.createFrom().item(Map.<String, Object>of("id", id, "status", "deleting"));
            case NONE ->
                runs.find(id)
                        .onItem()
                        .ifNull()
                        .failWith(() -> notFound(id))
                        .chain(run -> runs.progress(id).map(progress -> status(run, progress)));
        });
    }

    private static Map<String, Object> status(RunEntity run, List<RunStore.VariantProgress> progress) {
        long requested = run.promptCount;
        boolean generatedAll = progress.stream().allMatch(p -> p.generated() + p.failed() >= requested);
        boolean scoredAll = progress.stream().allMatch(p -> p.scored() >= p.generated());
        String status;
        if (run.publishedAt == null) {
            status = "accepted";
        } else if (!generatedAll) {
            status = "generating";
        } else if (!scoredAll) {
            status = "scoring";
        } else {
            status = "complete";
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", run.id);
        body.put("name", run.name);
        body.put("label", run.label);
        body.put("reference", run.reference);
        body.put("createdAt", run.createdAt.toString());
        body.put("status", status);
        body.put("prompts", run.promptCount);
        body.put(
                "variants",
                progress.stream()
                        .map(p -> {
                            Map<String, Object> v = new LinkedHashMap<>();
                            v.put("name", p.variant());
                            v.put("reference", p.reference());
                            v.put("requested", requested);
                            v.put("generated", p.generated());
                            v.put("failed", p.failed());
                            v.put("scored", p.scored());
                            return v;
                        })
                        .toList());
        return body;
    }

    @GET
    @jakarta.ws.rs.Path("/{id}/samples")
    @Produces(JSON_LINES)
    @Operation(summary = "Every sample of a run, one JSON object per line")
    public Uni<String> samples(@PathParam("id") String id) {
        return runs.find(id)
                .onItem()
                .ifNull()
                .failWith(() -> notFound(id))
                .chain(run -> sampleSets.samples(id).map(samples -> {
                    StringBuilder out = new StringBuilder();
                    for (SampleSetStore.StoredSample s : samples) {
                        Map<String, Object> line = new LinkedHashMap<>();
                        line.put("promptId", s.promptId());
                        line.put("variant", s.variant());
                        line.put("sample", s.sample());
                        line.put("text", s.text());
                        line.put("finishReason", s.finishReason());
                        out.append(EventJson.write(line)).append('\n');
                    }
                    return out.toString();
                }));
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("no run with id '" + id + "'");
    }
}

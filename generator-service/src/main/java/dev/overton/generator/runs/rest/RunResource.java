package dev.overton.generator.runs.rest;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestMulti;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.core.Vertx;

import dev.overton.contracts.json.EventJson;
import dev.overton.generator.catalog.persistence.DeletionStore;
import dev.overton.generator.config.GeneratorConfig;
import dev.overton.generator.runs.InvalidRunSpecException;
import dev.overton.generator.runs.RunSpecValidator;
import dev.overton.generator.runs.RunStatus;
import dev.overton.generator.runs.RunSubmission;
import dev.overton.generator.runs.ScorerOffers;
import dev.overton.generator.runs.persistence.RunStore;
import dev.overton.generator.sampling.Backends;
import dev.overton.generator.sampling.persistence.SampleCursor;
import dev.overton.generator.sampling.persistence.SampleSetStore;
import dev.overton.support.http.Problem;
import dev.overton.support.http.StreamedText;

/**
 * The run API: submit a run, follow its progress, read its samples. A run is stored before anything is published;
 * if publishing fails the run is still accepted and the outbox sweep publishes it later.
 */
@jakarta.ws.rs.Path("/runs")
public class RunResource {

    /** Media type of the JSON-lines answers. */
    public static final String JSON_LINES = "application/x-ndjson";

    private final RunSpecValidator validator;
    private final RunStore runs;
    private final RunSubmission submission;
    private final SampleCursor sampleCursor;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final DeletionStore deletions;

    public RunResource(
            GeneratorConfig config,
            RunStore runs,
            SampleCursor sampleCursor,
            RunSubmission submission,
            Vertx vertx,
            MeterRegistry registry,
            Backends backends,
            DeletionStore deletions,
            ScorerOffers scorers) {
        this.validator = RunSpecValidator.of(config, backends).checkingMeasuresAgainst(scorers);
        this.runs = runs;
        this.sampleCursor = sampleCursor;
        this.submission = submission;
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
    @APIResponse(
            responseCode = "201",
            description = "Accepted; Location: /runs/{id}",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Created.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid spec, one entry per bad field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(byte[] body) {
        String runId = UUID.randomUUID().toString();
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return vertx.executeBlocking(Uni.createFrom().item(() -> validator.validate(body)))
                .onFailure(InvalidRunSpecException.class)
                .invoke(() -> registry.counter("overton.runs.rejected").increment())
                .call(accepted -> submission.submit(runId, createdAt, accepted))
                .map(accepted -> Response.created(URI.create("/runs/" + runId))
                        .entity(new Created(runId))
                        .build());
    }

    @GET
    @jakarta.ws.rs.Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A run's status and per-variant counts of sample sets")
    @APIResponse(
            responseCode = "200",
            description = "The run's status",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RunStatus.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown run",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RunStatus> get(@PathParam("id") String id) {
        return deletions.state(id).chain(deletion -> switch (deletion) {
            case GONE -> Uni.createFrom().failure(notFound(id));
            case DELETING -> Uni.createFrom().item(RunStatus.deleting(id));
            case NONE ->
                runs.find(id)
                        .onItem()
                        .ifNull()
                        .failWith(() -> notFound(id))
                        .chain(run -> runs.progress(id).map(progress -> RunStatus.of(run, progress)));
        });
    }

    @GET
    @jakarta.ws.rs.Path("/{id}/samples")
    @Operation(summary = "Every sample of a run, one JSON object per line (application/x-ndjson); streamed")
    @APIResponse(
            responseCode = "200",
            description = "the samples, streamed; each line one StoredSample",
            content =
                    @Content(
                            mediaType = JSON_LINES,
                            schema = @Schema(implementation = SampleSetStore.StoredSample.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown run",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestMulti<Buffer> samples(@PathParam("id") String id) {
        return StreamedText.respond(runs.find(id)
                .onItem()
                .ifNull()
                .failWith(() -> notFound(id))
                .map(run -> StreamedText.ok(JSON_LINES, sampleCursor.samples(id).map(RunResource::sampleLine))));
    }

    private static String sampleLine(SampleSetStore.StoredSample s) {
        return EventJson.write(s) + '\n';
    }

    /**
     * The body of {@code 201 Created}.
     *
     * @param id the new run's id
     */
    public record Created(String id) {}

    private static NotFoundException notFound(String id) {
        return new NotFoundException("no run with id '" + id + "'");
    }
}

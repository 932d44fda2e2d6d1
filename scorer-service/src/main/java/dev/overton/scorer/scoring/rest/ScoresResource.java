package dev.overton.scorer.scoring.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.jboss.resteasy.reactive.RestMulti;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

import dev.overton.contracts.json.EventJson;
import dev.overton.scorer.scoring.RunAggregates;
import dev.overton.scorer.scoring.RunScores;
import dev.overton.scorer.scoring.ValueLine;
import dev.overton.scorer.scoring.persistence.ScoreStore;
import dev.overton.scorer.scoring.persistence.StoredValueCursor;
import dev.overton.support.http.Problem;
import dev.overton.support.http.StreamedText;

/**
 * Serves a run's scores: per variant and metric, the mean over prompts with a seeded bootstrap 95% interval, and every
 * stored value as JSON lines, streamed from a database cursor ({@link StreamedText}). Aggregates are computed from the stored values on each call, so they are always
 * consistent with {@code /values}.
 */
@Path("/runs/{id}")
@APIResponse(
        responseCode = "404",
        description = "No sample set of the run has reached the scorer",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ScoresResource {

    /** Media type of the JSON-lines answers. */
    public static final String JSON_LINES = "application/x-ndjson";

    private final ScoreStore store;
    private final RunAggregates aggregates;
    private final StoredValueCursor cursor;

    public ScoresResource(ScoreStore store, RunAggregates aggregates, StoredValueCursor cursor) {
        this.store = store;
        this.aggregates = aggregates;
        this.cursor = cursor;
    }

    @GET
    @Path("/scores")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Per variant and metric: mean over prompts with a bootstrap 95% interval; paired differences to"
                    + " the reference variant")
    @APIResponseSchema(value = RunScores.class, responseDescription = "The run's aggregates")
    public Uni<RunScores> scores(@PathParam("id") String runId) {
        return requireRun(store, runId)
                .chain(() -> aggregates.aggregate(runId))
                .map(aggregate -> RunScores.of(runId, aggregate));
    }

    @GET
    @Path("/values")
    @Operation(
            summary = "Every stored value of a run, one JSON object per line (application/x-ndjson), with its"
                    + " settings; streamed")
    @APIResponse(
            responseCode = "200",
            description = "the values, streamed; each line one ValueLine",
            content = @Content(mediaType = JSON_LINES, schema = @Schema(implementation = ValueLine.class)))
    public RestMulti<Buffer> values(@PathParam("id") String runId) {
        return StreamedText.respond(requireRun(store, runId)
                .map(known -> StreamedText.ok(JSON_LINES, cursor.values(runId).map(ScoresResource::valueLine))));
    }

    private static String valueLine(ScoreStore.StoredValue v) {
        return EventJson.write(ValueLine.of(v)) + '\n';
    }

    /** Fails with a 404 naming the run unless a sample set of it has reached the scorer. */
    public static Uni<Void> requireRun(ScoreStore store, String runId) {
        return store.knowsRun(runId)
                .invoke(known -> {
                    if (!known) {
                        throw new NotFoundException("no sample sets of run '" + runId + "' have reached the scorer");
                    }
                })
                .replaceWithVoid();
    }
}

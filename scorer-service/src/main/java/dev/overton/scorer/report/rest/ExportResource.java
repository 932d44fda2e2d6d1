package dev.overton.scorer.report.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestMulti;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

import dev.overton.scorer.report.export.ExportFormat;
import dev.overton.scorer.report.export.ValueExport;
import dev.overton.scorer.scoring.persistence.ScoreStore;
import dev.overton.scorer.scoring.persistence.StoredValueCursor;
import dev.overton.scorer.scoring.rest.ScoresResource;
import dev.overton.support.http.Problem;
import dev.overton.support.http.StreamedText;

/**
 * Exports every stored value of a run with its settings, as CSV or JSON lines ({@code ?format=csv|jsonl}), for
 * analysis elsewhere. The rows are streamed from a database cursor to the client (constant memory whatever the run's
 * size; see {@link StreamedText}). An unknown or missing format is a 400 problem naming the parameter and the allowed
 * values; an unknown run a 404.
 */
@Path("/runs/{id}/export")
public class ExportResource {

    private final ScoreStore store;
    private final StoredValueCursor cursor;

    public ExportResource(ScoreStore store, StoredValueCursor cursor) {
        this.store = store;
        this.cursor = cursor;
    }

    @GET
    @Operation(
            summary =
                    "Every per-set, per-sample and per-pair value of a run with its settings, streamed as text/csv"
                            + " or application/x-ndjson; columns promptId,variant,sample,reference,metric,value,reason,settings")
    @APIResponse(
            responseCode = "200",
            description = "the values, streamed",
            content = {
                @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
                @Content(
                        mediaType = "application/x-ndjson",
                        schema = @Schema(implementation = ScoreStore.StoredValue.class))
            })
    @APIResponse(
            responseCode = "400",
            description = "format missing or not csv/jsonl",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No sample set of the run has reached the scorer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestMulti<Buffer> export(
            @PathParam("id") String runId,
            @Parameter(description = "csv or jsonl") @QueryParam("format") String format) {
        ExportFormat chosen = ExportFormat.of(format).orElse(null);
        if (chosen == null) {
            return StreamedText.respond(Uni.createFrom().item(invalidFormat(format)));
        }
        return StreamedText.respond(ScoresResource.requireRun(store, runId).map(known -> {
            Multi<String> rows = cursor.values(runId).map(v -> ValueExport.row(v, chosen));
            String header = ValueExport.header(chosen);
            Multi<String> lines = header.isEmpty()
                    ? rows
                    : Multi.createBy()
                            .concatenating()
                            .streams(Multi.createFrom().item(header), rows);
            return StreamedText.ok(chosen.mediaType(), lines)
                    .withHeader(
                            "Content-Disposition",
                            "attachment; filename=\"overton-" + runId.replaceAll("[^A-Za-z0-9._-]", "_") + "-values."
                                    + chosen.parameter() + "\"");
        }));
    }

    private static StreamedText invalidFormat(String format) {
        String allowed = String.join(", ", ExportFormat.allowed());
        String message = format == null || format.isBlank()
                ? "is required: one of " + allowed + ", e.g. ?format=csv"
                : "must be one of " + allowed + " (was '" + format + "'), e.g. ?format=csv";
        return StreamedText.problem(Problem.invalidParameter("format", message));
    }
}

package dev.overton.scorer.report.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.smallrye.mutiny.Uni;

import dev.overton.scorer.report.export.ExportFormat;
import dev.overton.scorer.report.export.ValueExport;
import dev.overton.scorer.scoring.persistence.ScoreStore;

/**
 * Exports every stored value of a run with its settings, as CSV or JSON lines ({@code ?format=csv|jsonl}), for
 * analysis elsewhere. An unknown or missing format is a 400 problem naming the parameter and the allowed values; an
 * unknown run a 404.
 */
@Path("/runs/{id}/export")
public class ExportResource {

    private final ScoreStore store;

    public ExportResource(ScoreStore store) {
        this.store = store;
    }

    @GET
    @Produces({"text/csv", "application/x-ndjson", "application/problem+json"})
    @Operation(
            summary = "Every per-set, per-sample and per-pair value of a run with its settings;"
                    + " columns promptId,variant,sample,reference,metric,value,reason,settings")
    public Uni<Response> export(
            @PathParam("id") String runId,
            @Parameter(description = "csv or jsonl") @QueryParam("format") String format) {
        ExportFormat chosen = ExportFormat.of(format).orElse(null);
        if (chosen == null) {
            return Uni.createFrom().item(invalidFormat(format));
        }
        return store.knowsRun(runId).chain(known -> {
            if (!known) {
                return Uni.createFrom()
                        .item(problem(
                                404,
                                "Not found",
                                "no sample sets of run '" + runId + "' have reached the scorer",
                                null));
            }
            return store.values(runId)
                    .map(values -> Response.ok(ValueExport.write(values, chosen))
                            .type(chosen.mediaType())
                            .header(
                                    "Content-Disposition",
                                    "attachment; filename=\"overton-" + runId.replaceAll("[^A-Za-z0-9._-]", "_")
                                            + "-values." + chosen.parameter() + "\"")
                            .build());
        });
    }

    private static Response invalidFormat(String format) {
        String allowed = String.join(", ", ExportFormat.allowed());
        String message = format == null || format.isBlank()
                ? "is required: one of " + allowed + ", e.g. ?format=csv"
                : "must be one of " + allowed + " (was '" + format + "'), e.g. ?format=csv";
        return problem(
                400, "Invalid parameter", "format " + message, List.of(Map.of("field", "format", "message", message)));
    }

    private static Map<String, String> fieldError(String field, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return error;
    }

    private static Response problem(int status, String title, String detail, List<Map<String, String>> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (status == 400) {
            body.put("type", "https://overton.dev/problems/invalid-parameter");
        }
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (errors != null) {
            body.put("errors", errors);
        }
        return Response.status(status)
                .type("application/problem+json")
                .entity(body)
                .build();
    }
}

package dev.overton.icl.recovery.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.RecoveryReport.Recovery;
import dev.overton.icl.recovery.RecoveryService;
import dev.overton.icl.recovery.persistence.RecoveryStore;

/** Serves a run's recovery verdict: per non-reference variant and pair measure, recovery with its 95% interval. */
@Path("/runs/{id}/recovery")
public class RecoveryResource {

    private final RecoveryStore store;
    private final RecoveryService recovery;

    public RecoveryResource(RecoveryStore store, RecoveryService recovery) {
        this.store = store;
        this.recovery = recovery;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Recovery of each variant per measure: mean sim(V, A) / mean sim(A, A) with a bootstrap 95%"
                    + " interval over prompts; recovers = the interval reaches 1")
    public Uni<List<Recovery>> recovery(@PathParam("id") String runId) {
        return store.known(runId).chain(known -> {
            if (!known) {
                return Uni.createFrom()
                        .failure(new NotFoundException("icl-service has not seen run '" + runId
                                + "' (neither its run event nor any pair value)"));
            }
            return recovery.recoveries(runId);
        });
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Not found");
        body.put("status", 404);
        body.put("detail", e.getMessage());
        return Response.status(404)
                .type("application/problem+json")
                .entity(body)
                .build();
    }
}

package dev.overton.icl.planning.rest;

import java.util.LinkedHashMap;
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

import dev.overton.icl.planning.persistence.PlanStore;

/** Serves what icl-service plans to do for a run and how many teacher sets it has received. */
@Path("/runs/{id}/plan")
public class PlanResource {

    private final PlanStore store;

    public PlanResource(PlanStore store) {
        this.store = store;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The plan for a run's in-context variants and the teacher sets received")
    public Uni<Map<String, Object>> plan(@PathParam("id") String runId) {
        return store.plan(runId)
                .onItem()
                .ifNull()
                .failWith(() -> new NotFoundException("icl-service has not seen run '" + runId + "'"));
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

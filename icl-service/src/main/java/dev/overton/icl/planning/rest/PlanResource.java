package dev.overton.icl.planning.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.smallrye.mutiny.Uni;

import dev.overton.icl.planning.RunPlan;
import dev.overton.icl.planning.persistence.PlanStore;
import dev.overton.icl.rest.UnknownRun;

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
    public Uni<RunPlan> plan(@PathParam("id") String runId) {
        return store.plan(runId).plug(UnknownRun.ifNull(runId));
    }
}

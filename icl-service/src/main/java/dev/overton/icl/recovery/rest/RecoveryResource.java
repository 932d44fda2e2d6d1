package dev.overton.icl.recovery.rest;

import java.util.List;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

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
}

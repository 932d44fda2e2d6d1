package dev.overton.icl.hints.rest;

import java.util.List;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.smallrye.mutiny.Uni;

import dev.overton.icl.hints.persistence.SummaryStore;
import dev.overton.icl.rest.UnknownRun;

/**
 * Serves a run's summary hints: what each in-context request showed under {@code # Summary:} and where it came from (a
 * summarizer model, a {@code summaries_from} variant, or the offline extractive summary), and every summary asked of a
 * summarizer model with its status, text or failure.
 */
@Path("/runs/{id}/summaries")
public class SummaryResource {

    private final SummaryStore store;

    public SummaryResource(SummaryStore store) {
        this.store = store;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The summary hints of a run's in-context requests, and the summaries asked of a model")
    public Uni<RunSummaries> summaries(@PathParam("id") String runId) {
        return store.hints(runId)
                .plug(UnknownRun.ifNull(runId))
                .chain(hints -> store.list(runId).map(requested -> new RunSummaries(runId, hints, requested)));
    }

    /**
     * The body of {@code GET /runs/{id}/summaries}.
     *
     * @param runId the run
     * @param hints per in-context request, the summary hint it showed and where it came from
     * @param requested every summary asked of a summarizer model, with its status, text or failure
     */
    public record RunSummaries(
            String runId, List<SummaryStore.SummaryHint> hints, List<SummaryStore.RequestedSummary> requested) {}
}

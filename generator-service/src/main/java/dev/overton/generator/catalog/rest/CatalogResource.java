package dev.overton.generator.catalog.rest;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.RunDeletionRequested;
import dev.overton.generator.catalog.RunPage;
import dev.overton.generator.catalog.RunQuery;
import dev.overton.generator.catalog.RunStatus;
import dev.overton.generator.catalog.messaging.DeletionPublisher;
import dev.overton.generator.catalog.persistence.CatalogStore;
import dev.overton.generator.catalog.persistence.DeletionStore;
import dev.overton.support.http.Problem;

/**
 * The run catalog: list runs ({@code GET /runs}) and delete one ({@code DELETE /runs/{id}}, API key like every write).
 * A deletion stores the run's tombstone first, which cancels it (its remaining generation requests are skipped, nothing
 * more is published for it), then publishes {@code run-deletions}; each service deletes its rows and confirms.
 */
@jakarta.ws.rs.Path("/runs")
public class CatalogResource {

    private final CatalogStore catalog;
    private final DeletionStore deletions;
    private final DeletionPublisher publisher;

    public CatalogResource(CatalogStore catalog, DeletionStore deletions, DeletionPublisher publisher) {
        this.catalog = catalog;
        this.deletions = deletions;
        this.publisher = publisher;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "List runs, newest first",
            description = "Filters: name (substring, case-insensitive), status, label (exact), monitor (a monitor's id:"
                    + " its windows). limit 1-500 (default 50); pass 'next' back as cursor for the next page. 400"
                    + " names a bad parameter.")
    @APIResponse(
            responseCode = "200",
            description = "One page of runs",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunPage.class)))
    @APIResponse(
            responseCode = "400",
            description = "A bad query parameter, named in errors",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RunPage> list(
            @QueryParam("name") String name,
            @Parameter(description = "accepted, generating, scoring, complete or deleting") @QueryParam("status")
                    String status,
            @QueryParam("monitor") String monitor,
            @QueryParam("label") String label,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        RunQuery query = RunQuery.of(name, status, label, monitor, limit, cursor);
        return catalog.list(query);
    }

    @DELETE
    @jakarta.ws.rs.Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Delete a run everywhere",
            description = "Needs header X-API-Key. Cancels the run if it is still generating, then every service"
                    + " deletes what it holds for it. 202; GET /runs/{id} says deleting until every service"
                    + " confirmed, then 404. Repeating the call while it is deleting is harmless.")
    @APIResponse(
            responseCode = "202",
            description = "Deletion requested; Location: /runs/{id}",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DeletionAccepted.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown run",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> delete(@PathParam("id") String id) {
        return deletions
                .state(id)
                .chain(state -> state == DeletionStore.State.GONE
                        ? Uni.createFrom().<RunDeletionRequested>nullItem()
                        : deletions.request(
                                id, RunDeletionRequested.BY_USER, Instant.now().truncatedTo(ChronoUnit.MICROS)))
                .onItem()
                .ifNull()
                .failWith(() -> new NotFoundException("no run with id '" + id + "'"))
                .call(publisher::publishOrLeaveToSweep)
                .map(deletion -> Response.accepted(new DeletionAccepted(id, RunStatus.DELETING.apiName()))
                        .location(URI.create("/runs/" + id))
                        .build());
    }
}

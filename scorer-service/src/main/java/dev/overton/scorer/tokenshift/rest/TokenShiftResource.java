package dev.overton.scorer.tokenshift.rest;

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

import io.smallrye.mutiny.Uni;

import dev.overton.scorer.config.ScorerConfig;
import dev.overton.scorer.tokenshift.TokenShiftSummaries;
import dev.overton.scorer.tokenshift.TokenShiftSummary;
import dev.overton.scorer.tokenshift.persistence.TokenShiftStore;
import dev.overton.support.http.Problem;

/**
 * A run's token shift: per context the shares with their intervals, the token-level recovery of each in-context
 * prompt, the position profile and the most often shifted tokens, and one example answer token by token. The per-answer
 * values are served with every other value ({@code /runs/{id}/values}, {@code /scores}).
 */
@Path("/runs/{id}/token-shift")
public class TokenShiftResource {

    private final TokenShiftStore store;
    private final ScorerConfig config;

    public TokenShiftResource(TokenShiftStore store, ScorerConfig config) {
        this.store = store;
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The run's token shift per context, token-level recovery, position profile, top shifted tokens")
    @APIResponseSchema(value = TokenShiftSummary.class, responseDescription = "The run's token shift")
    @APIResponse(
            responseCode = "404",
            description = "The run has no token-shift measure",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TokenShiftSummary> tokenShift(@PathParam("id") String runId) {
        return summary(store, config, runId)
                .onItem()
                .ifNull()
                .failWith(() -> new NotFoundException("run '" + runId + "' has no token-shift measure (its spec has"
                        + " no tokenShift, or its runs record has not reached the scorer)"));
    }

    /** The run's summary, or {@code null} when it has no token-shift measure. */
    public static Uni<TokenShiftSummary> summary(TokenShiftStore store, ScorerConfig config, String runId) {
        return store.run(runId)
                .chain(run -> run == null
                        ? Uni.createFrom().nullItem()
                        : store.answers(runId)
                                .map(answers -> TokenShiftSummaries.of(
                                        runId,
                                        run.spec(),
                                        run.spec().reference(),
                                        answers,
                                        config.aggregates().resamples(),
                                        config.aggregates().seed())));
    }
}

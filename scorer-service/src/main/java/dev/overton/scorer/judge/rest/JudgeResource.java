package dev.overton.scorer.judge.rest;

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

import dev.overton.contracts.json.EventJson;
import dev.overton.scorer.judge.JudgeState;
import dev.overton.scorer.judge.VerdictLine;
import dev.overton.scorer.judge.persistence.JudgeRequestStore;
import dev.overton.scorer.judge.persistence.JudgeRunStore;
import dev.overton.scorer.judge.persistence.JudgeVerdictStore;
import dev.overton.scorer.scoring.rest.ScoresResource;
import dev.overton.support.http.Problem;

/**
 * A run's LLM judge: its state (live, replayed or refused with the reason, requests sent, verdicts by judgement, attempt
 * and status) and every stored verdict with its raw text, parsed verdict, prompt version and error. The scores derived
 * from the verdicts are served with every other value ({@code /runs/{id}/values}, {@code /scores}).
 */
@Path("/runs/{id}/judge")
@APIResponse(
        responseCode = "404",
        description = "The run has no LLM judge",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class JudgeResource {

    private final JudgeRunStore runs;
    private final JudgeRequestStore requests;
    private final JudgeVerdictStore verdicts;

    public JudgeResource(JudgeRunStore runs, JudgeRequestStore requests, JudgeVerdictStore verdicts) {
        this.runs = runs;
        this.requests = requests;
        this.verdicts = verdicts;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The run's judge: status (live, replayed, refused and why), requests sent, verdict counts")
    @APIResponseSchema(value = JudgeState.class, responseDescription = "The judge's state")
    public Uni<JudgeState> judge(@PathParam("id") String runId) {
        return requireRun(runId)
                .chain(run -> requests.requestCounts(runId)
                        .chain(sent -> verdicts.verdictCounts(runId).map(counts -> JudgeState.of(run, sent, counts))));
    }

    @GET
    @Path("/verdicts")
    @Produces(ScoresResource.JSON_LINES)
    @Operation(summary = "Every stored judge verdict of the run, one JSON object per line, with raw text and error")
    @APIResponseSchema(value = VerdictLine.class, responseDescription = "the verdicts; each line one VerdictLine")
    public Uni<String> verdicts(@PathParam("id") String runId) {
        return requireRun(runId).chain(run -> verdicts.verdicts(runId)).map(stored -> {
            StringBuilder out = new StringBuilder();
            for (VerdictLine v : stored) {
                out.append(EventJson.write(v)).append('\n');
            }
            return out.toString();
        });
    }

    private Uni<JudgeRunStore.JudgeRun> requireRun(String runId) {
        return runs.run(runId)
                .onItem()
                .ifNull()
                .failWith(() -> new NotFoundException(
                        "run '" + runId + "' has no LLM judge (or its runs record has not reached" + " the scorer)"));
    }
}

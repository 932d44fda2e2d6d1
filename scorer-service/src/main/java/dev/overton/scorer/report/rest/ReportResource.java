package dev.overton.scorer.report.rest;

import java.time.Instant;
import java.util.List;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import io.smallrye.mutiny.Uni;

import dev.overton.scorer.catalog.persistence.CatalogStore;
import dev.overton.scorer.config.ScorerConfig;
import dev.overton.scorer.report.PromptPage;
import dev.overton.scorer.report.ReportData;
import dev.overton.scorer.report.ReportPage;
import dev.overton.scorer.report.ReportTemplates;
import dev.overton.scorer.report.persistence.RecoveryStore;
import dev.overton.scorer.report.persistence.ReportStore;
import dev.overton.scorer.scoring.RunAggregates;
import dev.overton.scorer.scoring.RunAggregator;
import dev.overton.scorer.scoring.persistence.ScoreStore;
import dev.overton.scorer.scoring.rest.ScoresResource;
import dev.overton.scorer.tokenshift.persistence.TokenShiftStore;
import dev.overton.scorer.tokenshift.rest.TokenShiftResource;
import dev.overton.support.http.Problem;

/**
 * A run's report: an HTML page with the verdicts and plots ({@code /report}), one page per prompt with its responses
 * side by side ({@code /report/prompts/{promptId}}) and the verdicts as JSON for command-line clients ({@code
 * /report/verdicts}). Aggregates come from {@link RunAggregates}, the same code that serves {@code /scores}, so the
 * page and the API never disagree; the recovery verdict is the latest one icl-service published.
 *
 * <p>Every page is answered with {@link #CONTENT_SECURITY_POLICY} (no script at all, styles only from the page itself,
 * nothing fetched, not framed), {@code X-Content-Type-Options: nosniff} and {@code Referrer-Policy: no-referrer}: the
 * pages show untrusted text (model output, names from run specs), which the templates escape; the headers are the
 * second line should an escape ever be missed.
 */
@Path("/runs/{id}")
public class ReportResource {

    private static final String HTML = MediaType.TEXT_HTML + "; charset=utf-8";

    /**
     * The pages' Content-Security-Policy: nothing may be loaded or run ({@code default-src 'none'}, so no script of any
     * kind), except the page's own inline style sheet and style attributes; no {@code <base>}, no form, no framing.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final ScoreStore scores;
    private final RunAggregates aggregates;
    private final ReportStore reports;
    private final RecoveryStore recoveries;
    private final CatalogStore catalog;
    private final ScorerConfig config;
    private final TokenShiftStore tokenShift;

    public ReportResource(
            ScoreStore scores,
            RunAggregates aggregates,
            ReportStore reports,
            RecoveryStore recoveries,
            CatalogStore catalog,
            ScorerConfig config,
            TokenShiftStore tokenShift) {
        this.scores = scores;
        this.aggregates = aggregates;
        this.reports = reports;
        this.recoveries = recoveries;
        this.catalog = catalog;
        this.config = config;
        this.tokenShift = tokenShift;
    }

    @GET
    @Path("/report")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The run's report page: questions and verdicts, then plots (inline SVG) and tables; no script")
    @APIResponseSchema(value = String.class, responseDescription = "The report page")
    @APIResponse(
            responseCode = "404",
            description = "No sample set of the run has reached the scorer: an HTML page saying so",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> report(@PathParam("id") String runId) {
        return scores.knowsRun(runId).chain(known -> {
            if (!known) {
                return Uni.createFrom().item(notFoundPage(runId, null));
            }
            return catalog.title(runId)
                    .chain(title -> read(runId)
                            .map(data -> page(
                                    200,
                                    ReportTemplates.page(ReportPage.view(data, title))
                                            .render())));
        });
    }

    @GET
    @Path("/report/prompts/{promptId}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "One prompt's responses, every variant side by side, with their values")
    @APIResponseSchema(value = String.class, responseDescription = "The prompt's page")
    @APIResponse(
            responseCode = "404",
            description = "No sample set of the prompt has reached the scorer: an HTML page saying so",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> prompt(@PathParam("id") String runId, @PathParam("promptId") String promptId) {
        return reports.promptSets(runId, promptId).chain(sets -> {
            if (sets.isEmpty()) {
                return Uni.createFrom().item(notFoundPage(runId, promptId));
            }
            String reference = sets.stream()
                    .filter(PromptPage.SetView::reference)
                    .map(PromptPage.SetView::variant)
                    .findFirst()
                    .orElse(null);
            return catalog.title(runId)
                    .chain(title -> reports.promptIds(runId).map(ids -> {
                        int at = ids.indexOf(promptId);
                        String previous = at > 0 ? ids.get(at - 1) : null;
                        String next = at >= 0 && at < ids.size() - 1 ? ids.get(at + 1) : null;
                        PromptPage.Page view = PromptPage.page(
                                new PromptPage.PromptView(runId, promptId, reference, sets, previous, next, title));
                        return page(200, ReportTemplates.prompt(view).render());
                    }));
        });
    }

    @GET
    @Path("/report/verdicts")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The report's two verdicts as JSON: distributional shift per variant (Jaccard difference to the"
                    + " reference) and the latest recovery verdict")
    @APIResponseSchema(value = VerdictsResponse.class, responseDescription = "The verdicts")
    @APIResponse(
            responseCode = "404",
            description = "No sample set of the run has reached the scorer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<VerdictsResponse> verdicts(@PathParam("id") String runId) {
        return ScoresResource.requireRun(scores, runId)
                .chain(() -> reports.variants(runId))
                .chain(variants -> aggregates
                        .aggregate(runId)
                        .chain(aggregate -> recoveries
                                .latest(runId)
                                .map(report -> VerdictsResponse.of(runId, variants, aggregate, report))));
    }

    private Uni<ReportData> read(String runId) {
        Instant readAt = Instant.now();
        return reports.variants(runId)
                .chain(variants -> aggregates
                        .aggregate(runId)
                        .chain(aggregate -> scores.setValues(runId)
                                .chain(values -> reports.distributions(runId)
                                        .chain(distributions -> recoveries
                                                .latest(runId)
                                                .chain(recovery -> reports.promptIds(runId)
                                                        .map(promptIds -> new ReportData(
                                                                runId,
                                                                reference(variants),
                                                                variants,
                                                                aggregate,
                                                                values.stream()
                                                                        .map(v -> new RunAggregator.PromptValue(
                                                                                v.variant(),
                                                                                v.metric(),
                                                                                v.promptId(),
                                                                                v.value()))
                                                                        .toList(),
                                                                distributions,
                                                                recovery,
                                                                promptIds,
                                                                config.aggregates()
                                                                        .resamples(),
                                                                config.aggregates()
                                                                        .seed(),
                                                                readAt))))))
                        .chain(data -> TokenShiftResource.summary(tokenShift, config, runId)
                                .map(data::withTokenShift)));
    }

    private static String reference(List<ReportData.VariantSummary> variants) {
        return variants.stream()
                .filter(ReportData.VariantSummary::reference)
                .map(ReportData.VariantSummary::name)
                .findFirst()
                .orElse(null);
    }

    private static Response notFoundPage(String runId, String promptId) {
        String message = promptId == null
                ? "No sample set of run '" + runId + "' has reached the scorer (yet). Check the run id with the"
                        + " generator (GET /runs/" + runId + " on port 8081); a new run's first sets arrive within"
                        + " seconds."
                : "No sample set of prompt '" + promptId + "' of run '" + runId + "' has reached the scorer.";
        return page(404, ReportTemplates.notFound(message).render());
    }

    /** An HTML page with the pages' security headers (the report's, the comparison's and the trend page's). */
    public static Response page(int status, String html) {
        return page(status, html, CONTENT_SECURITY_POLICY);
    }

    /**
     * An HTML page with the pages' security headers and {@code contentSecurityPolicy} (the runs page's own, which lets
     * its form submit to this service).
     */
    public static Response page(int status, String html, String contentSecurityPolicy) {
        return Response.status(status)
                .type(HTML)
                .entity(html)
                .header("Content-Security-Policy", contentSecurityPolicy)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }
}

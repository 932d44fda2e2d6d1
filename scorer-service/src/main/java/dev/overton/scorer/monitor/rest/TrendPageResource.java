package dev.overton.scorer.monitor.rest;

import java.util.Optional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import io.smallrye.mutiny.Uni;

import dev.overton.scorer.monitor.MonitorHistories;
import dev.overton.scorer.monitor.MonitorHistory;
import dev.overton.scorer.report.ReportTemplates;
import dev.overton.scorer.report.TrendPage;
import dev.overton.scorer.report.rest.ReportResource;

/**
 * A monitor's trend page, {@code GET /monitors/{id}/report[?metric=m]}: its windows over time per metric, baseline and
 * alarms marked, each window linking to its run's report. Drawn on the server from the same history {@code GET
 * /monitors/{id}/history} answers ({@link MonitorHistories}), in the report's style and under its security headers
 * (no script). The whole history is read, also for {@code ?metric=}, so that the page can list every metric and tell
 * a metric the monitor does not have (400) from one it has.
 */
@Path("/monitors/{id}/report")
public class TrendPageResource {

    private final MonitorHistories histories;

    public TrendPageResource(MonitorHistories histories) {
        this.histories = histories;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(
            summary = "A monitor's trend page: per metric each window's mean and 95% interval over time, the baseline"
                    + " and alarms marked, windows linking to their runs' reports; no script")
    @APIResponseSchema(value = String.class, responseDescription = "The trend page")
    @APIResponse(
            responseCode = "400",
            description = "A bad metric: an HTML problem page naming it",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(
            responseCode = "404",
            description = "A monitor the scorer does not know: an HTML page saying so",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> page(
            @PathParam("id") String monitorId,
            @Parameter(description = "one metric to show (default: every metric of the monitor's windows)")
                    @QueryParam("metric")
                    String metric) {
        Optional<String> bad = TrendPage.metricSyntax(metric);
        if (bad.isPresent()) {
            return Uni.createFrom().item(badMetric(bad.get()));
        }
        return histories
                .history(monitorId, null)
                .map(history -> history.map(h -> page(h, metric))
                        .orElseGet(() -> ReportResource.page(
                                404,
                                ReportTemplates.notFound("The scorer knows no monitor '" + monitorId + "'. List the"
                                                + " monitors with GET /monitors on generator-service (port 8081) or"
                                                + " 'overton monitor list'; a new monitor appears here once its first"
                                                + " window's run reaches the scorer.")
                                        .render())));
    }

    private static Response page(MonitorHistory history, String metric) {
        return TrendPage.metricKnown(metric, history)
                .map(TrendPageResource::badMetric)
                .orElseGet(() -> ReportResource.page(
                        200,
                        ReportTemplates.trend(TrendPage.view(history, metric)).render()));
    }

    private static Response badMetric(String detail) {
        return problem(new TrendPage.Problem(400, "Invalid metric", detail, "metric"));
    }

    private static Response problem(TrendPage.Problem problem) {
        return ReportResource.page(
                problem.status(), ReportTemplates.trendProblem(problem).render());
    }
}

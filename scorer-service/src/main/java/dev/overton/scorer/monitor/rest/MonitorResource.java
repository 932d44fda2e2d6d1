package dev.overton.scorer.monitor.rest;

import java.util.Optional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
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

import dev.overton.scorer.monitor.MonitorAlarm;
import dev.overton.scorer.monitor.MonitorAlarms;
import dev.overton.scorer.monitor.MonitorHistories;
import dev.overton.scorer.monitor.MonitorHistory;
import dev.overton.scorer.monitor.persistence.MonitorReads;
import dev.overton.scorer.report.ReportTemplates;
import dev.overton.scorer.report.TrendPage;
import dev.overton.scorer.report.rest.ReportResource;
import dev.overton.support.http.ApiProblems;
import dev.overton.support.http.Problem;

/**
 * A monitor as the scorer computed it: its history and alarms as JSON ({@code GET /monitors/{id}/history[?metric=m]},
 * {@code GET /monitors/{id}/alarms}) and its trend page ({@code GET /monitors/{id}/report[?metric=m]}): its windows over
 * time per metric, baseline and alarms marked, each window linking to its run's report, drawn on the server from the
 * same history ({@link MonitorHistories}) in the report's style and under its security headers (no script). The page
 * reads the whole history, also for {@code ?metric=}, so that it can list every metric and tell a metric the monitor
 * does not have (400) from one it has. The monitor's definition itself is the generator's ({@code GET
 * /monitors/{id}}).
 */
@Path("/monitors")
@APIResponse(
        responseCode = "404",
        description = "No monitor with that id has reached the scorer",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class MonitorResource {

    private final MonitorHistories histories;
    private final MonitorReads reads;

    public MonitorResource(MonitorHistories histories, MonitorReads reads) {
        this.histories = histories;
        this.reads = reads;
    }

    @GET
    @Path("{id}/history")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "A monitor's windows in order: per window its run, label, time and per variant each metric's"
                    + " mean, 95% interval and n; with the monitor's alarms")
    @APIResponseSchema(value = MonitorHistory.class, responseDescription = "The history")
    @APIResponse(
            responseCode = "400",
            description = "A bad metric name, named in errors",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<MonitorHistory> history(
            @PathParam("id") String id,
            @Parameter(description = "only this metric (default: every metric the windows have)") @QueryParam("metric")
                    String metric) {
        Optional<String> bad = TrendPage.metricSyntax(metric);
        if (bad.isPresent()) {
            throw badMetric(bad.get());
        }
        return reads.metrics(id)
                .invoke(known -> {
                    if (metric != null && !known.isEmpty() && !known.contains(metric)) {
                        throw badMetric("'metric' names '" + metric + "', which no window of this monitor has; its"
                                + " windows have: " + known);
                    }
                })
                .chain(known -> histories.history(id, metric))
                .map(history -> history.orElseThrow(() -> unknown(id)));
    }

    @GET
    @Path("{id}/alarms")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A monitor's alarms, open and cleared, oldest first")
    @APIResponseSchema(value = MonitorAlarms.class, responseDescription = "The alarms")
    public Uni<MonitorAlarms> alarms(@PathParam("id") String id) {
        return reads.monitor(id).chain(monitor -> {
            if (monitor.isEmpty()) {
                throw unknown(id);
            }
            return reads.alarms(id)
                    .map(alarms -> new MonitorAlarms(
                            id,
                            monitor.get().name(),
                            (int) alarms.stream().filter(MonitorAlarm::open).count(),
                            alarms));
        });
    }

    @GET
    @Path("{id}/report")
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
            return Uni.createFrom().item(badPage(bad.get()));
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
                .map(MonitorResource::badPage)
                .orElseGet(() -> ReportResource.page(
                        200,
                        ReportTemplates.trend(TrendPage.view(history, metric)).render()));
    }

    private static Response badPage(String detail) {
        return problem(new TrendPage.Problem(400, "Invalid metric", detail, "metric"));
    }

    private static Response problem(TrendPage.Problem problem) {
        return ReportResource.page(
                problem.status(), ReportTemplates.trendProblem(problem).render());
    }

    private static NotFoundException unknown(String id) {
        return new NotFoundException("no monitor '" + id + "' has reached the scorer (GET /monitors on the generator"
                + " lists the monitors)");
    }

    private static WebApplicationException badMetric(String message) {
        return new WebApplicationException(ApiProblems.response(Problem.invalidParameter("metric", message)));
    }
}

package dev.overton.scorer.monitor.rest;

import java.util.regex.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
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
import dev.overton.support.http.ApiProblems;
import dev.overton.support.http.Problem;

/**
 * A monitor's history and alarms as the scorer computed them: {@code GET /monitors/{id}/history[?metric=m]} and
 * {@code GET /monitors/{id}/alarms}. The monitor's definition itself is the generator's ({@code GET /monitors/{id}}).
 */
@Path("/monitors")
@APIResponse(
        responseCode = "404",
        description = "No monitor with that id has reached the scorer",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class MonitorHistoryResource {

    private static final Pattern METRIC = Pattern.compile("[A-Za-z0-9_]{1,200}");

    private final MonitorHistories histories;
    private final MonitorReads reads;

    public MonitorHistoryResource(MonitorHistories histories, MonitorReads reads) {
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
        if (metric != null && !METRIC.matcher(metric).matches()) {
            throw badMetric(
                    "'metric' must be a metric name (letters, digits, '_'; at most 200), e.g." + " metric=jaccard_1");
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

    private static NotFoundException unknown(String id) {
        return new NotFoundException("no monitor '" + id + "' has reached the scorer (GET /monitors on the generator"
                + " lists the monitors)");
    }

    private static WebApplicationException badMetric(String message) {
        return new WebApplicationException(ApiProblems.response(Problem.invalidParameter("metric", message)));
    }
}

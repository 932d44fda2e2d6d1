package dev.overton.scorer.report.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.RecoveryReport;
import dev.overton.scorer.config.ScorerConfig;
import dev.overton.scorer.report.PromptPage;
import dev.overton.scorer.report.ReportData;
import dev.overton.scorer.report.ReportPage;
import dev.overton.scorer.report.Verdicts;
import dev.overton.scorer.report.persistence.RecoveryStore;
import dev.overton.scorer.report.persistence.ReportStore;
import dev.overton.scorer.report.svg.MarkupWriter;
import dev.overton.scorer.scoring.RunAggregates;
import dev.overton.scorer.scoring.RunAggregator;
import dev.overton.scorer.scoring.persistence.ScoreStore;

/**
 * A run's report: an HTML page with the verdicts and plots ({@code /report}), one page per prompt with its responses
 * side by side ({@code /report/prompts/{promptId}}) and the verdicts as JSON for command-line clients ({@code
 * /report/verdicts}). Aggregates come from {@link RunAggregates}, the same code that serves {@code /scores}, so the
 * page and the API never disagree; the recovery verdict is the latest one icl-service published.
 */
@Path("/runs/{id}")
public class ReportResource {

    private static final String HTML = MediaType.TEXT_HTML + "; charset=utf-8";

    private final ScoreStore scores;
    private final RunAggregates aggregates;
    private final ReportStore reports;
    private final RecoveryStore recoveries;
    private final ScorerConfig config;

    public ReportResource(
            ScoreStore scores,
            RunAggregates aggregates,
            ReportStore reports,
            RecoveryStore recoveries,
            ScorerConfig config) {
        this.scores = scores;
        this.aggregates = aggregates;
        this.reports = reports;
        this.recoveries = recoveries;
        this.config = config;
    }

    @GET
    @Path("/report")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The run's report page: questions and verdicts, then plots (inline SVG) and tables; no script")
    public Uni<Response> report(@PathParam("id") String runId) {
        return scores.knowsRun(runId).chain(known -> {
            if (!known) {
                return Uni.createFrom().item(notFoundPage(runId, null));
            }
            return read(runId)
                    .map(data -> Response.ok(ReportPage.render(data)).type(HTML).build());
        });
    }

    @GET
    @Path("/report/prompts/{promptId}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "One prompt's responses, every variant side by side, with their values")
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
            return reports.promptIds(runId).map(ids -> {
                int at = ids.indexOf(promptId);
                String previous = at > 0 ? ids.get(at - 1) : null;
                String next = at >= 0 && at < ids.size() - 1 ? ids.get(at + 1) : null;
                String page =
                        PromptPage.render(new PromptPage.PromptView(runId, promptId, reference, sets, previous, next));
                return Response.ok(page).type(HTML).build();
            });
        });
    }

    @GET
    @Path("/report/verdicts")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The report's two verdicts as JSON: distributional shift per variant (Jaccard difference to the"
                    + " reference) and the latest recovery verdict")
    public Uni<Map<String, Object>> verdicts(@PathParam("id") String runId) {
        return scores.knowsRun(runId)
                .invoke(known -> {
                    if (!known) {
                        throw new NotFoundException("no sample sets of run '" + runId + "' have reached the scorer");
                    }
                })
                .chain(() -> reports.variants(runId))
                .chain(variants -> aggregates
                        .aggregate(runId)
                        .chain(aggregate -> recoveries
                                .latest(runId)
                                .map(report -> verdictsBody(runId, variants, aggregate, report))));
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
                                                                readAt)))))));
    }

    private static String reference(List<ReportData.VariantSummary> variants) {
        return variants.stream()
                .filter(ReportData.VariantSummary::reference)
                .map(ReportData.VariantSummary::name)
                .findFirst()
                .orElse(null);
    }

    private static Map<String, Object> verdictsBody(
            String runId,
            List<ReportData.VariantSummary> variants,
            RunAggregator.RunAggregate aggregate,
            RecoveryReport report) {
        String reference = reference(variants);
        List<Map<String, Object>> shift = new ArrayList<>();
        for (Verdicts.ShiftVerdict v : Verdicts.shift(
                aggregate,
                reference,
                variants.stream().map(ReportData.VariantSummary::name).toList())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("variant", v.variant());
            m.put("reference", v.reference());
            m.put("metric", v.metric());
            m.put("difference", finite(v.difference()));
            m.put("ciLow", finite(v.low()));
            m.put("ciHigh", finite(v.high()));
            m.put("n", v.n());
            m.put("outcome", v.outcome().name());
            m.put("headline", v.headline());
            m.put("detail", v.detail());
            shift.add(m);
        }
        Map<String, Object> recovery = null;
        if (report != null) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Verdicts.RecoveryVerdict v : Verdicts.recovery(report)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("variant", v.variant());
                m.put("outcome", v.outcome().name());
                m.put("headline", v.headline());
                m.put("measures", v.measures());
                list.add(m);
            }
            recovery = new LinkedHashMap<>();
            recovery.put("reference", report.reference());
            recovery.put(
                    "computedAt",
                    report.computedAt() == null ? null : report.computedAt().toString());
            recovery.put("variants", list);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", runId);
        body.put("reference", reference);
        body.put("shift", shift);
        body.put("recovery", recovery);
        return body;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static Response notFoundPage(String runId, String promptId) {
        MarkupWriter h = new MarkupWriter();
        h.raw("<!DOCTYPE html>\n");
        h.open("html", "lang", "en").open("head").empty("meta", "charset", "utf-8");
        h.element("title", "Not found · Overton report").close("head");
        h.open("body").element("h1", "Not found");
        h.element(
                "p",
                promptId == null
                        ? "No sample set of run '" + runId + "' has reached the scorer (yet). Check the run id with"
                                + " the generator (GET /runs/" + runId + " on port 8081); a new run's first sets"
                                + " arrive within seconds."
                        : "No sample set of prompt '" + promptId + "' of run '" + runId + "' has reached the scorer.");
        h.close("body").close("html");
        return Response.status(404).type(HTML).entity(h.toString()).build();
    }
}

package dev.overton.scorer.compare.rest;

import java.net.URI;
import java.util.List;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
import io.vertx.mutiny.core.Vertx;

import dev.overton.metrics.stats.DifferenceTest;
import dev.overton.scorer.catalog.persistence.CatalogStore;
import dev.overton.scorer.compare.CompareProblem;
import dev.overton.scorer.compare.CompareQuery;
import dev.overton.scorer.compare.Comparison;
import dev.overton.scorer.compare.PromptValue;
import dev.overton.scorer.compare.RunComparison;
import dev.overton.scorer.compare.TickedRuns;
import dev.overton.scorer.compare.persistence.CompareStore;
import dev.overton.scorer.config.ScorerConfig;
import dev.overton.scorer.report.ComparePage;
import dev.overton.scorer.report.ReportTemplates;
import dev.overton.scorer.report.rest.ReportResource;
import dev.overton.scorer.scoring.rest.ProblemMappers;
import dev.overton.support.http.Problem;

/**
 * {@code GET /compare?a=RUN&b=RUN[&map=vA:vB,...][&metrics=m1,m2]}: how run b differs from run a, per variant pair and
 * metric, with intervals, p- and q-values and the direction in words. Computed from the stored values on each call
 * (the resampling runs on a worker thread), with the aggregates' seed and resamples so the same runs always give the
 * same answer.
 */
@Path("/compare")
public class CompareResource {

    /** Random rearrangements per p-value when not all can be enumerated (p is then at least 1/10,000). */
    public static final int PERMUTATIONS = 9_999;

    private final CompareStore store;
    private final CatalogStore catalog;
    private final ScorerConfig config;
    private final Vertx vertx;

    public CompareResource(CompareStore store, CatalogStore catalog, ScorerConfig config, Vertx vertx) {
        this.store = store;
        this.catalog = catalog;
        this.config = config;
        this.vertx = vertx;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Compare two runs: per variant pair and metric the difference b - a (paired over shared"
                    + " prompts), its 95% bootstrap interval, p- and Benjamini-Hochberg q-value, and its direction")
    @APIResponseSchema(value = Comparison.class, responseDescription = "The comparison")
    @APIResponse(
            responseCode = "400",
            description = "A bad parameter, named in errors",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "An unknown run (a or b)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Comparison> compare(
            @Parameter(description = "run a (the baseline)") @QueryParam("a") String a,
            @Parameter(description = "run b (compared with a)") @QueryParam("b") String b,
            @Parameter(description = "variant pairs variantOfA:variantOfB, comma-separated (default: same names)")
                    @QueryParam("map")
                    String map,
            @Parameter(description = "metrics to compare, comma-separated (default: every metric both sides have)")
                    @QueryParam("metrics")
                    String metrics) {
        return comparison(CompareQuery.parse(a, b, map, metrics));
    }

    /**
     * The same comparison as an HTML page (the browser's {@code Accept: text/html}): forest plots of the differences and
     * the table, in the report's style and with its security headers. A comparison that cannot be made answers an
     * HTML problem page with the JSON problem's status (400 naming the parameter, 404 for an unknown run).
     *
     * <p>Without {@code a} and {@code b}, the two runs ticked on the runs page ({@code run=X&run=Y}) are compared: the
     * answer is a redirect (303) to {@code /compare?a=OLDER&b=NEWER}, the older run by creation time being the
     * baseline, so that the address in the browser is the comparison's own and can be shared. Any other number of
     * ticked runs answers 400 naming {@code run}.
     */
    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(
            summary = "The comparison as an HTML page (Accept: text/html): a forest plot per metric and the table;"
                    + " no script")
    @APIResponseSchema(value = String.class, responseDescription = "The comparison page")
    @APIResponse(
            responseCode = "400",
            description = "A bad parameter: an HTML problem page naming it",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(
            responseCode = "404",
            description = "An unknown run: an HTML problem page",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> page(
            @QueryParam("a") String a,
            @QueryParam("b") String b,
            @QueryParam("map") String map,
            @QueryParam("metrics") String metrics,
            @Parameter(description = "the two runs ticked on the runs page, when a and b are not given")
                    @QueryParam(TickedRuns.PARAMETER)
                    List<String> runs) {
        if (a == null && b == null) {
            return ticked(runs, map, metrics);
        }
        Uni<Comparison> comparison;
        try {
            comparison = comparison(CompareQuery.parse(a, b, map, metrics));
        } catch (CompareProblem e) {
            comparison = Uni.createFrom().failure(e);
        }
        return comparison
                .map(c -> ReportResource.page(
                        200, ReportTemplates.compare(ComparePage.view(c)).render()))
                .onFailure(CompareProblem.class)
                .recoverWithItem(e -> problemPage((CompareProblem) e));
    }

    private Uni<Response> ticked(List<String> runs, String map, String metrics) {
        List<String> ticked;
        try {
            ticked = TickedRuns.check(runs, map, metrics);
        } catch (CompareProblem e) {
            return Uni.createFrom().item(problemPage(e));
        }
        return catalog.oldestFirst(ticked)
                .map(ordered -> Response.seeOther(URI.create(TickedRuns.location(ordered, map, metrics)))
                        .build());
    }

    private static Response problemPage(CompareProblem problem) {
        return ReportResource.page(
                problem.status(),
                ReportTemplates.compareProblem(new ComparePage.Problem(
                                problem.status(),
                                ProblemMappers.problem(problem).title(),
                                problem.getMessage(),
                                problem.parameter()))
                        .render());
    }

    private Uni<Comparison> comparison(CompareQuery query) {
        DifferenceTest.Settings settings = new DifferenceTest.Settings(
                0.95,
                config.aggregates().resamples(),
                PERMUTATIONS,
                config.aggregates().seed());
        return requireRun("a", query.a())
                .chain(() -> requireRun("b", query.b()))
                .chain(() -> store.promptValues(query.a()))
                .chain(valuesA -> valuesOfB(query, valuesA)
                        .chain(valuesB -> vertx.executeBlocking(
                                Uni.createFrom().item(() -> RunComparison.compare(query, valuesA, valuesB, settings)))))
                .chain(c -> catalog.title(c.a())
                        .chain(titleA -> catalog.title(c.b()).map(titleB -> c.titled(titleA, titleB))));
    }

    private Uni<List<PromptValue>> valuesOfB(CompareQuery query, List<PromptValue> valuesA) {
        return query.a().equals(query.b()) ? Uni.createFrom().item(valuesA) : store.promptValues(query.b());
    }

    private Uni<Void> requireRun(String parameter, String runId) {
        return store.knowsRun(runId)
                .invoke(known -> {
                    if (!known) {
                        throw CompareProblem.unknownRun(
                                parameter,
                                "run '" + runId + "' (" + parameter + ") is unknown to the scorer: none of its sample"
                                        + " sets has reached it");
                    }
                })
                .replaceWithVoid();
    }
}

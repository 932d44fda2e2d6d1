package dev.overton.scorer.catalog;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.overton.scorer.catalog.persistence.CatalogStore.CatalogRun;
import dev.overton.scorer.report.Html;
import dev.overton.scorer.report.PlainTemplates;

/**
 * The runs page at {@code /}: what its template ({@code templates/catalog/runs.html}) shows, every known run newest
 * first with its name, label, status, progress and a link to its report, and a check box per run. Ticking two and
 * submitting the form asks {@code /compare?run=X&run=Y}, which answers with the comparison of the older run (a) with
 * the newer one (b); no script is needed, so the page works under a {@code Content-Security-Policy} that forbids
 * scripts. The template escapes every run-supplied string.
 */
public final class RunsPage {

    /**
     * The page's Content-Security-Policy: no script, nothing fetched, inline styles only, and forms (the compare form)
     * to this origin only.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline';"
            + " form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private RunsPage() {}

    /**
     * The page.
     *
     * @param runs the runs, newest first
     */
    public record Page(List<RunRow> runs) {}

    /**
     * One run on the page.
     *
     * @param id its id
     * @param name its name
     * @param label its label, or {@code null}
     * @param createdAt when the generator accepted it (ISO-8601, to the second)
     * @param status {@code complete} or {@code in progress}
     * @param progress sample sets stored of those expected ({@code 3 / 8 sets})
     * @param report link to its report, or {@code null} when its id cannot be a path segment
     */
    public record RunRow(
            String id, String name, String label, String createdAt, String status, String progress, String report) {}

    /** The view of {@code runs} (newest first). */
    public static Page view(List<CatalogRun> runs) {
        return new Page(runs.stream().map(RunsPage::row).toList());
    }

    /** The page rendered without Quarkus (tests and browser tests), from the same template. */
    public static String render(Page page) {
        return PlainTemplates.render(CatalogTemplates.RUNS, page);
    }

    private static RunRow row(CatalogRun run) {
        String report = Html.link("/runs/", run.runId());
        return new RunRow(
                run.runId(),
                run.name(),
                run.label(),
                DateTimeFormatter.ISO_INSTANT.format(run.createdAt().truncatedTo(ChronoUnit.SECONDS)),
                run.status(),
                run.storedSets() + " / " + run.expectedSets() + " sets",
                report == null ? null : report + "/report");
    }
}

package dev.overton.scorer.catalog;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The catalog's Qute templates ({@code src/main/resources/templates/catalog/}), type-checked when the service is built
 * like the report's ({@code ReportTemplates}); outside Quarkus {@link RunsPage#render} renders the same file.
 */
@CheckedTemplate(basePath = "catalog")
public final class CatalogTemplates {

    /** Id of the runs page's template. */
    static final String RUNS = "catalog/runs";

    private CatalogTemplates() {}

    /** The runs page ({@code runs.html}). */
    public static native TemplateInstance runs(RunsPage.Page view);
}

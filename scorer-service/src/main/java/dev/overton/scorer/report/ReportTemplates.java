package dev.overton.scorer.report;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The report's Qute templates ({@code src/main/resources/templates/report/}), type-checked when the service is built:
 * every expression in them must resolve against the parameter's type, so a renamed record component fails the build,
 * not a page. {@code .html} templates escape every value for HTML; the charts' SVG is the only raw markup ({@link
 * ReportView.Figure#svg()}, escaped by {@link MarkupWriter} when it was drawn).
 *
 * <p>Outside Quarkus these methods cannot be called (their bodies are generated at build time); {@link
 * ReportPage#render} and {@link PromptPage#render} render the same files with {@link PlainTemplates}.
 */
@CheckedTemplate(basePath = "report")
public final class ReportTemplates {

    /** Id of the report page's template. */
    static final String PAGE = "report/page";

    /** Id of the prompt page's template. */
    static final String PROMPT = "report/prompt";

    /** Id of the page answering 404. */
    static final String NOT_FOUND = "report/notFound";

    /** Id of the comparison page's template. */
    static final String COMPARE = "report/compare";

    /** Id of the comparison's problem page. */
    static final String COMPARE_PROBLEM = "report/compareProblem";

    /** Id of a monitor's trend page. */
    static final String TREND = "report/trend";

    /** Id of the trend page's problem page (bad parameter, unknown monitor). */
    static final String TREND_PROBLEM = "report/trendProblem";

    private ReportTemplates() {}

    /** The report page ({@code page.html}). */
    public static native TemplateInstance page(ReportView view);

    /** A prompt's page ({@code prompt.html}). */
    public static native TemplateInstance prompt(PromptPage.Page view);

    /** The page of a run or prompt the scorer has not seen ({@code notFound.html}). */
    public static native TemplateInstance notFound(String message);

    /** The comparison page ({@code compare.html}). */
    public static native TemplateInstance compare(ComparePage.Page view);

    /** The page of a comparison that cannot be made ({@code compareProblem.html}). */
    public static native TemplateInstance compareProblem(ComparePage.Problem view);

    /** A monitor's trend page ({@code trend.html}). */
    public static native TemplateInstance trend(TrendPage.Page view);

    /** The trend page's problem page ({@code trendProblem.html}). */
    public static native TemplateInstance trendProblem(TrendPage.Problem view);
}

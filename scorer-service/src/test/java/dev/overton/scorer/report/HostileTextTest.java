package dev.overton.scorer.report;

import static dev.overton.scorer.report.ReportPageTest.section;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.RecoveryReport;
import dev.overton.scorer.scoring.RunAggregator;

/**
 * Stored text is untrusted (run ids, variant names and prompt ids come from run specs and Kafka records, answers from
 * models): on both pages, in the templates' markup and in the Java-drawn SVG, {@code <script>} and {@code "} stay text,
 * and no link can be made to point elsewhere than at a prompt's page.
 */
class HostileTextTest {

    private static final String RUN = "run-<script>alert(\"r\")</script>";
    private static final String VARIANT = "base\"><script>alert(\"v\")</script>";
    private static final String PROMPT = "p\"><script>alert(\"p\")</script>";
    private static final String ANSWER = "\"><script>alert(\"a\")</script>";

    /** The fixture run with the base variant, the run and the first prompt renamed to hostile text. */
    private static ReportData hostileRun(List<String> promptIds) {
        ReportData run = ReportFixtures.run(true);
        List<RunAggregator.PromptValue> values = new ArrayList<>();
        for (RunAggregator.PromptValue v : run.promptValues()) {
            values.add(new RunAggregator.PromptValue(rename(v.variant()), v.metric(), v.promptId(), v.value()));
        }
        List<ReportData.DistributionValue> distributions = new ArrayList<>();
        for (ReportData.DistributionValue v : run.distributions()) {
            distributions.add(new ReportData.DistributionValue(
                    rename(v.variant()), v.metric(), v.promptId(), v.sample(), v.value()));
        }
        List<RecoveryReport.Recovery> recoveries = new ArrayList<>();
        for (RecoveryReport.Recovery r : run.recovery().recoveries()) {
            recoveries.add(new RecoveryReport.Recovery(
                    rename(r.variant()),
                    r.measure(),
                    r.recovery(),
                    r.ciLow(),
                    r.ciHigh(),
                    r.recovers(),
                    r.n(),
                    r.reason()));
        }
        List<ReportData.VariantSummary> variants = run.variants().stream()
                .map(v -> new ReportData.VariantSummary(rename(v.name()), v.reference(), v.generated(), v.failed()))
                .toList();
        RecoveryReport recovery = new RecoveryReport(
                run.recovery().schemaVersion(),
                RUN,
                run.recovery().reference(),
                recoveries,
                run.recovery().computedAt());
        return new ReportData(
                RUN,
                run.reference(),
                variants,
                RunAggregator.aggregate(values, run.reference(), 500, 20240625L),
                values,
                distributions,
                recovery,
                promptIds,
                run.resamples(),
                run.seed(),
                run.renderedAt());
    }

    private static String rename(String variant) {
        return variant.equals(ReportFixtures.BASE) ? VARIANT : variant;
    }

    @Test
    void reportPageKeepsScriptsAndQuotesOfRunVariantAndPromptAsTextInMarkupAndCharts() {
        String html = ReportPage.render(hostileRun(List.of(PROMPT, "1", "2")));

        assertThat(html).doesNotContain("<script").doesNotContain(VARIANT).doesNotContain(PROMPT);
        String escapedVariant = "base&quot;&gt;&lt;script&gt;alert(&quot;v&quot;)&lt;/script&gt;";
        assertThat(html)
                .contains("<title>Overton report · run run-&lt;script&gt;alert(&quot;r&quot;)&lt;/script&gt;</title>")
                .contains("data-prompt=\"p&quot;&gt;&lt;script&gt;alert(&quot;p&quot;)&lt;/script&gt;\"")
                .contains(escapedVariant + " is more diverse than llama-2-chat");
        // the charts are SVG drawn in Java: the variant's name is escaped there too
        assertThat(section(html, "diversity")).contains("data-variant=\"" + escapedVariant + "\"");
        assertThat(section(html, "recovery")).contains(escapedVariant);
        // no attribute was broken out of: every data-variant holds one of the run's variants
        assertThat(attributeValues(html, "data-variant"))
                .containsOnly(escapedVariant, ReportFixtures.ICL, ReportFixtures.CHAT);
        assertThat(html).contains("href=\"report/prompts/p%22%3E%3Cscript%3Ealert%28%22p%22%29%3C%2Fscript%3E\"");
    }

    @Test
    void promptPageKeepsScriptsAndQuotesOfRunVariantPromptAndAnswerAsText() {
        PromptPage.PromptView view = new PromptPage.PromptView(
                RUN,
                PROMPT,
                "chat",
                List.of(
                        new PromptPage.SetView(
                                VARIANT,
                                false,
                                "generated",
                                null,
                                List.of(new PromptPage.SampleView(0, ANSWER)),
                                List.of(new PromptPage.ValueView("jaccard_1", null, null, null, ANSWER))),
                        new PromptPage.SetView("chat", true, "failed", ANSWER, List.of(), List.of())),
                PROMPT,
                null);

        String html = PromptPage.render(view);

        assertThat(html)
                .doesNotContain("<script")
                .contains("&quot;&gt;&lt;script&gt;alert(&quot;a&quot;)&lt;/script&gt;")
                .contains("data-variant=\"base&quot;&gt;&lt;script&gt;alert(&quot;v&quot;)&lt;/script&gt;\"")
                .contains("<code>p&quot;&gt;&lt;script&gt;alert(&quot;p&quot;)&lt;/script&gt;</code>")
                .contains("href=\"p%22%3E%3Cscript%3Ealert%28%22p%22%29%3C%2Fscript%3E\" rel=\"prev\"");
        assertThat(attributeValues(html, "data-variant"))
                .containsOnly("base&quot;&gt;&lt;script&gt;alert(&quot;v&quot;)&lt;/script&gt;", "chat");
    }

    @Test
    void aDotSegmentPromptIdGetsNoLinkInsteadOfALinkToTheReportItself() {
        ReportData dots = ReportFixtures.withPrompts(
                ReportFixtures.run(false), ReportFixtures.RUN, List.of("..", ".", "", "0", "a/b"));
        URI page = URI.create("http://127.0.0.1:8082/runs/run-1/report");

        String prompts = section(ReportPage.render(dots), "prompts");

        List<String> links = attributeValues(prompts, "href");
        assertThat(links).containsExactly("report/prompts/0", "report/prompts/a%2Fb");
        for (String link : links) {
            assertThat(page.resolve(link).getRawPath()).startsWith("/runs/run-1/report/prompts/");
        }
        assertThat(prompts).contains("<tr data-prompt=\"..\">").contains("<tr data-prompt=\".\">");
    }

    @Test
    void thePromptPageLinksNoDotSegmentNeighbour() {
        PromptPage.PromptView view = new PromptPage.PromptView("run-1", "0", "chat", List.of(), "..", ".");
        URI page = URI.create("http://127.0.0.1:8082/runs/run-1/report/prompts/0");

        String html = PromptPage.render(view);

        assertThat(attributeValues(html, "href")).containsExactly("../../report");
        assertThat(page.resolve("../../report").getRawPath()).isEqualTo("/runs/run-1/report");
    }

    private static List<String> attributeValues(String html, String attribute) {
        Matcher m = Pattern.compile("\\s" + attribute + "=\"([^\"]*)\"").matcher(html);
        List<String> values = new ArrayList<>();
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }
}

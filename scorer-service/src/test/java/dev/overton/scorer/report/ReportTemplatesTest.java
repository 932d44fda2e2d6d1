package dev.overton.scorer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.overton.scorer.InMemoryChannels;
import dev.overton.scorer.catalog.CatalogTemplates;
import dev.overton.scorer.catalog.RunTitle;
import dev.overton.scorer.catalog.RunsPage;
import dev.overton.scorer.catalog.persistence.CatalogStore;

/**
 * The service renders the pages through Quarkus's type-checked templates ({@link ReportTemplates}); the tests and the
 * browser tests render the same files with {@link PlainTemplates}. Both must give the same page, byte for byte, or the
 * plain-Java tests would check something the service does not serve.
 */
@QuarkusTest
@TestProfile(InMemoryChannels.class)
class ReportTemplatesTest {

    @Test
    void theServiceAndThePlainEngineRenderTheSameReportPage() {
        for (boolean full : List.of(true, false)) {
            ReportData data = ReportFixtures.run(full);

            assertThat(ReportTemplates.page(ReportPage.view(data)).render()).isEqualTo(ReportPage.render(data));
        }
    }

    @Test
    void bothEnginesShowTheRunsNameAndLabelEscapedInTheReportHeader() {
        ReportData d = ReportFixtures.run(true);
        RunTitle title = new RunTitle("nightly <b>", "ckpt \"1400\"");

        String page = ReportPage.render(d, title);
        assertThat(ReportTemplates.page(ReportPage.view(d, title)).render()).isEqualTo(page);
        assertThat(page)
                .contains("<strong class=\"run-name\">nightly &lt;b&gt;</strong>")
                .contains("label <span class=\"run-label\">ckpt &quot;1400&quot;</span>");
        assertThat(ReportPage.render(d)).doesNotContain("run-name").doesNotContain("run-label");
    }

    @Test
    void theServiceAndThePlainEngineRenderTheSameRunsPage() {
        RunsPage.Page view = RunsPage.view(List.of(
                new CatalogStore.CatalogRun(
                        "run-2", "second <i>", "v2 & more", "chat", 3, List.of("base", "chat"), Instant.EPOCH, 6),
                new CatalogStore.CatalogRun("..", "dots", null, "chat", 1, List.of("chat"), Instant.EPOCH, 0)));

        String page = RunsPage.render(view);
        assertThat(CatalogTemplates.runs(view).render()).isEqualTo(page);
        assertThat(page)
                .contains(">second &lt;i&gt;<")
                .contains(">v2 &amp; more<")
                .contains(">complete<")
                .contains(">6 / 6 sets<")
                .contains("<a href=\"/runs/run-2/report\">report</a>")
                // a run id that cannot be a path segment gets no link
                .doesNotContain("/runs/../report");
        assertThat(CatalogTemplates.runs(RunsPage.view(List.of())).render()).contains("No runs yet");
    }

    @Test
    void theServiceAndThePlainEngineRenderTheSamePromptPage() {
        PromptPage.PromptView view = ReportFixtures.prompt7(
                ReportFixtures.generatedSet(
                        "base",
                        false,
                        List.of(new PromptPage.SampleView(0, "<b>one</b> & \"two\"")),
                        List.of(new PromptPage.ValueView("jaccard_1", null, null, 0.125, null))),
                new PromptPage.SetView("icl", false, "failed", null, List.of(), List.of()),
                ReportFixtures.generatedSet("chat", true, List.of(), List.of()));

        assertThat(ReportTemplates.prompt(PromptPage.page(view)).render()).isEqualTo(PromptPage.render(view));
    }
}

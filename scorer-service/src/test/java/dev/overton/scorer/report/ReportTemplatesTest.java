package dev.overton.scorer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.overton.scorer.InMemoryChannels;

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
    void theServiceAndThePlainEngineRenderTheSamePromptPage() {
        PromptPage.PromptView view = new PromptPage.PromptView(
                "run-1",
                "7",
                "chat",
                List.of(
                        new PromptPage.SetView(
                                "base",
                                false,
                                "generated",
                                null,
                                List.of(new PromptPage.SampleView(0, "<b>one</b> & \"two\"")),
                                List.of(new PromptPage.ValueView("jaccard_1", null, null, 0.125, null))),
                        new PromptPage.SetView("icl", false, "failed", null, List.of(), List.of()),
                        new PromptPage.SetView("chat", true, "generated", null, List.of(), List.of())),
                "6",
                "8");

        assertThat(ReportTemplates.prompt(PromptPage.page(view)).render()).isEqualTo(PromptPage.render(view));
    }
}

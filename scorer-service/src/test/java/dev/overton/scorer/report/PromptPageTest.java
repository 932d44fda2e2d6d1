package dev.overton.scorer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PromptPageTest {

    @Test
    void showsEachVariantsResponsesSideBySideEscaped() {
        PromptPage.PromptView view = ReportFixtures.prompt7(
                ReportFixtures.generatedSet(
                        "base",
                        false,
                        List.of(
                                new PromptPage.SampleView(0, "<script>alert('pwned')</script> & more"),
                                new PromptPage.SampleView(1, "line one\nline two")),
                        List.of(
                                new PromptPage.ValueView("jaccard_1", null, null, 0.125, null),
                                new PromptPage.ValueView("pair_jaccard_1", 1, "chat", 0.5, null))),
                ReportFixtures.generatedSet(
                        "chat",
                        true,
                        List.of(new PromptPage.SampleView(0, "Sure! Here are <b>five</b> tips")),
                        List.of(new PromptPage.ValueView("jaccard_1", null, null, null, "fewer than two samples"))));

        String html = PromptPage.render(view);

        assertThat(html)
                .doesNotContain("<script>")
                .doesNotContain("<b>five</b>")
                .contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; &amp; more")
                .contains("line one\nline two")
                .contains("jaccard_1 0.125")
                .contains("#1 · pair_jaccard_1 0.500")
                .contains("jaccard_1 undefined (fewer than two samples)")
                .contains("href=\"6\" rel=\"prev\"")
                .contains("href=\"8\" rel=\"next\"")
                .contains("href=\"../../report\"");
        assertThat(html.indexOf("data-variant=\"base\"")).isLessThan(html.indexOf("data-variant=\"chat\""));
        assertThat(ReportPageTest.count(html, "class=\"sample\"")).isEqualTo(3);
    }

    @Test
    void showsTheErrorOfAFailedSet() {
        PromptPage.PromptView view = new PromptPage.PromptView(
                "run-1",
                "3",
                "chat",
                List.of(new PromptPage.SetView(
                        "icl", false, "failed", "HTTP 400: context <too> long", List.of(), List.of())),
                null,
                null);

        assertThat(PromptPage.render(view))
                .contains("data-status=\"failed\"")
                .contains("Generation failed: HTTP 400: context &lt;too&gt; long")
                .doesNotContain("rel=\"prev\"");
    }
}

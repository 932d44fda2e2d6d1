package dev.overton.scorer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class ReportPageTest {

    private static final String CI_BAR = "class=\"mark ci-bar\"";

    @Test
    void putsTheQuestionsAndVerdictsFirst() {
        String html = ReportPage.render(ReportFixtures.run(true));

        assertThat(html.indexOf("id=\"questions\"")).isLessThan(html.indexOf("id=\"diversity\""));
        assertThat(section(html, "questions"))
                .contains("llama-2-base is more diverse than llama-2-chat")
                .contains("data-outcome=\"MORE_DIVERSE\"")
                .contains("jaccard_1 llama-2-base − llama-2-chat = −0.")
                .contains("llama-2-base does not recover llama-2-chat")
                .contains("llama-2-icl recovers llama-2-chat on 1 of 2 measures")
                .contains("data-outcome=\"PARTLY\"");
    }

    @Test
    void drawsOneIntervalPerVariantAndDiversityMetric() {
        String html = ReportPage.render(ReportFixtures.run(true));

        assertThat(count(section(html, "diversity"), CI_BAR)).isEqualTo(3 * ReportFixtures.DIVERSITY.size());
        for (String metric : ReportFixtures.DIVERSITY) {
            assertThat(section(html, "diversity")).contains("id=\"chart-diversity-" + metric + "\"");
        }
        // the shift chart in question 1: one paired difference per non-reference variant
        assertThat(count(section(html, "questions"), CI_BAR)).isEqualTo(2);
    }

    @Test
    void drawsSimilarityPerNonReferenceVariantWithTheAlignedCeiling() {
        String similarity = section(ReportPage.render(ReportFixtures.run(true)), "similarity");

        assertThat(count(similarity, CI_BAR)).isEqualTo(2 * ReportFixtures.PAIRS.size());
        assertThat(count(similarity, "class=\"ref-line ceiling\"")).isEqualTo(ReportFixtures.PAIRS.size());
        assertThat(count(similarity, "class=\"ref-band ceiling\"")).isEqualTo(ReportFixtures.PAIRS.size());
        assertThat(similarity).contains("aligned vs aligned (ceiling)").doesNotContain("data-variant=\"llama-2-chat\"");
    }

    @Test
    void drawsRecoveryCoverageAndJudgeDistributionsWhenPresent() {
        String html = ReportPage.render(ReportFixtures.run(true));

        assertThat(count(section(html, "recovery"), CI_BAR)).isEqualTo(4);
        assertThat(count(section(html, "recovery"), "class=\"ref-line parity\""))
                .isEqualTo(2);
        assertThat(count(section(html, "coverage"), "class=\"mark box\"")).isEqualTo(2);
        // judge scores 1..5: 5 bins x 2 variants
        assertThat(count(section(html, "judge"), "class=\"mark hist-bar\"")).isEqualTo(10);
        assertThat(count(section(html, "lengths"), "class=\"mark box\"")).isEqualTo(3);
    }

    @Test
    void saysWhatIsNotComputedInsteadOfDrawingEmptyPlots() {
        String html = ReportPage.render(ReportFixtures.run(false));

        assertThat(section(html, "coverage")).contains("Coverage: not computed for this run.");
        assertThat(section(html, "judge")).contains("Judge scores: not computed for this run.");
        assertThat(section(html, "questions")).contains("No recovery verdict yet");
        assertThat(section(html, "recovery")).doesNotContain(CI_BAR);
    }

    @Test
    void listsEveryAggregateAndLinksEveryPrompt() {
        String html = ReportPage.render(ReportFixtures.run(true));

        assertThat(count(section(html, "aggregates"), "<tr data-metric=")).isEqualTo(7);
        assertThat(count(section(html, "prompts"), "href=\"report/prompts/")).isEqualTo(ReportFixtures.PROMPTS);
        assertThat(html).contains("href=\"export?format=csv\"").contains("href=\"export?format=jsonl\"");
    }

    @Test
    void isSelfContainedWithoutScriptsOrExternalResources() {
        String html = ReportPage.render(ReportFixtures.run(true));

        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .doesNotContain("<script")
                .doesNotContain("src=\"http")
                .doesNotContain("href=\"http");
    }

    @Test
    void escapesStoredTextSuchAsRunIds() {
        ReportData hostile = ReportFixtures.withPrompts(
                ReportFixtures.run(false), "<script>alert(1)</script>", java.util.List.of("a&b"));

        String html = ReportPage.render(hostile);

        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).contains("href=\"report/prompts/a%26b\"");
    }

    /** The markup of {@code <section id="...">}. */
    static String section(String html, String id) {
        int start = html.indexOf("<section id=\"" + id + "\"");
        assertThat(start).as("section " + id).isNotNegative();
        return html.substring(start, html.indexOf("</section>", start));
    }

    static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }
}

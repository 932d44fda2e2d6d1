package dev.overton.scorer.report;

import static dev.overton.scorer.report.ReportPageTest.count;
import static dev.overton.scorer.report.ReportPageTest.section;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.TokenShiftSpec;
import dev.overton.metrics.tokenshift.RankedToken;
import dev.overton.scorer.tokenshift.TokenShiftSummaries;
import dev.overton.scorer.tokenshift.TokenShiftSummaries.StoredAnswer;
import dev.overton.scorer.tokenshift.TokenShiftSummary;

/** The report's token-shift section, rendered by the page's own template without Quarkus. */
class TokenShiftSectionTest {

    private static final TokenShiftSpec SPEC =
            new TokenShiftSpec(ReportFixtures.BASE, ReportFixtures.CHAT, 1, 5, List.of("plain", ReportFixtures.ICL));

    /** An answer with hostile, multi-byte and whitespace tokens: markup, a newline, an emoji, a leading space. */
    private static final List<RankedToken> HOSTILE = List.of(
            new RankedToken("<script>alert(1)</script>", -4.0, 9),
            new RankedToken("\n", -0.1, 1),
            new RankedToken(" 🍵", -2.0, 3),
            new RankedToken(" tea", -0.2, 1),
            new RankedToken(" & \"x\"", -5.0, 6));

    private static TokenShiftSummary summary() {
        return TokenShiftSummaries.of(
                ReportFixtures.RUN,
                SPEC,
                ReportFixtures.CHAT,
                List.of(
                        new StoredAnswer("0", 0, "plain", null, HOSTILE),
                        new StoredAnswer("1", 0, "plain", null, tokens(1, 1, 1, 1)),
                        new StoredAnswer("0", 0, ReportFixtures.ICL, null, tokens(1, 1, 1, 1, 1)),
                        new StoredAnswer("1", 0, ReportFixtures.ICL, "token scoring failed: echo ignored", List.of())),
                200,
                1L);
    }

    private static List<RankedToken> tokens(int... ranks) {
        return java.util.Arrays.stream(ranks)
                .mapToObj(r -> new RankedToken(" w", -1.0, r))
                .toList();
    }

    @Test
    void showsSharesRecoveryChartsTopTokensAndAnEscapedExampleColouredByClass() {
        String html = ReportPage.render(ReportFixtures.run(true).withTokenShift(summary()));
        String s = section(html, "token-shift");

        assertThat(s)
                .contains("<tr data-context=\"plain\">")
                .contains("<tr data-context=\"" + ReportFixtures.ICL + "\">");
        // plain: prompt 0 2/5 shifted, prompt 1 0/4 → mean 0.2; icl: 0 on prompt 0 → recovery 1 − 0/0.4 = 1. The
        // example
        // is the plain answer closest to 0.2: both are 0.2 away, so prompt 0 (the first id), the hostile one.
        assertThat(s).contains("(the baseline)").contains("1 (1 failed)");
        assertThat(s).contains("token scoring failed: echo ignored (1 answer)");
        assertThat(s)
                .contains("data-chart=\"token-shift\"")
                .contains("class=\"token-shift-shares\"")
                .contains("class=\"token-shift-profile\"")
                .contains("data-metric=\"token_shift_recovery\"");
        assertThat(count(s, "class=\"mark share shifted\"")).isEqualTo(2);

        // Top tokens: exact text, escaped, with code points for the invisible and multi-byte ones.
        assertThat(s).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
        assertThat(s).contains("title=\"U+0020 U+0026 U+0020 U+0022 U+0078 U+0022\"");

        // The example: every token a span of its class, whitespace and the emoji as they are.
        String example = s.substring(s.indexOf("<p class=\"token-example\""));
        assertThat(count(example, "<span class=\"tok tok-")).isEqualTo(5);
        assertThat(example)
                .contains("data-shift=\"shifted\" title=\"rank 9 · log p -4.000 · shifted\">&lt;script&gt;")
                .contains("data-shift=\"unshifted\" title=\"rank 1 · log p -0.100 · unshifted\">\n</span>")
                .contains("data-shift=\"marginal\" title=\"rank 3 · log p -2.000 · marginal\"> 🍵</span>")
                .contains("> &amp; &quot;x&quot;</span>");
    }

    @Test
    void aRunWithoutTheMeasureSaysItWasNotAsked() {
        String s = section(ReportPage.render(ReportFixtures.run(true)), "token-shift");
        assertThat(s).contains("not asked for this run").doesNotContain("<table");
    }

    @Test
    void recoveryIsUndefinedWhenPlainHasNothingShifted() {
        TokenShiftSummary summary = TokenShiftSummaries.of(
                ReportFixtures.RUN,
                SPEC,
                ReportFixtures.CHAT,
                List.of(
                        new StoredAnswer("0", 0, "plain", null, tokens(1, 1)),
                        new StoredAnswer("0", 0, ReportFixtures.ICL, null, tokens(1, 4))),
                200,
                1L);
        String s = section(ReportPage.render(ReportFixtures.run(true).withTokenShift(summary)), "token-shift");
        assertThat(s)
                .contains(
                        "title=\"the plain context has no shifted tokens, so there is nothing to recover\">undefined");
    }
}

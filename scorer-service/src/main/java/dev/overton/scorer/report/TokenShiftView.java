package dev.overton.scorer.report;

import java.util.List;

/**
 * The report's token-shift section ({@code templates/report/page.html}, section {@code token-shift}): numbers
 * formatted, charts drawn, token texts left as they are for the template to escape. Built by {@link
 * TokenShiftSection}.
 *
 * @param asked whether the run asked for the token shift (otherwise the section says so and shows nothing else)
 * @param base the base variant that scored
 * @param reference the reference variant whose answers were scored
 * @param samples answers scored per prompt
 * @param topK how many candidates each token was ranked among
 * @param table per context: answers, shares with intervals, mean log-probability, early and rest, recovery
 * @param figures the charts (shares, shifted share with intervals, recovery, position profile)
 * @param failures per failure reason, one line
 * @param topTokens per context, its most often shifted tokens
 * @param example one answer token by token, or {@code null}
 */
public record TokenShiftView(
        boolean asked,
        String base,
        String reference,
        int samples,
        int topK,
        ReportView.Table table,
        List<ReportView.Figure> figures,
        List<String> failures,
        List<TopTokens> topTokens,
        Example example) {

    /** The section of a run that did not ask for the token shift. */
    public static TokenShiftView notAsked() {
        return new TokenShiftView(false, null, null, 0, 0, null, List.of(), List.of(), List.of(), null);
    }

    /**
     * A context's most often shifted tokens.
     *
     * @param context the context
     * @param tokens the tokens, most often shifted first
     */
    public record TopTokens(String context, List<TokenRow> tokens) {}

    /**
     * An often shifted token.
     *
     * @param text its exact text (the template shows it in a {@code white-space: pre} cell)
     * @param codePoints its code points ({@code U+0020 U+0048 ...}), so that spaces, newlines and look-alike
     *     characters can be told apart
     * @param count how many times it was shifted
     * @param share that count's share of the context's shifted tokens, formatted
     */
    public record TokenRow(String text, String codePoints, long count, String share) {}

    /**
     * The example answer.
     *
     * @param promptId the prompt
     * @param href the link to the prompt's page, or {@code null}
     * @param sample the reference's sample index
     * @param context the context it was scored under
     * @param shifted its shifted share, formatted
     * @param tokens its tokens in order
     */
    public record Example(
            String promptId, String href, int sample, String context, String shifted, List<Token> tokens) {}

    /**
     * A token of the example.
     *
     * @param text its exact text
     * @param shift its class ({@code unshifted}, {@code marginal}, {@code shifted}), also its CSS class {@code
     *     tok-<shift>}
     * @param title its tooltip: rank and log-probability
     */
    public record Token(String text, String shift, String title) {}
}

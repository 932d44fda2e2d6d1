package dev.overton.scorer.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.overton.scorer.report.svg.IntervalChart;
import dev.overton.scorer.report.svg.TokenShiftCharts;
import dev.overton.scorer.tokenshift.TokenShiftSummary;
import dev.overton.scorer.tokenshift.TokenShiftValues;

/**
 * Turns a run's {@link TokenShiftSummary} into the report's token-shift section ({@link TokenShiftView}): the table of
 * shares per context with their intervals and the token-level recovery, the charts (stacked shares, shifted share with
 * interval, recovery, position profile), the most often shifted tokens and one example answer coloured by shift class.
 */
final class TokenShiftSection {

    /** Tokens listed per context in the report (the REST answer has {@code TokenShiftSummaries.TOP_TOKENS}). */
    static final int TOP_TOKENS = 10;

    private TokenShiftSection() {}

    /** The section of {@code summary} ({@code null}: the run did not ask). */
    static TokenShiftView of(TokenShiftSummary summary, ReportIndex index) {
        if (summary == null) {
            return TokenShiftView.notAsked();
        }
        List<ReportView.Figure> figures = new ArrayList<>();
        List<TokenShiftCharts.Shares> shares = new ArrayList<>();
        List<TokenShiftCharts.Profile> profiles = new ArrayList<>();
        IntervalChart shifted = new IntervalChart(
                TokenShiftValues.SHIFTED,
                "Shifted tokens per context",
                "share of tokens ranked > 3 (mean over prompts)");
        IntervalChart recovery = new IntervalChart(
                        "token_shift_recovery", "Token-level recovery", "1 − shifted(icl) ÷ shifted(plain)")
                .line(0, "none recovered", "zero")
                .line(1, "all recovered", "parity");
        List<ReportView.Row> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<TokenShiftView.TopTokens> topTokens = new ArrayList<>();
        for (TokenShiftSummary.ContextSummary c : summary.contexts()) {
            String colour = index.colour(c.variant());
            TokenShiftSummary.Aggregate unshifted = aggregate(c, TokenShiftValues.UNSHIFTED);
            TokenShiftSummary.Aggregate marginal = aggregate(c, TokenShiftValues.MARGINAL);
            TokenShiftSummary.Aggregate shift = aggregate(c, TokenShiftValues.SHIFTED);
            shares.add(new TokenShiftCharts.Shares(
                    c.context(), new double[] {nan(unshifted.mean()), nan(marginal.mean()), nan(shift.mean())}));
            profiles.add(new TokenShiftCharts.Profile(c.context(), colour, c.profile()));
            shifted.row(new IntervalChart.Row(
                    c.variant(),
                    c.context(),
                    nan(shift.mean()),
                    nan(shift.low()),
                    nan(shift.high()),
                    colour,
                    shift.mean() == null ? "no scored answers" : null));
            if (c.recovery() != null) {
                recovery.row(new IntervalChart.Row(
                        c.variant(),
                        c.context(),
                        nan(c.recovery().recovery()),
                        nan(c.recovery().low()),
                        nan(c.recovery().high()),
                        colour,
                        c.recovery().reason()));
            }
            List<ReportView.Cell> cells = new ArrayList<>();
            cells.add(new ReportView.Cell(c.scored() + (c.failed() > 0 ? " (" + c.failed() + " failed)" : ""), null));
            for (String metric : TokenShiftValues.NAMES) {
                cells.add(cell(aggregate(c, metric)));
            }
            cells.add(recoveryCell(c.recovery()));
            rows.add(new ReportView.Row(c.context(), cells));
            for (TokenShiftSummary.Failure f : c.failures()) {
                failures.add(c.context() + ": " + f.reason() + " (" + f.answers()
                        + (f.answers() == 1 ? " answer)" : " answers)"));
            }
            topTokens.add(new TokenShiftView.TopTokens(
                    c.context(),
                    c.topTokens().stream()
                            .limit(TOP_TOKENS)
                            .map(t -> new TokenShiftView.TokenRow(
                                    t.text(), codePoints(t.text()), t.count(), Numbers.format(t.share())))
                            .toList()));
        }
        figures.add(new ReportView.Figure("token-shift", "token-shift-shares", TokenShiftCharts.shares(shares)));
        figures.add(new ReportView.Figure("token-shift", "token-shift-shifted", shifted.render()));
        if (recovery.size() > 0) {
            figures.add(new ReportView.Figure("token-shift", "token-shift-recovery", recovery.render()));
        }
        figures.add(new ReportView.Figure(
                "token-shift",
                "token-shift-profile",
                TokenShiftCharts.profile(profiles),
                "Pooled over answers: in each tenth of the answers, shifted tokens ÷ tokens. A missing point: no"
                        + " token fell in that tenth."));
        List<String> columns = new ArrayList<>(List.of("answers scored"));
        columns.addAll(TokenShiftValues.NAMES);
        columns.add("token-level recovery");
        return new TokenShiftView(
                true,
                summary.base(),
                summary.reference(),
                summary.samples(),
                summary.topK(),
                new ReportView.Table(columns, rows),
                figures,
                failures,
                topTokens,
                example(summary.example()));
    }

    private static TokenShiftView.Example example(TokenShiftSummary.ExampleAnswer e) {
        if (e == null) {
            return null;
        }
        List<TokenShiftView.Token> tokens = e.tokens().stream()
                .map(t -> new TokenShiftView.Token(
                        t.text(),
                        t.shift(),
                        "rank " + t.rank() + " · log p " + String.format(Locale.ROOT, "%.3f", t.logprob()) + " · "
                                + t.shift()))
                .toList();
        return new TokenShiftView.Example(
                e.promptId(),
                Html.link("report/prompts/", e.promptId()),
                e.sample(),
                e.context(),
                Numbers.format(e.shifted()),
                tokens);
    }

    /** {@code U+0020 U+0048 ...}: the code points of a token, so that invisible and look-alike characters show. */
    static String codePoints(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(String.format(Locale.ROOT, "U+%04X", cp));
        });
        return out.toString();
    }

    private static TokenShiftSummary.Aggregate aggregate(TokenShiftSummary.ContextSummary c, String metric) {
        return c.values().stream()
                .filter(v -> v.metric().equals(metric))
                .findFirst()
                .orElseThrow();
    }

    private static ReportView.Cell cell(TokenShiftSummary.Aggregate a) {
        return a.mean() == null
                ? new ReportView.Cell("–", "no defined value")
                : new ReportView.Cell(Numbers.withInterval(a.mean(), nan(a.low()), nan(a.high())), "n = " + a.n());
    }

    private static ReportView.Cell recoveryCell(TokenShiftSummary.Recovery r) {
        if (r == null) {
            return new ReportView.Cell("(the baseline)", null);
        }
        if (r.recovery() == null) {
            return new ReportView.Cell("undefined", r.reason());
        }
        return new ReportView.Cell(Numbers.withInterval(r.recovery(), nan(r.low()), nan(r.high())), "n = " + r.n());
    }

    private static double nan(Double v) {
        return v == null ? Double.NaN : v;
    }
}

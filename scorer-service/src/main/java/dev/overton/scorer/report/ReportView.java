package dev.overton.scorer.report;

import java.util.List;

import io.quarkus.qute.RawString;

import dev.overton.scorer.catalog.RunTitle;

/**
 * What the report page's template ({@code templates/report/page.html}) shows: every number already formatted and every
 * chart already drawn (SVG markup from {@code svg/}, the only {@link RawString} on the page), so that the template only
 * lays out and escapes. Built by {@link ReportPage#view(ReportData)}.
 *
 * @param runId the run
 * @param title the run's name and label
 * @param reference the aligned reference, or {@code null} when none of its sets arrived yet
 * @param prompts prompts that reached the scorer
 * @param readAt when the data was read (ISO instant, seconds)
 * @param chips one per variant, in display order
 * @param shift question 1: the shift verdicts and their chart
 * @param recovery question 2: the latest recovery verdict
 * @param diversity the diversity charts (empty when no value is stored)
 * @param similarity the similarity charts, or {@code null} when not computed
 * @param recoveries the recovery charts (empty without a verdict)
 * @param coverage the coverage charts (empty when not computed)
 * @param judge the judge section
 * @param tokenShift the token-shift section
 * @param lengths the length chart, or {@code null} without length values
 * @param aggregates the table of every aggregate, or {@code null} when no value is stored
 * @param promptTable the prompt table
 * @param resamples bootstrap resamples of the intervals
 * @param seed bootstrap seed of the intervals
 */
public record ReportView(
        String runId,
        RunTitle title,
        String reference,
        int prompts,
        String readAt,
        List<Chip> chips,
        ShiftQuestion shift,
        RecoveryQuestion recovery,
        List<Figure> diversity,
        List<Figure> similarity,
        List<Figure> recoveries,
        List<Figure> coverage,
        JudgeView judge,
        TokenShiftView tokenShift,
        Figure lengths,
        Table aggregates,
        PromptTable promptTable,
        int resamples,
        long seed) {

    /**
     * A drawn chart.
     *
     * @param section the section it belongs to ({@code data-chart})
     * @param id its id, unique on the page (the figure's id is {@code chart-<id>})
     * @param svg the chart, drawn and escaped by {@link MarkupWriter}
     * @param caption a caption, or {@code null}
     */
    public record Figure(String section, String id, RawString svg, String caption) {

        /** A chart without caption. */
        public Figure(String section, String id, String svg) {
            this(section, id, new RawString(svg), null);
        }

        /** A chart with a caption (which may be {@code null}). */
        public Figure(String section, String id, String svg, String caption) {
            this(section, id, new RawString(svg), caption);
        }
    }

    /**
     * A variant in the page's header.
     *
     * @param name the variant
     * @param colour its colour
     * @param reference whether it is the aligned reference
     * @param generated sets generated
     * @param failed sets failed
     */
    public record Chip(String name, String colour, boolean reference, long generated, long failed) {}

    /**
     * A verdict as a list item.
     *
     * @param variant the variant
     * @param outcome the outcome's name ({@code data-outcome})
     * @param css the verdict's CSS class ({@code verdict-yes}, ...)
     * @param headline the verdict in one sentence
     * @param details lines below it
     */
    public record Verdict(String variant, String outcome, String css, String headline, List<Detail> details) {}

    /**
     * A line below a verdict.
     *
     * @param text the line
     * @param measure the measure it is about ({@code data-measure}), or {@code null}
     */
    public record Detail(String text, String measure) {}

    /**
     * Question 1.
     *
     * @param verdicts one per non-reference variant; empty when there is no reference or no other variant
     * @param chart the paired differences, or {@code null} without verdicts
     */
    public record ShiftQuestion(List<Verdict> verdicts, Figure chart) {}

    /**
     * Question 2.
     *
     * @param received whether icl-service's verdict reached the scorer
     * @param verdicts one per variant of the verdict
     * @param computedAt when icl-service computed it (ISO instant), or {@code null}
     */
    public record RecoveryQuestion(boolean received, List<Verdict> verdicts, String computedAt) {}

    /**
     * The judge section.
     *
     * @param intervals the mean-with-interval charts
     * @param quality the paper's quality table, or {@code null} without aspect values
     * @param histograms the score distributions
     */
    public record JudgeView(List<Figure> intervals, Table quality, List<Figure> histograms) {

        /** Whether the run has any judge value. */
        public boolean computed() {
            return !intervals.isEmpty() || !histograms.isEmpty();
        }
    }

    /**
     * A table of numbers: a header row and rows keyed by a name.
     *
     * @param columns the header cells after the name column's
     * @param rows the rows
     */
    public record Table(List<String> columns, List<Row> rows) {}

    /**
     * A row of a {@link Table}.
     *
     * @param key the row's name (first cell, and its {@code data-metric} or {@code data-variant})
     * @param cells the other cells
     */
    public record Row(String key, List<Cell> cells) {}

    /**
     * A cell.
     *
     * @param text the number(s) as read
     * @param title a tooltip, or {@code null}
     * @param css a CSS class, or {@code null}
     * @param value the exact value ({@code data-value}), or {@code null}
     */
    public record Cell(String text, String title, String css, String value) {

        /** A plain cell. */
        public Cell(String text, String title) {
            this(text, title, null, null);
        }
    }

    /**
     * The prompt table.
     *
     * @param columns the per-variant column headers
     * @param rows the rows shown (at most {@link ReportPage#MAX_PROMPT_ROWS})
     * @param total the run's prompts
     */
    public record PromptTable(List<String> columns, List<PromptRow> rows, int total) {

        /** Whether rows were left out. */
        public boolean truncated() {
            return total > rows.size();
        }
    }

    /**
     * A prompt's row.
     *
     * @param id the prompt id
     * @param href the link to its page, or {@code null} when the id cannot be a URL path segment ({@link Html#link})
     * @param values its {@code jaccard_1} per variant
     */
    public record PromptRow(String id, String href, List<String> values) {}
}

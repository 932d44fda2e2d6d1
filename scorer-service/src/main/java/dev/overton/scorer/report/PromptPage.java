package dev.overton.scorer.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.overton.scorer.catalog.RunTitle;
import dev.overton.scorer.report.svg.Palette;
import dev.overton.scorer.scoring.MetricNames;

/**
 * The drill-down page of one prompt: every variant's sample set side by side, each response in full (escaped: model
 * output is untrusted text), with the set's values and each response's length and similarity to the aligned answer. A
 * failed set shows its error. This class turns the stored {@link PromptView} into the template's {@link Page}; the
 * markup is {@code templates/report/prompt.html} ({@link ReportTemplates#prompt}).
 */
public final class PromptPage {

    private static final String FAILED = "failed";

    /** Set values shown above a set's responses; the others are folded away under "all set values". */
    private static final List<String> HEADLINE_SET_VALUES =
            List.of(MetricNames.JACCARD_1, MetricNames.MEAN_TOKENS, "self_bleu", "distinct_prefix_share");

    /** Per-response values shown beside each response. */
    private static final List<String> SAMPLE_VALUES =
            List.of(MetricNames.LENGTH_TOKENS, MetricNames.PAIR_JACCARD_1, MetricNames.PAIR_ROUGE_L, "bertscore_f1");

    /**
     * One prompt of a run, as stored by the scorer.
     *
     * @param runId the run
     * @param promptId the prompt
     * @param reference the reference variant, or {@code null}
     * @param sets its sample sets, in display order
     * @param previous the previous prompt's id, or {@code null}
     * @param next the next prompt's id, or {@code null}
     * @param title the run's name and label
     */
    public record PromptView(
            String runId,
            String promptId,
            String reference,
            List<SetView> sets,
            String previous,
            String next,
            RunTitle title) {

        /** A prompt of a run whose name and label the scorer has not received. */
        public PromptView(
                String runId, String promptId, String reference, List<SetView> sets, String previous, String next) {
            this(runId, promptId, reference, sets, previous, next, RunTitle.UNKNOWN);
        }
    }

    /**
     * One variant's set for the prompt.
     *
     * @param variant the variant
     * @param reference whether it is the reference
     * @param status {@code generated} or {@code failed}
     * @param error the generation error of a failed set, or {@code null}
     * @param samples the responses, by index
     * @param values every value stored for the set (within-set, per-sample and pair values)
     */
    public record SetView(
            String variant,
            boolean reference,
            String status,
            String error,
            List<SampleView> samples,
            List<ValueView> values) {}

    /**
     * One response.
     *
     * @param index its index in the set
     * @param text its text
     */
    public record SampleView(int index, String text) {}

    /**
     * One stored value.
     *
     * @param metric the metric
     * @param sample the sample, or {@code null} for a set value
     * @param reference the reference variant of a pair value, or {@code null}
     * @param value the value, or {@code null} when undefined
     * @param reason why it is undefined, or {@code null}
     */
    public record ValueView(String metric, Integer sample, String reference, Double value, String reason) {}

    /**
     * What the prompt page's template ({@code templates/report/prompt.html}) shows: the input with the order, links,
     * colours and formatted values decided.
     *
     * @param runId the run
     * @param title the run's name and label
     * @param promptId the prompt
     * @param reference the reference variant, or {@code null}
     * @param previous the previous prompt's id, or {@code null}
     * @param previousHref the link to it, or {@code null} (no previous prompt, or an id that cannot be a link)
     * @param next the next prompt's id, or {@code null}
     * @param nextHref the link to it, or {@code null}
     * @param columns the grid's columns
     * @param sets one card per set
     */
    public record Page(
            String runId,
            RunTitle title,
            String promptId,
            String reference,
            String previous,
            String previousHref,
            String next,
            String nextHref,
            int columns,
            List<Card> sets) {}

    /**
     * One variant's set on the page.
     *
     * @param variant the variant
     * @param colour its colour
     * @param reference whether it is the reference
     * @param status {@code generated} or {@code failed}
     * @param error the generation error of a failed set ({@code (no error given)} when it has none), or {@code null}
     * @param headline the headline set values in one line
     * @param values every set value, by metric
     * @param samples the responses
     */
    public record Card(
            String variant,
            String colour,
            boolean reference,
            String status,
            String error,
            String headline,
            List<Value> values,
            List<Response> samples) {}

    /**
     * A set value.
     *
     * @param metric the metric
     * @param text the value as read, or why it is undefined
     */
    public record Value(String metric, String text) {}

    /**
     * A response with its values.
     *
     * @param index its index
     * @param head its index and values in one line
     * @param text the response
     */
    public record Response(int index, String head, String text) {}

    private PromptPage() {}

    /**
     * The page rendered without Quarkus (tests, the browser tests' saved pages): the same template, rendered by {@link
     * PlainTemplates}. The service renders {@link ReportTemplates#prompt} instead.
     */
    public static String render(PromptView view) {
        return PlainTemplates.render(ReportTemplates.PROMPT, page(view));
    }

    /** What the page shows. */
    public static Page page(PromptView view) {
        Map<String, String> colours =
                Palette.assign(view.sets().stream().map(SetView::variant).toList(), view.reference());
        List<Card> cards = new ArrayList<>();
        for (SetView set : view.sets()) {
            String colour = colours.getOrDefault(set.variant(), "#444");
            if (FAILED.equals(set.status())) {
                String error = set.error() == null ? "(no error given)" : set.error();
                cards.add(new Card(
                        set.variant(), colour, set.reference(), set.status(), error, "", List.of(), List.of()));
                continue;
            }
            Map<String, ValueView> setValues = new TreeMap<>();
            Map<Integer, Map<String, ValueView>> sampleValues = new TreeMap<>();
            for (ValueView v : set.values()) {
                if (v.sample() == null) {
                    setValues.put(v.metric(), v);
                } else {
                    sampleValues
                            .computeIfAbsent(v.sample(), k -> new TreeMap<>())
                            .put(v.metric(), v);
                }
            }
            String headline = HEADLINE_SET_VALUES.stream()
                    .filter(setValues::containsKey)
                    .map(metric -> metric + " " + valueText(setValues.get(metric)))
                    .collect(Collectors.joining(" · "));
            List<Value> values = setValues.entrySet().stream()
                    .map(e -> new Value(e.getKey(), valueText(e.getValue())))
                    .toList();
            List<Response> samples = new ArrayList<>();
            for (SampleView sample : set.samples()) {
                StringBuilder head = new StringBuilder("#" + sample.index());
                Map<String, ValueView> byMetric = sampleValues.getOrDefault(sample.index(), Map.of());
                for (String metric : SAMPLE_VALUES) {
                    ValueView v = byMetric.get(metric);
                    if (v != null) {
                        head.append(" · ").append(metric).append(' ').append(valueText(v));
                    }
                }
                if (set.reference() && sample.index() == 0) {
                    head.append(" · the answer others are compared with");
                }
                samples.add(new Response(sample.index(), head.toString(), sample.text()));
            }
            cards.add(new Card(set.variant(), colour, set.reference(), set.status(), null, headline, values, samples));
        }
        return new Page(
                view.runId(),
                view.title(),
                view.promptId(),
                view.reference(),
                view.previous(),
                Html.link("", view.previous()),
                view.next(),
                Html.link("", view.next()),
                Math.max(1, view.sets().size()),
                cards);
    }

    private static String valueText(ValueView v) {
        return v.value() == null ? "undefined (" + v.reason() + ")" : Numbers.format(v.value());
    }
}

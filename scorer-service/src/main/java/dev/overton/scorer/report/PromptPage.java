package dev.overton.scorer.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.overton.scorer.report.svg.MarkupWriter;
import dev.overton.scorer.report.svg.Palette;
import dev.overton.scorer.scoring.MetricNames;

/**
 * Renders the drill-down page of one prompt: every variant's sample set side by side, each response in full (escaped:
 * model output is untrusted text), with the set's values and each response's length and similarity to the aligned
 * answer. A failed set shows its error. Plain Java, no framework.
 */
public final class PromptPage {

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
     */
    public record PromptView(
            String runId, String promptId, String reference, List<SetView> sets, String previous, String next) {}

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

    private PromptPage() {}

    /** The page. */
    public static String render(PromptView view) {
        Map<String, String> colours =
                Palette.assign(view.sets().stream().map(SetView::variant).toList(), view.reference());
        MarkupWriter h = new MarkupWriter();
        h.raw("<!DOCTYPE html>\n");
        h.open("html", "lang", "en");
        h.open("head");
        h.empty("meta", "charset", "utf-8");
        h.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
        h.element("title", "Prompt " + view.promptId() + " · Overton report · run " + view.runId());
        h.open("style").raw(Html.CSS).close("style");
        h.close("head");
        h.open("body", "data-run", view.runId(), "data-prompt", view.promptId());
        h.open("main");
        h.open("header");
        h.open("h1").text("Prompt ").element("code", view.promptId()).close("h1");
        h.open("p", "class", "run-meta");
        h.text("Run ").element("code", view.runId());
        h.text(" · aligned reference: " + (view.reference() == null ? "(none received)" : view.reference()));
        h.text(" · the prompt's text is kept by generator-service; the scorer stores the responses.");
        h.close("p");
        h.open("nav", "class", "prompt-nav");
        h.element("a", "← report", "href", "../../report");
        if (view.previous() != null) {
            h.element("a", "← prompt " + view.previous(), "href", Html.pathSegment(view.previous()), "rel", "prev");
        }
        if (view.next() != null) {
            h.element("a", "prompt " + view.next() + " →", "href", Html.pathSegment(view.next()), "rel", "next");
        }
        h.close("nav");
        h.close("header");

        int columns = Math.max(1, view.sets().size());
        h.open(
                "section",
                "id",
                "sets",
                "class",
                "sets",
                "style",
                "grid-template-columns:repeat(" + columns + ",minmax(300px,1fr))");
        for (SetView set : view.sets()) {
            h.open("article", "class", "set", "data-variant", set.variant(), "data-status", set.status());
            h.open("h2");
            h.element(
                    "span",
                    "",
                    "class",
                    "swatch",
                    "style",
                    "background:" + colours.getOrDefault(set.variant(), "#444"));
            h.text(set.variant());
            if (set.reference()) {
                h.element("span", "aligned reference", "class", "badge reference");
            }
            h.close("h2");
            if ("failed".equals(set.status())) {
                h.element(
                        "p",
                        "Generation failed: " + (set.error() == null ? "(no error given)" : set.error()),
                        "class",
                        "error");
                h.close("article");
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
            h.open("p", "class", "set-values");
            boolean first = true;
            for (String metric : HEADLINE_SET_VALUES) {
                ValueView v = setValues.get(metric);
                if (v != null) {
                    h.text((first ? "" : " · ") + metric + " " + valueText(v));
                    first = false;
                }
            }
            h.close("p");
            if (!setValues.isEmpty()) {
                h.open("details").element("summary", "all set values (" + setValues.size() + ")");
                h.open("table", "class", "set-values-table").open("tbody");
                setValues.forEach((metric, v) -> h.open("tr")
                        .element("td", metric, "class", "name")
                        .element("td", valueText(v))
                        .close("tr"));
                h.close("tbody").close("table").close("details");
            }
            for (SampleView sample : set.samples()) {
                h.open("div", "class", "sample", "data-sample", sample.index());
                StringBuilder head = new StringBuilder("#" + sample.index());
                Map<String, ValueView> values = sampleValues.getOrDefault(sample.index(), Map.of());
                for (String metric : SAMPLE_VALUES) {
                    ValueView v = values.get(metric);
                    if (v != null) {
                        head.append(" · ").append(metric).append(' ').append(valueText(v));
                    }
                }
                if (set.reference() && sample.index() == 0) {
                    head.append(" · the answer others are compared with");
                }
                h.element("div", head.toString(), "class", "sample-head");
                h.element("div", sample.text(), "class", "sample-text");
                h.close("div");
            }
            if (set.samples().isEmpty()) {
                h.element("p", "No responses.", "class", "not-computed");
            }
            h.close("article");
        }
        if (view.sets().isEmpty()) {
            h.element("p", "No sample set of this prompt has reached the scorer.", "class", "not-computed");
        }
        h.close("section");
        h.close("main");
        h.close("body");
        h.close("html");
        return h.toString();
    }

    private static String valueText(ValueView v) {
        return v.value() == null ? "undefined (" + v.reason() + ")" : Numbers.format(v.value());
    }
}

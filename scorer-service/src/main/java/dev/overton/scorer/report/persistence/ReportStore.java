package dev.overton.scorer.report.persistence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

import dev.overton.scorer.report.Html;
import dev.overton.scorer.report.PromptPage;
import dev.overton.scorer.report.ReportData;
import dev.overton.scorer.report.ReportMetrics;
import dev.overton.support.persistence.NamedRow;

/**
 * Reads what the report pages show beyond the aggregates, from the scorer's own tables ({@code sample_sets}, {@code
 * samples}, {@code score_values}): the variants with their set counts, the prompts, the coverage and judge values, and
 * everything stored about one prompt. Read-only.
 */
@ApplicationScoped
public class ReportStore {

    private final Mutiny.SessionFactory sessions;

    public ReportStore(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** The run's variants with their generated and failed set counts, in display order. */
    public Uni<List<ReportData.VariantSummary>> variants(String runId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select variant, bool_or(reference) as reference,"
                                        + " count(*) filter (where status = 'generated') as generated,"
                                        + " count(*) filter (where status = 'failed') as failed"
                                        + " from sample_sets where run_id = :run group by variant",
                                Tuple.class)
                        .setParameter("run", runId)
                        .getResultList())
                .map(rows -> {
                    Map<String, ReportData.VariantSummary> byName = new LinkedHashMap<>();
                    String reference = null;
                    for (NamedRow r : NamedRow.all(rows)) {
                        ReportData.VariantSummary v = new ReportData.VariantSummary(
                                r.getString("variant"),
                                Boolean.TRUE.equals(r.getBoolean("reference")),
                                r.getLong("generated"),
                                r.getLong("failed"));
                        byName.put(v.name(), v);
                        if (v.reference()) {
                            reference = v.name();
                        }
                    }
                    return Html.variantOrder(byName.keySet(), reference).stream()
                            .map(byName::get)
                            .toList();
                });
    }

    /** The ids of the run's prompts that reached the scorer, in prompt order. */
    public Uni<List<String>> promptIds(String runId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select distinct prompt_id from sample_sets where run_id = :run", String.class)
                        .setParameter("run", runId)
                        .getResultList())
                .map(ids -> ids.stream().sorted(Html.PROMPT_ORDER).toList());
    }

    /**
     * The run's defined coverage and judge values ({@link ReportMetrics#COVERAGE_PREFIXES}, {@link
     * ReportMetrics#JUDGE_PREFIXES}), every stored one: per set, per sample and per pair.
     */
    public Uni<List<ReportData.DistributionValue>> distributions(String runId) {
        List<String> prefixes = new ArrayList<>(ReportMetrics.COVERAGE_PREFIXES);
        prefixes.addAll(ReportMetrics.JUDGE_PREFIXES);
        // The prefixes are constants of this build, never user input; starts_with keeps '_' literal (unlike LIKE).
        String condition = prefixes.stream()
                .map(p -> "starts_with(metric, '" + p.replace("'", "''") + "')")
                .collect(Collectors.joining(" or ", "(", ")"));
        return sessions.withSession(session -> session.createNativeQuery(
                                "select variant, metric, prompt_id, sample, value from score_values"
                                        + " where run_id = :run and value is not null and " + condition
                                        + " order by metric, variant, prompt_id, sample_key, reference_key",
                                Tuple.class)
                        .setParameter("run", runId)
                        .getResultList())
                .map(rows -> NamedRow.all(rows).stream()
                        .map(r -> new ReportData.DistributionValue(
                                r.getString("variant"),
                                r.getString("metric"),
                                r.getString("prompt_id"),
                                r.getInteger("sample"),
                                r.getDouble("value")))
                        .toList());
    }

    /** Every set of one prompt (generated or failed), with its responses and values, in display order. */
    public Uni<List<PromptPage.SetView>> promptSets(String runId, String promptId) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "select variant, reference, status, error from sample_sets"
                                + " where run_id = :run and prompt_id = :prompt",
                        Tuple.class)
                .setParameter("run", runId)
                .setParameter("prompt", promptId)
                .getResultList()
                .chain(sets -> session.createNativeQuery(
                                "select variant, sample_index, text from samples"
                                        + " where run_id = :run and prompt_id = :prompt"
                                        + " order by variant, sample_index",
                                Tuple.class)
                        .setParameter("run", runId)
                        .setParameter("prompt", promptId)
                        .getResultList()
                        .chain(samples -> session.createNativeQuery(
                                        "select variant, metric, sample, reference, value, reason"
                                                + " from score_values where run_id = :run"
                                                + " and prompt_id = :prompt"
                                                + " order by variant, metric, sample_key, reference_key",
                                        Tuple.class)
                                .setParameter("run", runId)
                                .setParameter("prompt", promptId)
                                .getResultList()
                                .map(values ->
                                        assemble(NamedRow.all(sets), NamedRow.all(samples), NamedRow.all(values))))));
    }

    private static List<PromptPage.SetView> assemble(
            List<NamedRow> sets, List<NamedRow> samples, List<NamedRow> values) {
        Map<String, List<PromptPage.SampleView>> samplesByVariant = new LinkedHashMap<>();
        for (NamedRow r : samples) {
            samplesByVariant
                    .computeIfAbsent(r.getString("variant"), v -> new ArrayList<>())
                    .add(new PromptPage.SampleView(r.getInteger("sample_index"), r.getString("text")));
        }
        Map<String, List<PromptPage.ValueView>> valuesByVariant = new LinkedHashMap<>();
        for (NamedRow r : values) {
            valuesByVariant
                    .computeIfAbsent(r.getString("variant"), v -> new ArrayList<>())
                    .add(new PromptPage.ValueView(
                            r.getString("metric"),
                            r.getInteger("sample"),
                            r.getString("reference"),
                            r.getDouble("value"),
                            r.getString("reason")));
        }
        Map<String, NamedRow> setsByVariant = new LinkedHashMap<>();
        String reference = null;
        for (NamedRow r : sets) {
            setsByVariant.put(r.getString("variant"), r);
            if (Boolean.TRUE.equals(r.getBoolean("reference"))) {
                reference = r.getString("variant");
            }
        }
        List<PromptPage.SetView> views = new ArrayList<>();
        for (String variant : Html.variantOrder(setsByVariant.keySet(), reference)) {
            NamedRow r = setsByVariant.get(variant);
            views.add(new PromptPage.SetView(
                    variant,
                    Boolean.TRUE.equals(r.getBoolean("reference")),
                    r.getString("status"),
                    r.getString("error"),
                    samplesByVariant.getOrDefault(variant, List.of()),
                    valuesByVariant.getOrDefault(variant, List.of())));
        }
        return views;
    }
}

package dev.overton.icl.planning.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.RunCreated;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.contracts.spec.ExampleSelection;
import dev.overton.icl.hints.ExtractiveSummarizer;
import dev.overton.icl.hints.persistence.SummaryStore;
import dev.overton.icl.orchestration.IclRunBuilder;
import dev.overton.icl.orchestration.IclSettings;
import dev.overton.icl.orchestration.TextEmbedders;
import dev.overton.icl.planning.RunPlan;
import dev.overton.support.persistence.NamedRow;

/**
 * Run plans in PostgreSQL, and the plan view with each in-context variant's progress. Recording a run is an idempotent
 * upsert on the run id.
 */
@ApplicationScoped
public class PlanStore {

    private final Mutiny.SessionFactory sessions;
    private final SummaryStore summaries;
    private final TextEmbedders embedders;

    public PlanStore(Mutiny.SessionFactory sessions, SummaryStore summaries, TextEmbedders embedders) {
        this.sessions = sessions;
        this.summaries = summaries;
        this.embedders = embedders;
    }

    /** Records a run, its spec and prompt ids, the plan for it and the problems of its icl entries. */
    public Uni<Void> recordRun(RunCreated run, String plan, List<String> iclProblems) {
        return sessions.withTransaction((session, tx) -> session.createNativeQuery(
                                "insert into run_plans (run_id, name, reference, variants, prompt_count, plan,"
                                        + " received_at, spec, prompt_ids, icl_problems, icl_entries) values (:run,"
                                        + " :name, :reference, :variants, :count, :plan, :at, :spec, :promptIds,"
                                        + " :problems, :iclEntries) on conflict (run_id) do update set"
                                        + " spec = excluded.spec, prompt_ids = excluded.prompt_ids,"
                                        + " icl_problems = excluded.icl_problems, plan = excluded.plan,"
                                        + " icl_entries = excluded.icl_entries, icl_entries_problem = null")
                        .setParameter("run", run.runId())
                        .setParameter("name", run.spec().name())
                        .setParameter("reference", run.spec().reference())
                        .setParameter(
                                "variants",
                                EventJson.write(
                                        run.spec().variants() == null
                                                ? List.of()
                                                : run.spec().variants().stream()
                                                        .map(v -> v.name())
                                                        .toList()))
                        .setParameter("count", run.promptIds().size())
                        .setParameter("plan", plan)
                        .setParameter("at", Instant.now())
                        .setParameter("spec", EventJson.write(run.spec()))
                        .setParameter("promptIds", EventJson.write(run.promptIds()))
                        .setParameter("problems", EventJson.write(iclProblems))
                        // The sweep finds runs with in-context work by this count, never by reading the spec in SQL.
                        .setParameter(
                                "iclEntries",
                                run.spec().icl() == null ? 0 : run.spec().icl().size())
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * The plan of a run with the inputs received and each in-context variant's progress (requests, summary hints,
     * example selection), or {@code null} when the run is unknown.
     */
    public Uni<RunPlan> plan(String runId) {
        return summaries.counts(runId).chain(counts -> plan(runId, counts));
    }

    private Uni<RunPlan> plan(String runId, Map<String, SummaryStore.Counts> counts) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "select p.name, p.reference, p.variants, p.prompt_count, p.plan, p.spec,"
                                + " p.icl_problems,"
                                + " (select count(*) from answers a where a.run_id = p.run_id"
                                + " and a.variant = p.reference) as teacher_sets,"
                                + " (select count(*) from prompts q where q.run_id = p.run_id) as prompts_received"
                                + " from run_plans p where p.run_id = :run",
                        Tuple.class)
                .setParameter("run", runId)
                .getResultList()
                .chain(rows -> rows.isEmpty()
                        ? Uni.createFrom().nullItem()
                        : session.createNativeQuery(
                                        "select variant, status, count(*) as requests,"
                                                + " sum(json_array_length(dropped::json)) as dropped_examples,"
                                                + " count(*) filter (where json_array_length(dropped::json) > 0)"
                                                + " as prompts_with_drops"
                                                + " from icl_requests where run_id = :run"
                                                + " group by variant, status",
                                        Tuple.class)
                                .setParameter("run", runId)
                                .getResultList()
                                .chain(progress -> session.createNativeQuery(
                                                "select variant, selection from icl_requests where run_id = :run"
                                                        + " and selection is not null group by variant, selection"
                                                        + " order by variant, selection",
                                                Tuple.class)
                                        .setParameter("run", runId)
                                        .getResultList()
                                        .map(selections -> body(
                                                runId,
                                                NamedRow.of(rows.get(0)),
                                                NamedRow.all(progress),
                                                NamedRow.all(selections),
                                                counts,
                                                embedders.configured())))));
    }

    @SuppressWarnings("unchecked")
    private static RunPlan body(
            String runId,
            NamedRow r,
            List<NamedRow> progressRows,
            List<NamedRow> selectionRows,
            Map<String, SummaryStore.Counts> summaryCounts,
            String embedder) {
        long prompts = r.getLong("prompt_count");
        SummaryStore.Counts all =
                summaryCounts.values().stream().reduce(SummaryStore.Counts.NONE, SummaryStore.Counts::plus);
        Map<String, List<String>> selections = new HashMap<>();
        for (NamedRow row : selectionRows) {
            selections
                    .computeIfAbsent(row.getString("variant"), v -> new ArrayList<>())
                    .add(row.getString("selection"));
        }
        RunSpec spec = read(r.getString("spec"), RunSpec.class, null);
        Map<String, Map<String, long[]>> byVariant = new HashMap<>();
        for (NamedRow p : progressRows) {
            Long dropped = p.getLong("dropped_examples");
            byVariant
                    .computeIfAbsent(p.getString("variant"), v -> new HashMap<>())
                    .put(p.getString("status"), new long[] {
                        p.getLong("requests"), dropped == null ? 0 : dropped, p.getLong("prompts_with_drops")
                    });
        }
        List<RunPlan.IclProgress> icl = new ArrayList<>();
        if (spec != null) {
            IclSettings.Parsed parsed = IclSettings.parse(spec);
            for (IclVariantSpec v : spec.icl()) {
                Map<String, long[]> counts = byVariant.getOrDefault(v.name(), Map.of());
                long sent = counts.getOrDefault("sent", new long[3])[0];
                long built = counts.getOrDefault("built", new long[3])[0];
                long failed = counts.getOrDefault("failed", new long[3])[0];
                long droppedExamples =
                        counts.values().stream().mapToLong(c -> c[1]).sum();
                long promptsWithDrops =
                        counts.values().stream().mapToLong(c -> c[2]).sum();
                IclSettings settings = parsed.settings().stream()
                        .filter(s -> s.name().equals(v.name()))
                        .findFirst()
                        .orElse(null);
                icl.add(new RunPlan.IclProgress(
                        v.name(),
                        v.base(),
                        v.examples(),
                        v.k(),
                        v.hint() == null ? "none" : v.hint(),
                        settings != null,
                        settings == null ? null : settings(settings, embedder, summaryCounts),
                        selections.getOrDefault(v.name(), List.of()),
                        sent + built,
                        sent,
                        failed,
                        droppedExamples,
                        promptsWithDrops,
                        RunPlan.IclProgress.status(settings != null, sent, built, failed, prompts)));
            }
        }
        return new RunPlan(
                runId,
                r.getString("name"),
                r.getString("reference"),
                read(r.getString("variants"), List.class, List.of()),
                (int) prompts,
                r.getString("plan"),
                r.getLong("teacher_sets"),
                r.getLong("prompts_received"),
                read(r.getString("icl_problems"), List.class, List.of()),
                all,
                icl);
    }

    private static RunPlan.Settings settings(
            IclSettings settings, String embedder, Map<String, SummaryStore.Counts> summaryCounts) {
        boolean knn = settings.selection() == ExampleSelection.KNN_PROMPT
                || settings.selection() == ExampleSelection.KNN_RESPONSE;
        RunPlan.SummarizerProgress summarizer = settings.summarizer() == null
                ? null
                : new RunPlan.SummarizerProgress(
                        settings.summarizer().describe(),
                        settings.summarizer().model().model(),
                        summaryCounts.getOrDefault(settings.summarizer().id(), SummaryStore.Counts.NONE));
        return new RunPlan.Settings(
                settings.seed(),
                settings.budget().contextWindow(),
                settings.budget().maxNewTokens(),
                settings.samples(),
                knn ? embedder : null,
                IclRunBuilder.summarySource(settings, ExtractiveSummarizer.standard()),
                summarizer);
    }

    private static <T> T read(String json, Class<T> type, T fallback) {
        if (json == null) {
            return fallback;
        }
        try {
            return EventJson.mapper().readValue(json, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored JSON is not valid: " + e.getMessage(), e);
        }
    }
}

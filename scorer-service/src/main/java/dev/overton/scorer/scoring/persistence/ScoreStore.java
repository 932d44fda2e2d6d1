package dev.overton.scorer.scoring.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.Sample;
import dev.overton.support.persistence.NamedRow;

/**
 * Reads sample sets and score values from PostgreSQL. {@link SampleSetBatchStore} writes them: upserts on the natural
 * key, so a redelivered set or a second scorer instance leaves exactly one row per value.
 */
@ApplicationScoped
public class ScoreStore {

    private final Mutiny.SessionFactory sessions;

    public ScoreStore(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** The stored, generated sets of one prompt of a run, with their samples in index order. */
    public Uni<List<StoredSet>> generatedSets(String runId, String promptId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select s.variant, s.reference, m.sample_index, m.text from sample_sets s"
                                        + " join samples m on m.run_id = s.run_id and m.prompt_id = s.prompt_id"
                                        + " and m.variant = s.variant"
                                        + " where s.run_id = :run and s.prompt_id = :prompt and s.status = 'generated'"
                                        + " order by s.variant, m.sample_index",
                                Tuple.class)
                        .setParameter("run", runId)
                        .setParameter("prompt", promptId)
                        .getResultList())
                .map(rows -> {
                    Map<String, StoredSet> sets = new LinkedHashMap<>();
                    for (NamedRow r : NamedRow.all(rows)) {
                        StoredSet set = sets.computeIfAbsent(
                                r.getString("variant"),
                                v -> new StoredSet(v, r.getBoolean("reference"), new ArrayList<>()));
                        set.samples().add(new Sample(r.getInteger("sample_index"), r.getString("text"), null));
                    }
                    return List.copyOf(sets.values());
                });
    }

    /** Runs that received a sample set since {@code since}, newest first (at most {@code limit}). */
    public Uni<List<String>> recentRuns(Instant since, int limit) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "select run_id from sample_sets group by run_id having max(received_at) >= :since"
                                + " order by max(received_at) desc",
                        String.class)
                .setParameter("since", since)
                .setMaxResults(limit)
                .getResultList());
    }

    /**
     * The name of the run's reference variant, as flagged on its sample sets (or, for a run whose only values are
     * replayed judge verdicts, as its judge's run spec names it), or {@code null}.
     */
    public Uni<String> referenceVariant(String runId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select variant from (select variant, 0 as rank from sample_sets where run_id = :run"
                                        + " and reference union all select reference, 1 from judge_runs"
                                        + " where run_id = :run and reference is not null) r order by rank limit 1",
                                String.class)
                        .setParameter("run", runId)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /**
     * One stored sample set.
     *
     * @param variant the variant
     * @param reference whether it is the run's reference variant
     * @param samples its samples in index order
     */
    public record StoredSet(String variant, boolean reference, List<Sample> samples) {}

    /** Whether any sample set of the run was received, or the run's judge (a replayed judge needs no sets). */
    public Uni<Boolean> knowsRun(String runId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select (select count(*) from sample_sets where run_id = :run)"
                                        + " + (select count(*) from judge_runs where run_id = :run)",
                                Long.class)
                        .setParameter("run", runId)
                        .getSingleResult())
                .map(count -> count > 0);
    }

    /**
     * One value per (variant, metric, prompt) to aggregate over prompts: whole-set values as stored, pair values as
     * their mean over the candidate samples; per-sample within-set values (lengths) are summarised by their set values
     * and left out. Undefined values are left out.
     */
    public Uni<List<SetValue>> setValues(String runId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select variant, metric, prompt_id, avg(value) as value from score_values"
                                        + " where run_id = :run and value is not null"
                                        + " and (sample is null or reference is not null)"
                                        + " group by variant, metric, prompt_id order by variant, metric, prompt_id",
                                Tuple.class)
                        .setParameter("run", runId)
                        .getResultList())
                .map(rows -> NamedRow.list(
                        rows,
                        r -> new SetValue(
                                r.getString("variant"),
                                r.getString("metric"),
                                r.getString("prompt_id"),
                                r.getDouble("value"))));
    }

    /** Every stored value of a run. */
    public Uni<List<StoredValue>> values(String runId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select prompt_id, variant, sample, reference, metric, value, reason, settings"
                                        + " from score_values where run_id = :run"
                                        + " order by variant, prompt_id, metric, sample_key, reference_key",
                                Tuple.class)
                        .setParameter("run", runId)
                        .getResultList())
                .map(rows -> NamedRow.list(
                        rows,
                        r -> new StoredValue(
                                r.getString("prompt_id"),
                                r.getString("variant"),
                                r.getInteger("sample"),
                                r.getString("reference"),
                                r.getString("metric"),
                                r.getDouble("value"),
                                r.getString("reason"),
                                r.getString("settings"))));
    }

    /**
     * One whole-set value, the input of aggregates.
     *
     * @param variant the variant
     * @param metric the metric
     * @param promptId the prompt
     * @param value the value
     */
    public record SetValue(String variant, String metric, String promptId, double value) {}

    /**
     * One stored value, as exported by {@code GET /runs/{id}/export?format=jsonl} (all eight fields; {@code /values}
     * serves it as a {@code ValueLine}).
     *
     * @param promptId the prompt
     * @param variant the variant
     * @param sample the sample index, or null for a whole-set value
     * @param reference the reference variant, or null for a within-set value
     * @param metric the metric
     * @param value the value, or null when undefined
     * @param reason why it is undefined, or null
     * @param settings the metric's settings
     */
    public record StoredValue(
            String promptId,
            String variant,
            Integer sample,
            String reference,
            String metric,
            Double value,
            String reason,
            String settings) {}
}

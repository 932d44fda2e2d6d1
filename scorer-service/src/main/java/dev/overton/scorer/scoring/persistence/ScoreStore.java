package dev.overton.scorer.scoring.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.overton.contracts.SampleSet;
import dev.overton.contracts.ScoreValue;

/**
 * Sample sets and score values in PostgreSQL. Everything is an upsert on the natural key, in one transaction per set,
 * so a redelivered set or a second scorer instance leaves exactly one row per value.
 */
@ApplicationScoped
public class ScoreStore {

    private final Mutiny.SessionFactory sessions;

    public ScoreStore(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Stores the set, its samples and its values. */
    public Uni<Void> store(SampleSet set, List<ScoreValue> values, Instant at) {
        return sessions.withTransaction((session, tx) -> session.createNativeQuery(
                                "insert into sample_sets (run_id, prompt_id, variant, reference, status, error,"
                                        + " sample_count, received_at) values (:run, :prompt, :variant, :reference,"
                                        + " :status, :error, :count, :at) on conflict (run_id, prompt_id, variant)"
                                        + " do update set status = excluded.status, error = excluded.error,"
                                        + " sample_count = excluded.sample_count")
                        .setParameter("run", set.runId())
                        .setParameter("prompt", set.promptId())
                        .setParameter("variant", set.variant())
                        .setParameter("reference", set.reference())
                        .setParameter("status", set.status())
                        .setParameter("error", set.error())
                        .setParameter("count", set.samples().size())
                        .setParameter("at", at)
                        .executeUpdate()
                        .chain(() -> Multi.createFrom()
                                .iterable(set.samples())
                                .onItem()
                                .transformToUniAndConcatenate(s -> session.createNativeQuery(
                                                "insert into samples (run_id, prompt_id, variant, sample_index, text)"
                                                        + " values (:run, :prompt, :variant, :index, :text)"
                                                        + " on conflict do nothing")
                                        .setParameter("run", set.runId())
                                        .setParameter("prompt", set.promptId())
                                        .setParameter("variant", set.variant())
                                        .setParameter("index", s.index())
                                        .setParameter("text", s.text())
                                        .executeUpdate())
                                .collect()
                                .last())
                        .chain(() -> Multi.createFrom()
                                .iterable(values)
                                .onItem()
                                .transformToUniAndConcatenate(v -> session.createNativeQuery(
                                                "insert into score_values (run_id, prompt_id, variant, metric,"
                                                        + " sample_key, reference_key, sample, reference, value, reason,"
                                                        + " settings, computed_at) values (:run, :prompt, :variant,"
                                                        + " :metric, :sampleKey, :referenceKey, :sample, :reference,"
                                                        + " :value, :reason, :settings, :at)"
                                                        + " on conflict (run_id, prompt_id, variant, metric, sample_key,"
                                                        + " reference_key) do update set value = excluded.value,"
                                                        + " reason = excluded.reason, settings = excluded.settings,"
                                                        + " computed_at = excluded.computed_at")
                                        .setParameter("run", set.runId())
                                        .setParameter("prompt", set.promptId())
                                        .setParameter("variant", set.variant())
                                        .setParameter("metric", v.metric())
                                        .setParameter("sampleKey", v.sample() == null ? -1 : v.sample())
                                        .setParameter("referenceKey", v.reference() == null ? "" : v.reference())
                                        .setParameter("sample", v.sample())
                                        .setParameter("reference", v.reference())
                                        .setParameter("value", v.value())
                                        .setParameter("reason", v.reason())
                                        .setParameter("settings", v.settings())
                                        .setParameter("at", at)
                                        .executeUpdate())
                                .collect()
                                .last()))
                .replaceWithVoid();
    }

    /** Whether any sample set of the run was received. */
    public Uni<Boolean> knowsRun(String runId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select count(*) from sample_sets where run_id = :run", Long.class)
                        .setParameter("run", runId)
                        .getSingleResult())
                .map(count -> count > 0);
    }

    /** The defined whole-set values of a run, ordered by variant, metric and prompt. */
    public Uni<List<SetValue>> setValues(String runId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select variant, metric, prompt_id, value from score_values"
                                        + " where run_id = :run and sample is null and reference is null"
                                        + " and value is not null order by variant, metric, prompt_id",
                                Object[].class)
                        .setParameter("run", runId)
                        .getResultList())
                .map(rows -> {
                    List<SetValue> values = new ArrayList<>(rows.size());
                    for (Object[] r : rows) {
                        values.add(new SetValue(
                                (String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).doubleValue()));
                    }
                    return values;
                });
    }

    /** Every stored value of a run. */
    public Uni<List<StoredValue>> values(String runId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select prompt_id, variant, sample, reference, metric, value, reason, settings"
                                        + " from score_values where run_id = :run"
                                        + " order by variant, prompt_id, metric, sample_key, reference_key",
                                Object[].class)
                        .setParameter("run", runId)
                        .getResultList())
                .map(rows -> {
                    List<StoredValue> values = new ArrayList<>(rows.size());
                    for (Object[] r : rows) {
                        values.add(new StoredValue(
                                (String) r[0],
                                (String) r[1],
                                r[2] == null ? null : ((Number) r[2]).intValue(),
                                (String) r[3],
                                (String) r[4],
                                r[5] == null ? null : ((Number) r[5]).doubleValue(),
                                (String) r[6],
                                (String) r[7]));
                    }
                    return values;
                });
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
     * One stored value as served by {@code GET /runs/{id}/values}.
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

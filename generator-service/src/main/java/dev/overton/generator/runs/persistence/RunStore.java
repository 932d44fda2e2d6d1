package dev.overton.generator.runs.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.MonitorWindow;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.runs.AcceptedRun;
import dev.overton.support.persistence.NamedRow;
import dev.overton.support.reactive.InOrder;

/**
 * Runs, their prompts and variants in PostgreSQL, and the per-variant progress counts derived from the sample sets.
 * Rows are written once per run in one transaction; progress is computed by query, never kept as mutable counters, so
 * that redelivered events cannot skew it.
 */
@ApplicationScoped
public class RunStore {

    private static final TypeReference<List<ChatMessage>> MESSAGES = new TypeReference<>() {};

    private final Mutiny.SessionFactory sessions;

    public RunStore(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Stores an accepted run with its prompts and variants. */
    public Uni<Void> insert(String runId, AcceptedRun run, Instant createdAt) {
        return insert(runId, run, createdAt, null);
    }

    /** Stores an accepted run with its prompts and variants; {@code window} says which monitor window it is, if any. */
    public Uni<Void> insert(String runId, AcceptedRun run, Instant createdAt, MonitorWindow window) {
        RunEntity entity = new RunEntity();
        entity.monitorId = window == null ? null : window.id();
        entity.monitorWindow = window == null ? null : window.window();
        entity.id = runId;
        entity.name = run.spec().name();
        entity.reference = run.spec().reference();
        entity.label = run.spec().label();
        entity.spec = EventJson.write(run.spec());
        entity.promptCount = run.prompts().size();
        entity.createdAt = createdAt;
        return sessions.withTransaction((session, tx) -> session.persist(entity)
                .call(session::flush)
                .chain(() -> InOrder.each(
                        run.prompts(),
                        p -> session.createNativeQuery(
                                        "insert into run_prompts (run_id, prompt_id, prompt_index, messages)"
                                                + " values (:run, :prompt, :index, :messages)")
                                .setParameter("run", runId)
                                .setParameter("prompt", p.id())
                                .setParameter("index", p.index())
                                .setParameter("messages", EventJson.write(p.messages()))
                                .executeUpdate()))
                .chain(() -> insertVariants(session, runId, run))
                .replaceWithVoid());
    }

    /** The run's variants, then its in-context variants (not reference; requested by icl-service). */
    private static Uni<Integer> insertVariants(Mutiny.Session session, String runId, AcceptedRun run) {
        List<VariantSpec> variants = run.spec().variants();
        List<VariantRow> rows = new ArrayList<>();
        for (VariantSpec v : variants) {
            rows.add(new VariantRow(v.name(), v.name().equals(run.spec().reference()), EventJson.write(v)));
        }
        for (IclVariantSpec v : run.spec().icl()) {
            rows.add(new VariantRow(v.name(), false, EventJson.write(v)));
        }
        return Multi.createFrom()
                .range(0, rows.size())
                .onItem()
                .transformToUniAndConcatenate(i -> session.createNativeQuery(
                                "insert into run_variants (run_id, variant, position, reference, spec)"
                                        + " values (:run, :variant, :position, :reference, :spec)")
                        .setParameter("run", runId)
                        .setParameter("variant", rows.get(i).variant())
                        .setParameter("position", i)
                        .setParameter("reference", rows.get(i).reference())
                        .setParameter("spec", rows.get(i).specJson())
                        .executeUpdate())
                .collect()
                .last();
    }

    /** One {@code run_variants} row to insert. */
    private record VariantRow(String variant, boolean reference, String specJson) {}

    /** The run, or {@code null}. */
    public Uni<RunEntity> find(String runId) {
        return sessions.withSession(session -> session.find(RunEntity.class, runId));
    }

    /** The run's prompts in dataset order. */
    public Uni<List<Prompt>> prompts(String runId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select prompt_id, prompt_index, messages from run_prompts where run_id = :run"
                                        + " order by prompt_index",
                                Tuple.class)
                        .setParameter("run", runId)
                        .getResultList())
                .map(rows -> {
                    List<Prompt> prompts = new ArrayList<>(rows.size());
                    for (NamedRow row : NamedRow.all(rows)) {
                        prompts.add(new Prompt(
                                row.getString("prompt_id"),
                                row.getInteger("prompt_index"),
                                readMessages(row.getString("messages"))));
                    }
                    return prompts;
                });
    }

    /** Per-variant counts of sample sets, in the spec's variant order. */
    public Uni<List<VariantProgress>> progress(String runId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select v.variant, v.reference,"
                                        + " count(s.variant) filter (where s.status = 'generated') as generated,"
                                        + " count(s.variant) filter (where s.status = 'failed') as failed,"
                                        + " count(s.scored_at) as scored"
                                        + " from run_variants v left join sample_sets s"
                                        + " on s.run_id = v.run_id and s.variant = v.variant"
                                        + " where v.run_id = :run"
                                        + " group by v.variant, v.reference, v.position order by v.position",
                                Tuple.class)
                        .setParameter("run", runId)
                        .getResultList())
                .map(rows -> NamedRow.all(rows).stream()
                        .map(row -> new VariantProgress(
                                row.getString("variant"),
                                row.getBoolean("reference"),
                                row.getLong("generated"),
                                row.getLong("failed"),
                                row.getLong("scored")))
                        .toList());
    }

    /** Ids of runs accepted before {@code before} whose events were never acknowledged by Kafka. */
    public Uni<List<String>> unpublished(Instant before) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "select id from runs where published_at is null and created_at < :before order by created_at",
                        String.class)
                .setParameter("before", before)
                .setMaxResults(20)
                .getResultList());
    }

    /** Records that the run's events were acknowledged by Kafka. */
    public Uni<Void> markPublished(String runId, Instant at) {
        return sessions.withTransaction((session, tx) -> session.createNativeQuery(
                                "update runs set published_at = :at where id = :run and published_at is null")
                        .setParameter("at", at)
                        .setParameter("run", runId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    private static List<ChatMessage> readMessages(String json) {
        try {
            return EventJson.mapper().readValue(json, MESSAGES);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored prompt messages are not valid JSON", e);
        }
    }

    /**
     * How far one variant of a run has got.
     *
     * @param variant the variant's name
     * @param reference whether it is the reference variant
     * @param generated sample sets drawn
     * @param failed sample sets whose generation failed
     * @param scored sample sets the scorer reported as stored
     */
    public record VariantProgress(String variant, boolean reference, long generated, long failed, long scored) {}
}

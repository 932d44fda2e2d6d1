package dev.overton.generator.sampling.persistence;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;
import dev.overton.generator.sampling.SampleUsage;
import dev.overton.support.persistence.NamedRow;

/**
 * Sample sets in PostgreSQL, keyed by their natural key (run, prompt, variant). Inserts are {@code on conflict do
 * nothing}: a redelivered request or a second generator instance can never store a set twice, and the first stored
 * set is the one that counts.
 */
@ApplicationScoped
public class SampleSetStore {

    private final Mutiny.SessionFactory sessions;

    public SampleSetStore(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** The stored set for this key, with its samples, or {@code null}. */
    public Uni<SampleSet> find(String runId, String promptId, String variant, boolean reference) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "select status, error, generated_at from sample_sets"
                                + " where run_id = :run and prompt_id = :prompt and variant = :variant",
                        Tuple.class)
                .setParameter("run", runId)
                .setParameter("prompt", promptId)
                .setParameter("variant", variant)
                .getResultList()
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().nullItem();
                    }
                    NamedRow head = NamedRow.of(rows.get(0));
                    return session.createNativeQuery(
                                    "select sample_index, text, finish_reason from samples"
                                            + " where run_id = :run and prompt_id = :prompt and variant = :variant"
                                            + " order by sample_index",
                                    Tuple.class)
                            .setParameter("run", runId)
                            .setParameter("prompt", promptId)
                            .setParameter("variant", variant)
                            .getResultList()
                            .map(samples -> new SampleSet(
                                    SchemaVersions.V1,
                                    runId,
                                    promptId,
                                    variant,
                                    reference,
                                    head.getString("status"),
                                    head.getString("error"),
                                    NamedRow.all(samples).stream()
                                            .map(s -> new Sample(
                                                    s.getInteger("sample_index"),
                                                    s.getString("text"),
                                                    s.getString("finish_reason")))
                                            .toList(),
                                    head.getInstant("generated_at")));
                }));
    }

    /** Stores {@code set} unless a set with its key is already stored; no usage is known. */
    public Uni<Void> insert(SampleSet set) {
        return insert(set, List.of());
    }

    /**
     * Stores {@code set} unless a set with its key is already stored, with what each sample cost.
     *
     * @param usage parallel to {@code set.samples()}; empty (or shorter) when the backend reported none, which stores
     *     nulls. {@code truncated} is stored from the finish reason ({@code length}), whatever the usage says.
     */
    public Uni<Void> insert(SampleSet set, List<SampleUsage> usage) {
        return insertIfAbsent(set, usage).replaceWithVoid();
    }

    /**
     * Stores {@code set} with its usage (as {@link #insert(SampleSet, List)}) unless a set with its key is already
     * stored.
     *
     * @return whether this call stored it; {@code false} means another delivery or instance stored the set first, and
     *     the stored one is the one that counts
     */
    public Uni<Boolean> insertIfAbsent(SampleSet set, List<SampleUsage> usage) {
        return sessions.withTransaction((session, tx) -> session.createNativeQuery(
                        "insert into sample_sets (run_id, prompt_id, variant, status, error, generated_at)"
                                + " values (:run, :prompt, :variant, :status, :error, :at)"
                                + " on conflict do nothing")
                .setParameter("run", set.runId())
                .setParameter("prompt", set.promptId())
                .setParameter("variant", set.variant())
                .setParameter("status", set.status())
                .setParameter("error", set.error())
                .setParameter("at", set.generatedAt())
                .executeUpdate()
                .chain(inserted -> inserted == 0
                        ? Uni.createFrom().item(false)
                        : Multi.createFrom()
                                .range(0, set.samples().size())
                                .onItem()
                                .transformToUniAndConcatenate(i -> insertSample(
                                        session,
                                        set,
                                        set.samples().get(i),
                                        i < usage.size() ? usage.get(i) : SampleUsage.UNKNOWN))
                                .collect()
                                .with(Collectors.summingInt(Integer::intValue))
                                .replaceWith(true)));
    }

    private static Uni<Integer> insertSample(Mutiny.Session session, SampleSet set, Sample s, SampleUsage usage) {
        return session.createNativeQuery("insert into samples (run_id, prompt_id, variant, sample_index, text,"
                        + " finish_reason, prompt_tokens, completion_tokens, latency_ms, truncated)"
                        + " values (:run, :prompt, :variant, :index, :text, :finish,"
                        + " cast(:promptTokens as integer), cast(:completionTokens as integer),"
                        + " cast(:latency as bigint), :truncated)"
                        + " on conflict do nothing")
                .setParameter("run", set.runId())
                .setParameter("prompt", set.promptId())
                .setParameter("variant", set.variant())
                .setParameter("index", s.index())
                .setParameter("text", s.text())
                .setParameter("finish", s.finishReason())
                .setParameter("promptTokens", usage.promptTokens())
                .setParameter("completionTokens", usage.completionTokens())
                .setParameter("latency", usage.latencyMs())
                .setParameter("truncated", "length".equals(s.finishReason()))
                .executeUpdate();
    }

    /** Records that the scorer stored the values of this set (idempotent). */
    public Uni<Void> markScored(String runId, String promptId, String variant, Instant at) {
        return sessions.withTransaction((session, tx) -> session.createNativeQuery(
                                "update sample_sets set scored_at = :at where run_id = :run and prompt_id = :prompt"
                                        + " and variant = :variant and scored_at is null")
                        .setParameter("at", at)
                        .setParameter("run", runId)
                        .setParameter("prompt", promptId)
                        .setParameter("variant", variant)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Every stored sample of a run, ordered by prompt position, variant and index. */
    public Uni<List<StoredSample>> samples(String runId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select s.prompt_id, s.variant, s.sample_index, s.text, s.finish_reason"
                                        + " from samples s join run_prompts p"
                                        + " on p.run_id = s.run_id and p.prompt_id = s.prompt_id"
                                        + " join run_variants v on v.run_id = s.run_id and v.variant = s.variant"
                                        + " where s.run_id = :run"
                                        + " order by p.prompt_index, v.position, s.sample_index",
                                Tuple.class)
                        .setParameter("run", runId)
                        .getResultList())
                .map(rows -> NamedRow.list(
                        rows,
                        r -> new StoredSample(
                                r.getString("prompt_id"),
                                r.getString("variant"),
                                r.getInteger("sample_index"),
                                r.getString("text"),
                                r.getString("finish_reason"))));
    }

    /**
     * One stored sample, as served by {@code GET /runs/{id}/samples}.
     *
     * @param promptId the prompt
     * @param variant the variant
     * @param sample the sample's index
     * @param text the text
     * @param finishReason why generation ended, or null
     */
    public record StoredSample(String promptId, String variant, int sample, String text, String finishReason) {}
}

package dev.overton.scorer.catalog.persistence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.RunCreated;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.scorer.catalog.RunTitle;
import dev.overton.support.persistence.Rows;
import dev.overton.support.persistence.RunTombstones;

/**
 * The runs this scorer knows (from {@code runs}) and how far their scoring has got, for the runs page; and the deletion
 * of everything the scorer holds for a run, with its tombstone.
 */
@ApplicationScoped
public class CatalogStore {

    /** Every scorer table that holds rows of a run (children before parents). */
    static final List<String> RUN_TABLES = List.of(
            "samples",
            "sample_sets",
            "score_values",
            "recovery_reports",
            "judge_verdicts",
            "judge_requests",
            "run_prompts",
            "judge_runs",
            "monitor_window_scores",
            "token_shift_answers",
            "token_shift_requests",
            "rendered_prompts",
            "token_shift_runs",
            "catalog_runs");

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final Pool pool;

    public CatalogStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores a run of the catalog (the first record per run counts; a tombstoned run is not stored), with the monitor
     * and window it is when it is a monitor window.
     */
    public Uni<Void> storeRun(RunCreated run) {
        List<String> variants = new ArrayList<>();
        if (run.spec().variants() != null) {
            run.spec().variants().stream()
                    .map(VariantSpec::name)
                    .map(CatalogStore::text)
                    .forEach(variants::add);
        }
        run.spec().icl().stream()
                .map(IclVariantSpec::name)
                .map(CatalogStore::text)
                .forEach(variants::add);
        Instant createdAt = run.createdAt() == null ? Instant.now() : run.createdAt();
        return pool.preparedQuery("insert into catalog_runs (run_id, name, label, reference, prompt_count, variants,"
                        + " created_at, received_at, monitor_id, monitor_window)"
                        + " values ($1, $2, $3, $4, $5, $6::text::jsonb, $7, now(), $8, $9)"
                        + " on conflict (run_id) do nothing")
                .execute(Tuple.tuple()
                        .addString(run.runId())
                        .addString(text(String.valueOf(run.spec().name())))
                        .addString(text(run.spec().label()))
                        .addString(text(run.spec().reference()))
                        .addInteger(run.promptIds().size())
                        .addString(EventJson.write(variants))
                        .addOffsetDateTime(createdAt.atOffset(ZoneOffset.UTC))
                        .addString(run.monitor() == null ? null : run.monitor().id())
                        .addInteger(run.monitor() == null ? null : run.monitor().window()))
                .replaceWithVoid();
    }

    /**
     * PostgreSQL text cannot hold NUL: a run record carrying one (in its name, label or a variant name) is stored with
     * U+FFFD in its place instead of failing the record, and shown so on the page.
     */
    static String text(String value) {
        return value == null ? null : value.replace('\u0000', '\uFFFD');
    }

    /** The newest {@code limit} runs with the number of sample sets stored for each. */
    public Uni<List<CatalogRun>> newest(int limit) {
        return pool.preparedQuery("select c.run_id, c.name, c.label, c.reference, c.prompt_count, c.variants::text as"
                        + " variants, c.created_at, (select count(*) from sample_sets s where s.run_id = c.run_id)"
                        + " as sets from catalog_runs c order by c.created_at desc, c.run_id desc limit $1")
                .execute(Tuple.of(limit))
                .map(rows -> Rows.list(rows, row -> run(row)));
    }

    /** The run's name and label, or {@link RunTitle#UNKNOWN} when its record has not reached the scorer. */
    public Uni<RunTitle> title(String runId) {
        return pool.preparedQuery("select name, label from catalog_runs where run_id = $1")
                .execute(Tuple.of(runId))
                .map(rows -> Rows.first(
                        rows, row -> new RunTitle(row.getString("name"), row.getString("label")), RunTitle.UNKNOWN));
    }

    /**
     * {@code runIds} oldest first by the time the generator accepted them; ids the catalog does not know follow, in the
     * order given.
     */
    public Uni<List<String>> oldestFirst(List<String> runIds) {
        return pool.preparedQuery("select run_id from catalog_runs where run_id = any($1) order by created_at, run_id")
                .execute(Tuple.of(runIds.toArray(String[]::new)))
                .map(rows -> {
                    List<String> ordered = new ArrayList<>();
                    for (Row row : rows) {
                        ordered.add(row.getString("run_id"));
                    }
                    runIds.stream().filter(id -> !ordered.contains(id)).forEach(ordered::add);
                    return ordered;
                });
    }

    /**
     * Deletes every row the scorer holds for the run and keeps its tombstone, in one transaction; the tombstone is
     * written first, so that a concurrent write of the run is dropped by the tables' triggers. Idempotent.
     */
    public Uni<Void> deleteRun(String runId) {
        return RunTombstones.deleteRun(pool, runId, RUN_TABLES);
    }

    private static CatalogRun run(Row row) {
        String label = row.getString("label");
        return new CatalogRun(
                row.getString("run_id"),
                row.getString("name"),
                label == null || label.isEmpty() ? null : label,
                row.getString("reference"),
                row.getInteger("prompt_count"),
                readStrings(row.getString("variants")),
                row.getOffsetDateTime("created_at").toInstant(),
                row.getLong("sets"));
    }

    private static List<String> readStrings(String json) {
        try {
            return EventJson.mapper().readValue(json, STRINGS);
        } catch (java.io.IOException e) {
            // One bad row never fails the page: the run is shown without variants.
            return List.of();
        }
    }

    /**
     * A run on the runs page.
     *
     * @param runId its id
     * @param name its name
     * @param label its label, or {@code null}
     * @param reference its reference variant
     * @param prompts its number of prompts
     * @param variants its variants' names, in-context ones included
     * @param createdAt when the generator accepted it
     * @param storedSets sample sets stored (and scored) so far
     */
    public record CatalogRun(
            String runId,
            String name,
            String label,
            String reference,
            int prompts,
            List<String> variants,
            Instant createdAt,
            long storedSets) {

        /** Sets the run will have when every (prompt, variant) is drawn. */
        public long expectedSets() {
            return (long) prompts * variants.size();
        }

        /** {@code complete} once every expected set is stored and scored, {@code in progress} before. */
        public String status() {
            return storedSets >= expectedSets() ? "complete" : "in progress";
        }
    }
}

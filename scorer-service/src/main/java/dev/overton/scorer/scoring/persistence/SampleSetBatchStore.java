package dev.overton.scorer.scoring.persistence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.ScoreValue;

/**
 * Stores many sample sets at once: their rows, samples and values in one transaction, one statement per table (rows
 * passed as arrays and unnested by PostgreSQL), so a batch costs a handful of round trips whatever its size. Every
 * statement is an upsert on the natural key, as {@link ScoreStore}'s are: a redelivered batch, or one set stored again
 * by a second scorer, leaves exactly one row per value. Within one statement a key may appear only once (PostgreSQL
 * refuses to update a row twice in one {@code on conflict do update}), so the last occurrence of a key wins, as it
 * would have with one statement per row.
 */
@ApplicationScoped
public class SampleSetBatchStore {

    private static final String UPSERT_SETS = "insert into sample_sets (run_id, prompt_id, variant, reference, status,"
            + " error, sample_count, received_at) select r, p, v, ref, st, err, n, $8 from unnest($1::text[],"
            + " $2::text[], $3::text[], $4::boolean[], $5::text[], $6::text[], $7::integer[]) as t(r, p, v, ref, st,"
            + " err, n) on conflict (run_id, prompt_id, variant) do update set status = excluded.status,"
            + " error = excluded.error, sample_count = excluded.sample_count";
    private static final String INSERT_SAMPLES = "insert into samples (run_id, prompt_id, variant, sample_index, text)"
            + " select * from unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::text[])"
            + " on conflict do nothing";
    private static final String UPSERT_VALUES = "insert into score_values (run_id, prompt_id, variant, metric,"
            + " sample_key, reference_key, sample, reference, value, reason, settings, computed_at)"
            + " select r, p, v, m, sk, rk, s, ref, val, why, st, $12 from unnest($1::text[], $2::text[], $3::text[],"
            + " $4::text[], $5::integer[], $6::text[], $7::integer[], $8::text[], $9::double precision[], $10::text[],"
            + " $11::text[]) as t(r, p, v, m, sk, rk, s, ref, val, why, st)"
            + " on conflict (run_id, prompt_id, variant, metric, sample_key, reference_key) do update"
            + " set value = excluded.value, reason = excluded.reason, settings = excluded.settings,"
            + " computed_at = excluded.computed_at";

    private final Pool pool;

    public SampleSetBatchStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * The values of one variant of one prompt.
     *
     * @param runId the run
     * @param promptId the prompt
     * @param variant the variant they are stored with
     * @param values the values
     */
    public record VariantValues(String runId, String promptId, String variant, List<ScoreValue> values) {}

    /**
     * One run's prompt.
     *
     * @param runId the run
     * @param promptId the prompt
     */
    public record RunPrompt(String runId, String promptId) {}

    /**
     * Stores the sets, their samples and {@code values} (each set's own values) in one transaction: all of them or,
     * on failure, none.
     */
    public Uni<Void> storeSets(List<SampleSet> sets, List<VariantValues> values, Instant at) {
        return pool.withTransaction(conn -> upsertSets(conn, sets, at)
                .chain(() -> insertSamples(conn, sets))
                .chain(() -> upsertValues(conn, values, at)));
    }

    /** Stores values computed later for one already stored set (e.g. the token shift of one answer), in one statement. */
    public Uni<Void> storeValues(String runId, String promptId, String variant, List<ScoreValue> values, Instant at) {
        return storeValues(List.of(new VariantValues(runId, promptId, variant, values)), at);
    }

    /** Stores values computed later for stored sets (pair values once the reference is there), in one transaction. */
    public Uni<Void> storeValues(List<VariantValues> values, Instant at) {
        if (values.stream().allMatch(v -> v.values().isEmpty())) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(conn -> upsertValues(conn, values, at));
    }

    /** The stored, generated sets of the prompts, with their samples in index order, by prompt. */
    public Uni<Map<RunPrompt, List<ScoreStore.StoredSet>>> generatedSets(List<RunPrompt> prompts) {
        String[] runs = prompts.stream().map(RunPrompt::runId).toArray(String[]::new);
        String[] ids = prompts.stream().map(RunPrompt::promptId).toArray(String[]::new);
        return pool.preparedQuery("select s.run_id, s.prompt_id, s.variant, s.reference, m.sample_index, m.text"
                        + " from sample_sets s join samples m on m.run_id = s.run_id and m.prompt_id = s.prompt_id"
                        + " and m.variant = s.variant"
                        + " where (s.run_id, s.prompt_id) in (select * from unnest($1::text[], $2::text[]))"
                        + " and s.status = 'generated'"
                        + " order by s.run_id, s.prompt_id, s.variant, m.sample_index")
                .execute(Tuple.tuple().addArrayOfString(runs).addArrayOfString(ids))
                .map(rows -> {
                    Map<RunPrompt, Map<String, ScoreStore.StoredSet>> byPrompt = new LinkedHashMap<>();
                    for (Row r : rows) {
                        RunPrompt prompt = new RunPrompt(r.getString("run_id"), r.getString("prompt_id"));
                        ScoreStore.StoredSet set = byPrompt.computeIfAbsent(prompt, p -> new LinkedHashMap<>())
                                .computeIfAbsent(
                                        r.getString("variant"),
                                        v -> new ScoreStore.StoredSet(
                                                v, Boolean.TRUE.equals(r.getBoolean("reference")), new ArrayList<>()));
                        set.samples().add(new Sample(r.getInteger("sample_index"), r.getString("text"), null));
                    }
                    Map<RunPrompt, List<ScoreStore.StoredSet>> result = new LinkedHashMap<>();
                    byPrompt.forEach((p, sets) -> result.put(p, List.copyOf(sets.values())));
                    return result;
                });
    }

    private static Uni<Void> upsertSets(SqlClient conn, List<SampleSet> sets, Instant at) {
        Map<String, SampleSet> unique = new LinkedHashMap<>();
        for (SampleSet s : sets) {
            unique.put(s.runId() + '\u0000' + s.promptId() + '\u0000' + s.variant(), s);
        }
        List<SampleSet> rows = List.copyOf(unique.values());
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(UPSERT_SETS)
                .execute(Tuple.tuple()
                        .addArrayOfString(rows.stream().map(SampleSet::runId).toArray(String[]::new))
                        .addArrayOfString(rows.stream().map(SampleSet::promptId).toArray(String[]::new))
                        .addArrayOfString(rows.stream().map(SampleSet::variant).toArray(String[]::new))
                        .addArrayOfBoolean(
                                rows.stream().map(SampleSet::reference).toArray(Boolean[]::new))
                        .addArrayOfString(rows.stream().map(SampleSet::status).toArray(String[]::new))
                        .addArrayOfString(rows.stream().map(SampleSet::error).toArray(String[]::new))
                        .addArrayOfInteger(
                                rows.stream().map(s -> s.samples().size()).toArray(Integer[]::new))
                        .addOffsetDateTime(at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    private static Uni<Void> insertSamples(SqlClient conn, List<SampleSet> sets) {
        List<String> runs = new ArrayList<>();
        List<String> prompts = new ArrayList<>();
        List<String> variants = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (SampleSet set : sets) {
            for (Sample s : set.samples()) {
                runs.add(set.runId());
                prompts.add(set.promptId());
                variants.add(set.variant());
                indexes.add(s.index());
                texts.add(s.text());
            }
        }
        if (runs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // "on conflict do nothing" tolerates a key twice in one statement: the first row stays, as before.
        return conn.preparedQuery(INSERT_SAMPLES)
                .execute(Tuple.tuple()
                        .addArrayOfString(runs.toArray(String[]::new))
                        .addArrayOfString(prompts.toArray(String[]::new))
                        .addArrayOfString(variants.toArray(String[]::new))
                        .addArrayOfInteger(indexes.toArray(Integer[]::new))
                        .addArrayOfString(texts.toArray(String[]::new)))
                .replaceWithVoid();
    }

    private static Uni<Void> upsertValues(SqlClient conn, List<VariantValues> values, Instant at) {
        Map<String, ValueRow> unique = new LinkedHashMap<>();
        for (VariantValues vv : values) {
            for (ScoreValue v : vv.values()) {
                ValueRow row = new ValueRow(vv, v);
                unique.put(row.key(), row);
            }
        }
        if (unique.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<ValueRow> rows = List.copyOf(unique.values());
        return conn.preparedQuery(UPSERT_VALUES)
                .execute(Tuple.tuple()
                        .addArrayOfString(strings(rows, r -> r.of().runId()))
                        .addArrayOfString(strings(rows, r -> r.of().promptId()))
                        .addArrayOfString(strings(rows, r -> r.of().variant()))
                        .addArrayOfString(strings(rows, r -> r.value().metric()))
                        .addArrayOfInteger(
                                rows.stream().map(ValueRow::sampleKey).toArray(Integer[]::new))
                        .addArrayOfString(strings(rows, ValueRow::referenceKey))
                        .addArrayOfInteger(
                                rows.stream().map(r -> r.value().sample()).toArray(Integer[]::new))
                        .addArrayOfString(strings(rows, r -> r.value().reference()))
                        .addArrayOfDouble(
                                rows.stream().map(r -> r.value().value()).toArray(Double[]::new))
                        .addArrayOfString(strings(rows, r -> r.value().reason()))
                        .addArrayOfString(strings(rows, r -> r.value().settings()))
                        .addOffsetDateTime(at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    private static String[] strings(List<ValueRow> rows, Function<ValueRow, String> column) {
        return rows.stream().map(column).toArray(String[]::new);
    }

    /** One value to upsert, with the key columns that stand in for a null sample or reference. */
    private record ValueRow(VariantValues of, ScoreValue value) {

        int sampleKey() {
            return value.sample() == null ? -1 : value.sample();
        }

        String referenceKey() {
            return value.reference() == null ? "" : value.reference();
        }

        String key() {
            return String.join(
                    "\u0000",
                    of.runId(),
                    of.promptId(),
                    of.variant(),
                    value.metric(),
                    Integer.toString(sampleKey()),
                    referenceKey());
        }
    }
}

package dev.overton.scorer.judge.persistence;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.overton.contracts.ScoreValue;
import dev.overton.contracts.spec.Judgement;
import dev.overton.scorer.judge.JudgeTarget;
import dev.overton.scorer.judge.VerdictLine;
import dev.overton.support.persistence.Rows;

/**
 * The judge's verdicts ({@code judge_verdicts}) and the values drawn from them (the judge's rows in {@code
 * score_values}). Every write is an upsert or an insert-if-absent on the natural key, so a redelivered record or a
 * second scorer instance changes nothing.
 *
 * <p>Uses the reactive SQL client directly rather than Hibernate sessions: replayed verdicts come in batches (a
 * replayed run is some 1,500 verdicts and 5,000 values), which the client sends as one pipelined batch in one
 * transaction instead of a round trip per row.
 */
@ApplicationScoped
public class JudgeVerdictStore {

    /** {@code judge_verdicts.status} of a valid verdict. */
    public static final String PARSED = "parsed";

    /** {@code judge_verdicts.status} of an invalid first answer whose repair was requested (not final). */
    public static final String INVALID = "invalid";

    /** {@code judge_verdicts.status} of a judgment without a verdict (final). */
    public static final String FAILED = "failed";

    private final Pool pool;

    public JudgeVerdictStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * One verdict attempt.
     *
     * @param runId the run
     * @param target what was judged
     * @param version the prompt version ({@code released} for replayed verdicts)
     * @param attempt 1, or 2 for the repair
     * @param status {@link #PARSED}, {@link #INVALID} or {@link #FAILED}
     * @param source {@code model} or {@code replay}
     * @param requestId the request it answers, or {@code null} for a replayed verdict
     * @param model the model that answered
     * @param raw the judge's text as received, or {@code null} when the call failed
     * @param verdictJson the verdict object (parsed verdicts only)
     * @param error why it is invalid or failed, or {@code null}
     */
    public record Verdict(
            String runId,
            JudgeTarget target,
            String version,
            int attempt,
            String status,
            String source,
            String requestId,
            String model,
            String raw,
            String verdictJson,
            String error) {}

    private static final String INSERT_VERDICT = "insert into judge_verdicts (run_id, prompt_id, variant, sample_index,"
            + " judgement, reference, prompt_version, attempt, status, source, request_id, model, raw_text, verdict,"
            + " error, judged_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::text::jsonb,"
            + " $15, now()) on conflict do nothing returning status";

    /** Stores a verdict unless its attempt is already stored; says whether it was new. */
    public Uni<Boolean> storeVerdict(Verdict v) {
        return pool.preparedQuery(INSERT_VERDICT).execute(verdictTuple(v)).map(rows -> rows.rowCount() > 0);
    }

    /**
     * Stores replayed verdicts and their values in one transaction; returns the verdicts that were new (for the
     * metrics).
     */
    public Uni<List<Verdict>> storeReplayed(List<Verdict> verdicts, List<PromptValues> values) {
        if (verdicts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.withTransaction(conn -> conn.preparedQuery(INSERT_VERDICT)
                .executeBatch(
                        verdicts.stream().map(JudgeVerdictStore::verdictTuple).toList())
                .map(first -> {
                    List<Verdict> inserted = new ArrayList<>();
                    RowSet<Row> rows = first;
                    for (Verdict v : verdicts) {
                        if (rows.rowCount() > 0) {
                            inserted.add(v);
                        }
                        rows = rows.next();
                    }
                    return inserted;
                })
                .call(() -> storeValues(conn, values)));
    }

    private static Tuple verdictTuple(Verdict v) {
        return Tuple.tuple()
                .addString(v.runId())
                .addString(v.target().promptId())
                .addString(v.target().variant())
                .addInteger(v.target().sample())
                .addString(v.target().judgement().wireName())
                .addString(v.target().reference() == null ? "" : v.target().reference())
                .addString(v.version())
                .addInteger(v.attempt())
                .addString(v.status())
                .addString(v.source())
                .addString(v.requestId())
                .addString(v.model())
                .addString(v.raw())
                .addString(v.verdictJson())
                .addString(v.error());
    }

    /**
     * A final verdict of one sample of a set (the highest attempt that is parsed or failed).
     *
     * @param sample the sample
     * @param status {@link #PARSED} or {@link #FAILED}
     * @param verdictJson the verdict, for a parsed one
     */
    public record FinalVerdict(int sample, String status, String verdictJson) {}

    /** The final verdicts of one judgement for every sample of a set. */
    public Uni<List<FinalVerdict>> finalVerdicts(
            String runId, String promptId, String variant, Judgement judgement, String version) {
        return pool.preparedQuery("select distinct on (sample_index) sample_index, status, verdict::text as verdict"
                        + " from judge_verdicts where run_id = $1 and prompt_id = $2 and variant = $3"
                        + " and judgement = $4 and prompt_version = $5 and status <> 'invalid'"
                        + " order by sample_index, attempt desc")
                .execute(Tuple.of(runId, promptId, variant, judgement.wireName(), version))
                .map(rows -> Rows.list(
                        rows,
                        r -> new FinalVerdict(
                                r.getInteger("sample_index"), r.getString("status"), r.getString("verdict"))));
    }

    /**
     * Verdict counts of a run, for {@code GET /runs/{id}/judge}.
     *
     * @param judgement the judgement
     * @param status the verdict status
     * @param attempt the attempt
     * @param count how many
     */
    public record VerdictCount(String judgement, String status, int attempt, long count) {}

    /** The run's verdicts counted by judgement, status and attempt. */
    public Uni<List<VerdictCount>> verdictCounts(String runId) {
        return pool.preparedQuery("select judgement, status, attempt, count(*) as n from judge_verdicts"
                        + " where run_id = $1 group by judgement, status, attempt order by judgement, attempt, status")
                .execute(Tuple.of(runId))
                .map(rows -> Rows.list(
                        rows,
                        r -> new VerdictCount(
                                r.getString("judgement"),
                                r.getString("status"),
                                r.getInteger("attempt"),
                                r.getLong("n"))));
    }

    /** Every verdict of a run, as served by {@code GET /runs/{id}/judge/verdicts}. */
    public Uni<List<VerdictLine>> verdicts(String runId) {
        return pool.preparedQuery("select prompt_id, variant, sample_index, judgement, reference, prompt_version,"
                        + " attempt, status, source, request_id, model, raw_text, verdict::text as verdict, error"
                        + " from judge_verdicts where run_id = $1"
                        + " order by judgement, variant, prompt_id, sample_index, attempt")
                .execute(Tuple.of(runId))
                .map(rows -> Rows.list(
                        rows,
                        r -> new VerdictLine(
                                r.getString("prompt_id"),
                                r.getString("variant"),
                                r.getInteger("sample_index"),
                                r.getString("judgement"),
                                r.getString("reference").isEmpty() ? null : r.getString("reference"),
                                r.getString("prompt_version"),
                                r.getInteger("attempt"),
                                r.getString("status"),
                                r.getString("source"),
                                r.getString("request_id"),
                                r.getString("model"),
                                VerdictLine.parsedVerdict(r.getString("verdict")),
                                r.getString("error"),
                                r.getString("raw_text"))));
    }

    /**
     * Values of one variant for one prompt.
     *
     * @param runId the run
     * @param promptId the prompt
     * @param variant the variant the values are stored with
     * @param values the values
     */
    public record PromptValues(String runId, String promptId, String variant, List<ScoreValue> values) {}

    /** Upserts values into {@code score_values} (the same natural key as every other value). */
    public Uni<Void> storeValues(List<PromptValues> values) {
        return storeValues(pool, values);
    }

    private static Uni<Void> storeValues(SqlClient client, List<PromptValues> values) {
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        List<Tuple> tuples = new ArrayList<>();
        for (PromptValues pv : values) {
            for (ScoreValue v : pv.values()) {
                tuples.add(Tuple.tuple()
                        .addString(pv.runId())
                        .addString(pv.promptId())
                        .addString(pv.variant())
                        .addString(v.metric())
                        .addInteger(v.sample() == null ? -1 : v.sample())
                        .addString(v.reference() == null ? "" : v.reference())
                        .addInteger(v.sample())
                        .addString(v.reference())
                        .addDouble(v.value())
                        .addString(v.reason())
                        .addString(v.settings())
                        .addOffsetDateTime(at));
            }
        }
        if (tuples.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("insert into score_values (run_id, prompt_id, variant, metric, sample_key,"
                        + " reference_key, sample, reference, value, reason, settings, computed_at)"
                        + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
                        + " on conflict (run_id, prompt_id, variant, metric, sample_key, reference_key) do update"
                        + " set value = excluded.value, reason = excluded.reason, settings = excluded.settings,"
                        + " computed_at = excluded.computed_at")
                .executeBatch(tuples)
                .replaceWithVoid();
    }
}

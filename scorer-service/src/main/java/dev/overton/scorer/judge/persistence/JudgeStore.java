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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.JudgeSpec;
import dev.overton.contracts.ScoreValue;
import dev.overton.contracts.json.EventJson;
import dev.overton.contracts.spec.Judgement;
import dev.overton.scorer.judge.JudgeTarget;

/**
 * The judge tables ({@code judge_runs}, {@code run_prompts}, {@code judge_requests}, {@code judge_verdicts}) and the
 * judge's rows in {@code score_values}. Every write is an upsert or an insert-if-absent on the natural key, so a
 * redelivered record or a second scorer instance changes nothing.
 *
 * <p>Uses the reactive SQL client directly rather than Hibernate sessions: requests and replayed verdicts come in
 * batches (a replayed run is some 1,500 verdicts and 5,000 values), which the client sends as one array statement or one
 * pipelined batch instead of a round trip per row.
 */
@ApplicationScoped
public class JudgeStore {

    /** {@code judge_verdicts.status} of a valid verdict. */
    public static final String PARSED = "parsed";

    /** {@code judge_verdicts.status} of an invalid first answer whose repair was requested (not final). */
    public static final String INVALID = "invalid";

    /** {@code judge_verdicts.status} of a judgment without a verdict (final). */
    public static final String FAILED = "failed";

    private static final ObjectMapper JSON = EventJson.mapper();
    private static final TypeReference<List<ChatMessage>> MESSAGES = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final Pool pool;

    public JudgeStore(Pool pool) {
        this.pool = pool;
    }

    // ---- runs and prompts ---------------------------------------------------------------------------------------

    /**
     * A run with a judge, as stored.
     *
     * @param runId the run
     * @param reference its reference variant
     * @param spec its judge
     * @param promptIds its prompts in dataset order
     * @param status {@code live}, {@code replayed} or {@code refused}
     * @param error why it was refused, or {@code null}
     */
    public record JudgeRun(
            String runId, String reference, JudgeSpec spec, List<String> promptIds, String status, String error) {

        /** Whether the verdicts come from the generator (not replayed, not refused). */
        public boolean live() {
            return "live".equals(status);
        }
    }

    /** Stores (or replaces) a run's judge. */
    public Uni<Void> storeRun(JudgeRun run) {
        return pool.preparedQuery("insert into judge_runs (run_id, reference, spec, prompt_ids, status, error,"
                        + " received_at) values ($1, $2, $3::text::jsonb, $4::text::jsonb, $5, $6, now())"
                        + " on conflict (run_id) do update set reference = excluded.reference, spec = excluded.spec,"
                        + " prompt_ids = excluded.prompt_ids, status = excluded.status, error = excluded.error")
                .execute(Tuple.of(
                        run.runId(),
                        run.reference(),
                        write(run.spec()),
                        write(run.promptIds()),
                        run.status(),
                        run.error()))
                .replaceWithVoid();
    }

    /** The run's judge, or {@code null} when the run has none (or its {@code runs} record has not arrived). */
    public Uni<JudgeRun> run(String runId) {
        return pool.preparedQuery("select run_id, reference, spec::text as spec, prompt_ids::text as prompt_ids,"
                        + " status, error from judge_runs where run_id = $1")
                .execute(Tuple.of(runId))
                .map(rows -> {
                    for (Row r : rows) {
                        return new JudgeRun(
                                r.getString("run_id"),
                                r.getString("reference"),
                                read(r.getString("spec"), JudgeSpec.class),
                                read(r.getString("prompt_ids"), STRINGS),
                                r.getString("status"),
                                r.getString("error"));
                    }
                    return null;
                });
    }

    /** Stores a prompt's messages unless already stored. */
    public Uni<Void> storePrompt(String runId, String promptId, List<ChatMessage> messages) {
        return pool.preparedQuery("insert into run_prompts (run_id, prompt_id, messages, received_at)"
                        + " values ($1, $2, $3::text::jsonb, now()) on conflict do nothing")
                .execute(Tuple.of(runId, promptId, write(messages)))
                .replaceWithVoid();
    }

    /** A prompt's messages, or {@code null} when unknown. */
    public Uni<List<ChatMessage>> prompt(String runId, String promptId) {
        return pool.preparedQuery(
                        "select messages::text as messages from run_prompts where run_id = $1 and prompt_id = $2")
                .execute(Tuple.of(runId, promptId))
                .map(rows -> {
                    for (Row r : rows) {
                        return read(r.getString("messages"), MESSAGES);
                    }
                    return null;
                });
    }

    /** The prompts of a run with at least one generated sample set stored. */
    public Uni<List<String>> promptsWithSets(String runId) {
        return pool.preparedQuery("select distinct prompt_id from sample_sets where run_id = $1"
                        + " and status = 'generated' order by prompt_id")
                .execute(Tuple.of(runId))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getString("prompt_id")));
                    return ids;
                });
    }

    /** The number of samples of a stored, generated set (0 when not stored). */
    public Uni<Integer> sampleCount(String runId, String promptId, String variant) {
        return pool.preparedQuery("select sample_count from sample_sets where run_id = $1 and prompt_id = $2"
                        + " and variant = $3 and status = 'generated'")
                .execute(Tuple.of(runId, promptId, variant))
                .map(rows -> {
                    for (Row r : rows) {
                        return r.getInteger("sample_count");
                    }
                    return 0;
                });
    }

    // ---- requests ---------------------------------------------------------------------------------------------

    /**
     * A judge request.
     *
     * @param requestId its deterministic id
     * @param runId the run
     * @param target what it judges
     * @param version the prompt version
     * @param attempt 1, or 2 for the repair
     * @param messages the chat messages sent
     */
    public record Request(
            String requestId,
            String runId,
            JudgeTarget target,
            String version,
            int attempt,
            List<ChatMessage> messages) {}

    /**
     * Records requests not recorded yet and returns those that still have to be sent: the new ones and any recorded
     * more than a minute ago but never marked sent (their send failed, or the scorer stopped). Requests already sent,
     * or just recorded by a concurrent planning of the same prompt, are left out, so planning a prompt again never
     * asks twice.
     */
    public Uni<List<String>> recordRequests(List<Request> requests) {
        if (requests.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int n = requests.size();
        String[] ids = new String[n];
        String[] runs = new String[n];
        String[] prompts = new String[n];
        String[] variants = new String[n];
        Integer[] samples = new Integer[n];
        String[] judgements = new String[n];
        String[] references = new String[n];
        String[] versions = new String[n];
        Integer[] attempts = new Integer[n];
        String[] messages = new String[n];
        for (int i = 0; i < n; i++) {
            Request r = requests.get(i);
            ids[i] = r.requestId();
            runs[i] = r.runId();
            prompts[i] = r.target().promptId();
            variants[i] = r.target().variant();
            samples[i] = r.target().sample();
            judgements[i] = r.target().judgement().wireName();
            references[i] = r.target().reference();
            versions[i] = r.version();
            attempts[i] = r.attempt();
            messages[i] = write(r.messages());
        }
        return pool.preparedQuery("insert into judge_requests (request_id, run_id, prompt_id, variant, sample_index,"
                        + " judgement, reference, prompt_version, attempt, messages, requested_at)"
                        + " select t.id, t.run, t.prompt, t.variant, t.sample, t.judgement, t.reference, t.version,"
                        + " t.attempt, t.messages::jsonb, now() from unnest($1::text[], $2::text[], $3::text[],"
                        + " $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::int[], $10::text[])"
                        + " as t(id, run, prompt, variant, sample, judgement, reference, version, attempt, messages)"
                        // A request recorded but never handed to the broker (the scorer stopped in between) is due
                        // again, but only once it is a minute old: two plannings of one prompt running at the same
                        // time (its run, text and sets arrive on different channels) must not both send it.
                        + " on conflict (request_id) do update set requested_at = now()"
                        + " where judge_requests.sent_at is null"
                        + " and judge_requests.requested_at < now() - interval '60 seconds'"
                        + " returning request_id")
                .execute(Tuple.tuple()
                        .addArrayOfString(ids)
                        .addArrayOfString(runs)
                        .addArrayOfString(prompts)
                        .addArrayOfString(variants)
                        .addArrayOfInteger(samples)
                        .addArrayOfString(judgements)
                        .addArrayOfString(references)
                        .addArrayOfString(versions)
                        .addArrayOfInteger(attempts)
                        .addArrayOfString(messages))
                .map(rows -> {
                    List<String> due = new ArrayList<>();
                    rows.forEach(r -> due.add(r.getString("request_id")));
                    return due;
                });
    }

    /** Marks requests as handed to the broker. */
    public Uni<Void> markSent(List<String> requestIds) {
        if (requestIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("update judge_requests set sent_at = now() where request_id = any($1::text[])")
                .execute(Tuple.tuple().addArrayOfString(requestIds.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** A recorded request, or {@code null}. */
    public Uni<Request> request(String requestId) {
        return pool.preparedQuery("select request_id, run_id, prompt_id, variant, sample_index, judgement, reference,"
                        + " prompt_version, attempt, messages::text as messages from judge_requests"
                        + " where request_id = $1")
                .execute(Tuple.of(requestId))
                .map(rows -> {
                    for (Row r : rows) {
                        Judgement judgement = Judgement.find(r.getString("judgement"))
                                .orElseThrow(() -> new IllegalStateException(
                                        "stored request " + requestId + " has an unknown judgement"));
                        return new Request(
                                r.getString("request_id"),
                                r.getString("run_id"),
                                new JudgeTarget(
                                        r.getString("prompt_id"),
                                        r.getString("variant"),
                                        r.getInteger("sample_index"),
                                        judgement,
                                        r.getString("reference")),
                                r.getString("prompt_version"),
                                r.getInteger("attempt"),
                                read(r.getString("messages"), MESSAGES));
                    }
                    return null;
                });
    }

    // ---- verdicts ---------------------------------------------------------------------------------------------

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
                .executeBatch(verdicts.stream().map(JudgeStore::verdictTuple).toList())
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
                .map(rows -> {
                    List<FinalVerdict> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new FinalVerdict(
                            r.getInteger("sample_index"), r.getString("status"), r.getString("verdict"))));
                    return out;
                });
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
                .map(rows -> {
                    List<VerdictCount> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new VerdictCount(
                            r.getString("judgement"), r.getString("status"), r.getInteger("attempt"), r.getLong("n"))));
                    return out;
                });
    }

    /** Requests of a run: [recorded, sent]. */
    public Uni<long[]> requestCounts(String runId) {
        return pool.preparedQuery("select count(*) as n, count(sent_at) as sent from judge_requests where run_id = $1")
                .execute(Tuple.of(runId))
                .map(rows -> {
                    for (Row r : rows) {
                        return new long[] {r.getLong("n"), r.getLong("sent")};
                    }
                    return new long[2];
                });
    }

    /**
     * One stored verdict, as served by {@code GET /runs/{id}/judge/verdicts}.
     *
     * @param promptId the prompt
     * @param variant the judged variant
     * @param sample the judged sample
     * @param judgement the judgement
     * @param reference the reference variant of a pairwise judgement, or {@code null}
     * @param promptVersion the prompt version
     * @param attempt the attempt
     * @param status the status
     * @param source {@code model} or {@code replay}
     * @param requestId the request, or {@code null}
     * @param model the judge model
     * @param raw the judge's text
     * @param verdictJson the parsed verdict, or {@code null}
     * @param error why it is invalid or failed
     */
    public record StoredVerdict(
            String promptId,
            String variant,
            int sample,
            String judgement,
            String reference,
            String promptVersion,
            int attempt,
            String status,
            String source,
            String requestId,
            String model,
            String raw,
            String verdictJson,
            String error) {}

    /** Every verdict of a run. */
    public Uni<List<StoredVerdict>> verdicts(String runId) {
        return pool.preparedQuery("select prompt_id, variant, sample_index, judgement, reference, prompt_version,"
                        + " attempt, status, source, request_id, model, raw_text, verdict::text as verdict, error"
                        + " from judge_verdicts where run_id = $1"
                        + " order by judgement, variant, prompt_id, sample_index, attempt")
                .execute(Tuple.of(runId))
                .map(rows -> {
                    List<StoredVerdict> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new StoredVerdict(
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
                            r.getString("raw_text"),
                            r.getString("verdict"),
                            r.getString("error"))));
                    return out;
                });
    }

    // ---- values -----------------------------------------------------------------------------------------------

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

    // ---- JSON -------------------------------------------------------------------------------------------------

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON cannot be read: " + e.getMessage(), e);
        }
    }
}

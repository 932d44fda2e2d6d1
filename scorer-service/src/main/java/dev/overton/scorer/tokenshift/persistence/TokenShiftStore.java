package dev.overton.scorer.tokenshift.persistence;

import static dev.overton.scorer.persistence.RequestTable.integers;
import static dev.overton.scorer.persistence.RequestTable.strings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.overton.contracts.Sample;
import dev.overton.contracts.TokenShiftSpec;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.metrics.tokenshift.RankedToken;
import dev.overton.scorer.persistence.RequestTable;
import dev.overton.scorer.tokenshift.TokenShiftPlanner;
import dev.overton.scorer.tokenshift.TokenShiftSummaries;
import dev.overton.support.persistence.Rows;

/**
 * The token-shift tables ({@code V13__token_shift.sql}): the runs that asked for the measure, the icl variants'
 * rendered prompts, the scoring requests sent and the scored answers received. Writes are upserts or inserts-if-absent
 * on the natural key, so a redelivered record or a second scorer instance changes nothing; a scored answer is never
 * replaced by a failure, while a failure (no rendered prompt yet) is replaced once the answer is scored.
 */
@ApplicationScoped
public class TokenShiftStore {

    /** {@code status} of a scored answer. */
    public static final String SCORED = "scored";

    /** {@code status} of an answer that could not be scored. */
    public static final String FAILED = "failed";

    private static final ObjectMapper JSON = EventJson.mapper();
    private static final TypeReference<List<RankedToken>> TOKENS = new TypeReference<>() {};
    private static final RequestTable REQUESTS = new RequestTable("token_shift_requests");

    private final Pool pool;

    public TokenShiftStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * A run with a token-shift measure.
     *
     * @param runId the run
     * @param spec the measure, defaults applied
     * @param base the base variant, the model that scores
     */
    public record TokenShiftRun(String runId, TokenShiftSpec spec, VariantSpec base) {}

    /**
     * A recorded scoring request.
     *
     * @param requestId its id
     * @param runId the run
     * @param promptId the prompt
     * @param sample the reference's sample index
     * @param context the context
     */
    public record Request(String requestId, String runId, String promptId, int sample, String context) {}

    /**
     * One answer's outcome.
     *
     * @param runId the run
     * @param promptId the prompt
     * @param reference the reference variant
     * @param sample the sample index
     * @param context the context
     * @param error why it could not be scored, or {@code null} when scored
     * @param method how it was scored, or {@code null}
     * @param topK the K it was ranked among
     * @param tokens its tokens (empty when failed)
     */
    public record Answer(
            String runId,
            String promptId,
            String reference,
            int sample,
            String context,
            String error,
            String method,
            int topK,
            List<RankedToken> tokens) {}

    /** Stores (or replaces) a run's measure. */
    public Uni<Void> storeRun(String runId, TokenShiftSpec spec, VariantSpec base) {
        return pool.preparedQuery("insert into token_shift_runs (run_id, spec, base, received_at)"
                        + " values ($1, $2::text::jsonb, $3::text::jsonb, now())"
                        + " on conflict (run_id) do update set spec = excluded.spec, base = excluded.base")
                .execute(Tuple.of(runId, write(spec), write(base)))
                .replaceWithVoid();
    }

    /** The run's measure, or {@code null} when it asked for none (or its {@code runs} record has not arrived). */
    public Uni<TokenShiftRun> run(String runId) {
        return pool.preparedQuery(
                        "select spec::text as spec, base::text as base from token_shift_runs where run_id = $1")
                .execute(Tuple.of(runId))
                .map(rows -> Rows.first(
                        rows,
                        r -> new TokenShiftRun(
                                runId,
                                read(r.getString("spec"), TokenShiftSpec.class),
                                read(r.getString("base"), VariantSpec.class)),
                        null));
    }

    /** Stores an icl variant's rendered prompt unless already stored. */
    public Uni<Void> storeRendered(String runId, String promptId, String variant, String rendered) {
        return pool.preparedQuery("insert into rendered_prompts (run_id, prompt_id, variant, rendered, received_at)"
                        + " values ($1, $2, $3, $4, now()) on conflict do nothing")
                .execute(Tuple.of(runId, promptId, variant, rendered))
                .replaceWithVoid();
    }

    /** What the planner needs to know of one prompt. */
    public Uni<TokenShiftPlanner.Inputs> inputs(String runId, String promptId, String reference) {
        Uni<List<Sample>> samples = pool.preparedQuery("select s.status, m.sample_index, m.text from sample_sets s"
                        + " left join samples m on m.run_id = s.run_id and m.prompt_id = s.prompt_id"
                        + " and m.variant = s.variant where s.run_id = $1 and s.prompt_id = $2 and s.variant = $3"
                        + " order by m.sample_index")
                .execute(Tuple.of(runId, promptId, reference))
                .map(rows -> {
                    List<Sample> list = null;
                    for (Row r : rows) {
                        if (!"generated".equals(r.getString("status"))) {
                            return null;
                        }
                        list = list == null ? new ArrayList<>() : list;
                        if (r.getInteger("sample_index") != null) {
                            list.add(new Sample(r.getInteger("sample_index"), r.getString("text"), null));
                        }
                    }
                    return list;
                });
        Uni<Boolean> known = pool.preparedQuery(
                        "select count(*) as n from run_prompts where run_id = $1 and prompt_id = $2")
                .execute(Tuple.of(runId, promptId))
                .map(rows -> rows.iterator().next().getLong("n") > 0);
        Uni<Map<String, String>> rendered = pool.preparedQuery(
                        "select variant, rendered from rendered_prompts where run_id = $1 and prompt_id = $2")
                .execute(Tuple.of(runId, promptId))
                .map(rows -> {
                    Map<String, String> map = new LinkedHashMap<>();
                    rows.forEach(r -> map.put(r.getString("variant"), r.getString("rendered")));
                    return map;
                });
        Uni<Map<String, String>> failed = pool.preparedQuery("select variant, coalesce(error, 'no reason given')"
                        + " as error from sample_sets where run_id = $1 and prompt_id = $2 and status = 'failed'")
                .execute(Tuple.of(runId, promptId))
                .map(rows -> {
                    Map<String, String> map = new LinkedHashMap<>();
                    rows.forEach(r -> map.put(r.getString("variant"), r.getString("error")));
                    return map;
                });
        return Uni.combine()
                .all()
                .unis(samples, known, rendered, failed)
                .with((s, k, r, f) -> new TokenShiftPlanner.Inputs(promptId, s, k, r, f));
    }

    /**
     * Records requests and returns the ids due to be sent: new ones, and ones recorded over a minute ago but never
     * handed to the broker (two plannings of one prompt at the same time must not both send a request).
     */
    public Uni<List<String>> recordRequests(List<Request> requests) {
        return REQUESTS.record(
                pool,
                requests,
                "insert into token_shift_requests (request_id, run_id, prompt_id, sample_index, context, requested_at)"
                        + " select t.id, t.run, t.prompt, t.sample, t.context, now()"
                        + " from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[])"
                        + " as t(id, run, prompt, sample, context)",
                rs -> Tuple.tuple()
                        .addArrayOfString(strings(rs, Request::requestId))
                        .addArrayOfString(strings(rs, Request::runId))
                        .addArrayOfString(strings(rs, Request::promptId))
                        .addArrayOfInteger(integers(rs, Request::sample))
                        .addArrayOfString(strings(rs, Request::context)));
    }

    /** Marks requests as handed to the broker. */
    public Uni<Void> markSent(List<String> requestIds) {
        return REQUESTS.markSent(pool, requestIds);
    }

    /** A recorded request, or {@code null}. */
    public Uni<Request> request(String requestId) {
        return pool.preparedQuery("select run_id, prompt_id, sample_index, context from token_shift_requests"
                        + " where request_id = $1")
                .execute(Tuple.of(requestId))
                .map(rows -> Rows.first(
                        rows,
                        r -> new Request(
                                requestId,
                                r.getString("run_id"),
                                r.getString("prompt_id"),
                                r.getInteger("sample_index"),
                                r.getString("context")),
                        null));
    }

    /**
     * Stores an answer's outcome; {@code true} when it changed the table (a new answer, or a failure replaced by
     * scores), so that counters count each outcome once however often it is redelivered.
     */
    public Uni<Boolean> storeAnswer(Answer a) {
        return pool.preparedQuery(
                        "insert into token_shift_answers (run_id, prompt_id, reference, sample_index, context,"
                                + " status, error, method, top_k, tokens, received_at)"
                                + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::jsonb, now())"
                                + " on conflict (run_id, prompt_id, reference, sample_index, context) do update set"
                                + " status = excluded.status, error = excluded.error, method = excluded.method,"
                                + " top_k = excluded.top_k, tokens = excluded.tokens, received_at = excluded.received_at"
                                + " where token_shift_answers.status = 'failed' and excluded.status = 'scored'")
                .execute(Tuple.tuple()
                        .addString(a.runId())
                        .addString(a.promptId())
                        .addString(a.reference())
                        .addInteger(a.sample())
                        .addString(a.context())
                        .addString(a.error() == null ? SCORED : FAILED)
                        .addString(a.error())
                        .addString(a.method())
                        .addInteger(a.topK())
                        .addString(write(a.tokens())))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Every stored answer of a run. */
    public Uni<List<TokenShiftSummaries.StoredAnswer>> answers(String runId) {
        return pool.preparedQuery("select prompt_id, sample_index, context, status, error, tokens::text as tokens"
                        + " from token_shift_answers where run_id = $1 order by prompt_id, sample_index, context")
                .execute(Tuple.of(runId))
                .map(rows -> {
                    List<TokenShiftSummaries.StoredAnswer> answers = new ArrayList<>();
                    for (Row r : rows) {
                        boolean scored = SCORED.equals(r.getString("status"));
                        answers.add(new TokenShiftSummaries.StoredAnswer(
                                r.getString("prompt_id"),
                                r.getInteger("sample_index"),
                                r.getString("context"),
                                scored ? null : r.getString("error"),
                                scored ? read(r.getString("tokens"), TOKENS) : List.of()));
                    }
                    return answers;
                });
    }

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

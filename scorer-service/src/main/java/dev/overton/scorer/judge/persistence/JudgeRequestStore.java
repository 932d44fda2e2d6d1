package dev.overton.scorer.judge.persistence;

import static dev.overton.scorer.persistence.RequestTable.integers;
import static dev.overton.scorer.persistence.RequestTable.strings;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.spec.Judgement;
import dev.overton.scorer.judge.JudgeTarget;
import dev.overton.scorer.persistence.RequestTable;
import dev.overton.support.persistence.Rows;

/**
 * The judge's requests ({@code judge_requests}): recorded before they are sent and marked sent once the broker took
 * them, so planning a prompt again never asks twice and a request stranded in between is sent again.
 *
 * <p>Uses the reactive SQL client directly rather than Hibernate sessions: a run's requests are recorded as one array
 * statement instead of a round trip per row.
 */
@ApplicationScoped
public class JudgeRequestStore {

    private static final RequestTable REQUESTS = new RequestTable("judge_requests");

    private final Pool pool;

    public JudgeRequestStore(Pool pool) {
        this.pool = pool;
    }

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
        return REQUESTS.record(
                pool,
                requests,
                "insert into judge_requests (request_id, run_id, prompt_id, variant, sample_index, judgement, reference,"
                        + " prompt_version, attempt, messages, requested_at)"
                        + " select t.id, t.run, t.prompt, t.variant, t.sample, t.judgement, t.reference, t.version,"
                        + " t.attempt, t.messages::jsonb, now() from unnest($1::text[], $2::text[], $3::text[],"
                        + " $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::int[], $10::text[])"
                        + " as t(id, run, prompt, variant, sample, judgement, reference, version, attempt, messages)",
                rs -> Tuple.tuple()
                        .addArrayOfString(strings(rs, Request::requestId))
                        .addArrayOfString(strings(rs, Request::runId))
                        .addArrayOfString(strings(rs, r -> r.target().promptId()))
                        .addArrayOfString(strings(rs, r -> r.target().variant()))
                        .addArrayOfInteger(integers(rs, r -> r.target().sample()))
                        .addArrayOfString(
                                strings(rs, r -> r.target().judgement().wireName()))
                        .addArrayOfString(strings(rs, r -> r.target().reference()))
                        .addArrayOfString(strings(rs, Request::version))
                        .addArrayOfInteger(integers(rs, Request::attempt))
                        .addArrayOfString(strings(rs, r -> StoredJson.write(r.messages()))));
    }

    /** Marks requests as handed to the broker. */
    public Uni<Void> markSent(List<String> requestIds) {
        return REQUESTS.markSent(pool, requestIds);
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
                                StoredJson.read(r.getString("messages"), StoredJson.MESSAGES));
                    }
                    return null;
                });
    }

    /** Requests of a run: [recorded, sent]. */
    public Uni<long[]> requestCounts(String runId) {
        return pool.preparedQuery("select count(*) as n, count(sent_at) as sent from judge_requests where run_id = $1")
                .execute(Tuple.of(runId))
                .map(rows -> Rows.first(rows, r -> new long[] {r.getLong("n"), r.getLong("sent")}, new long[2]));
    }
}

package dev.overton.icl.hints.persistence;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.Completion;
import dev.overton.contracts.CompletionRequest;
import dev.overton.contracts.json.EventJson;
import dev.overton.icl.hints.SummaryRequests;
import dev.overton.icl.persistence.UnsentRequests;
import dev.overton.support.persistence.NamedRow;
import dev.overton.support.reactive.InOrder;

/**
 * Summary hints asked of a summarizer model, in PostgreSQL ({@code summaries}): one row per (run, summarizer, prompt),
 * inserted once as the claim to send the request, completed or failed by the first {@link Completion} for its request
 * id. Every write is an insert-if-absent or a conditional update, so redeliveries and concurrent instances change
 * nothing twice.
 */
@ApplicationScoped
public class SummaryStore {

    /** Row status: claimed, not yet acknowledged by the broker. */
    public static final String BUILT = "built";

    /** Row status: sent, awaiting the generator's answer. */
    public static final String REQUESTED = "requested";

    /** Row status: answered with a summary. */
    public static final String COMPLETED = "completed";

    /** Row status: the model call failed, or gave an empty summary. */
    public static final String FAILED = "failed";

    private final Mutiny.SessionFactory sessions;

    public SummaryStore(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /**
     * Inserts a row per request unless one exists for its (run, summarizer, prompt), and returns the requests inserted
     * by this call: only they are to be sent.
     */
    public Uni<List<CompletionRequest>> claim(List<CompletionRequest> requests, Instant at) {
        if (requests.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return sessions.withTransaction((session, tx) -> InOrder.filter(
                requests,
                r -> session.createNativeQuery(
                                "insert into summaries (run_id, summarizer, prompt_id, request_id, status, request,"
                                        + " built_at) values (:run, :summarizer, :prompt, :id, 'built', :request, :at)"
                                        + " on conflict do nothing")
                        .setParameter("run", r.runId())
                        .setParameter("summarizer", r.attributes().get(SummaryRequests.SUMMARIZER))
                        .setParameter("prompt", r.attributes().get(SummaryRequests.PROMPT_ID))
                        .setParameter("id", r.requestId())
                        .setParameter("request", EventJson.write(r))
                        .setParameter("at", at)
                        .executeUpdate()
                        .map(inserted -> inserted == 1)));
    }

    /** Marks a request as sent (unless it was answered already). */
    public Uni<Void> markSent(String requestId, Instant at) {
        return sessions.withTransaction((session, tx) -> session.createNativeQuery(
                                "update summaries set status = 'requested', sent_at = :at where request_id = :id"
                                        + " and status = 'built'")
                        .setParameter("at", at)
                        .setParameter("id", requestId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Requests claimed before {@code before} and not yet marked sent (their sender died or the broker was away). */
    public Uni<List<CompletionRequest>> unsent(Instant before, int limit) {
        return UnsentRequests.of(sessions, "summaries", CompletionRequest.class, before, limit);
    }

    /**
     * Records the generator's answer: {@code completed} with the (stripped) summary, or {@code failed} with the reason —
     * also when the call succeeded but the summary is empty. Only the first answer for a request id counts.
     *
     * @return what was recorded, or {@code null} when nothing changed (unknown request id, or answered before)
     */
    public Uni<Recorded> record(Completion c, Instant at) {
        String text = c.text() == null ? "" : c.text().strip();
        boolean ok = !c.failed() && !text.isEmpty();
        String error = ok
                ? null
                : c.failed()
                        ? (c.error() == null || c.error().isBlank()
                                ? "the model call failed (no reason given)"
                                : c.error())
                        : "the summarizer returned an empty summary (finish reason "
                                + (c.finishReason() == null ? "unknown" : c.finishReason()) + ")";
        String status = ok ? COMPLETED : FAILED;
        return sessions.withTransaction((session, tx) -> session.createNativeQuery(
                                "update summaries set status = :status, summary = :summary, error = :error,"
                                        + " model = :model, finish_reason = :finish, completed_at = :at"
                                        + " where request_id = :id and status in ('built', 'requested')")
                        .setParameter("status", status)
                        .setParameter("summary", ok ? text : null)
                        .setParameter("error", error)
                        .setParameter("model", c.model())
                        .setParameter("finish", c.finishReason())
                        .setParameter("at", at)
                        .setParameter("id", c.requestId())
                        .executeUpdate())
                .map(updated -> updated == 1 ? new Recorded(c.runId(), status, error) : null);
    }

    /**
     * What an answer changed.
     *
     * @param runId the run
     * @param status {@value #COMPLETED} or {@value #FAILED}
     * @param error the reason of a failure, else {@code null}
     */
    public record Recorded(String runId, String status, String error) {}

    /** Per summarizer id, per prompt id, the state of the run's summary rows. */
    public Uni<Map<String, Map<String, State>>> states(String runId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select summarizer, prompt_id, status, summary, error from summaries"
                                        + " where run_id = :run",
                                Tuple.class)
                        .setParameter("run", runId)
                        .getResultList())
                .map(rows -> {
                    Map<String, Map<String, State>> states = new HashMap<>();
                    for (NamedRow r : NamedRow.all(rows)) {
                        states.computeIfAbsent(r.getString("summarizer"), k -> new HashMap<>())
                                .put(
                                        r.getString("prompt_id"),
                                        new State(r.getString("status"), r.getString("summary"), r.getString("error")));
                    }
                    return states;
                });
    }

    /**
     * The state of one summary.
     *
     * @param status {@value #BUILT}, {@value #REQUESTED}, {@value #COMPLETED} or {@value #FAILED}
     * @param summary the summary when completed
     * @param error the reason when failed
     */
    public record State(String status, String summary, String error) {

        /** Whether the generator has answered (completed or failed). */
        public boolean settled() {
            return COMPLETED.equals(status) || FAILED.equals(status);
        }
    }

    /** Per summarizer id of the run: how many summaries were requested, completed and failed. */
    public Uni<Map<String, Counts>> counts(String runId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select summarizer as group_key, status, count(*) as n from summaries where run_id = :run"
                                        + " group by summarizer, status",
                                Tuple.class)
                        .setParameter("run", runId)
                        .getResultList())
                .map(SummaryStore::toCounts);
    }

    /**
     * Per run, the counts of runs whose summaries changed since {@code since}, at most {@code maxRuns} (the most
     * recent), summed over summarizers.
     */
    public Uni<Map<String, Counts>> recentCounts(Instant since, int maxRuns) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "with recent as (select run_id, max(coalesce(completed_at, sent_at, built_at)) as last"
                                        + " from summaries group by run_id"
                                        + " having max(coalesce(completed_at, sent_at, built_at)) >= :since"
                                        + " order by last desc limit :max)"
                                        + " select s.run_id as group_key, s.status, count(*) as n from summaries s"
                                        + " join recent r on r.run_id = s.run_id group by s.run_id, s.status",
                                Tuple.class)
                        .setParameter("since", since)
                        .setParameter("max", maxRuns)
                        .getResultList())
                .map(SummaryStore::toCounts);
    }

    /** Counts per {@code group_key} (a summarizer or a run) from rows of {@code group_key, status, n}. */
    private static Map<String, Counts> toCounts(List<Tuple> rows) {
        Map<String, long[]> raw = new LinkedHashMap<>();
        for (NamedRow r : NamedRow.all(rows)) {
            long[] c = raw.computeIfAbsent(r.getString("group_key"), k -> new long[3]);
            long n = r.getLong("n");
            c[0] += n;
            String status = r.getString("status");
            if (COMPLETED.equals(status)) {
                c[1] += n;
            } else if (FAILED.equals(status)) {
                c[2] += n;
            }
        }
        Map<String, Counts> counts = new LinkedHashMap<>();
        raw.forEach((k, c) -> counts.put(k, new Counts(c[0], c[1], c[2])));
        return counts;
    }

    /**
     * Summary counts.
     *
     * @param requested summaries asked for (sent or being sent), including those answered
     * @param completed answered with a summary
     * @param failed answered with a failure or an empty summary
     */
    public record Counts(long requested, long completed, long failed) {

        /** No summaries. */
        public static final Counts NONE = new Counts(0, 0, 0);

        /** The sum of two counts. */
        public Counts plus(Counts other) {
            return new Counts(requested + other.requested, completed + other.completed, failed + other.failed);
        }
    }

    /** The run's summaries, for {@code GET /runs/{id}/summaries}: every row but the request JSON, by prompt. */
    public Uni<List<RequestedSummary>> list(String runId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select s.summarizer, s.prompt_id, s.request_id, s.status, s.summary, s.error,"
                                        + " s.model, s.finish_reason from summaries s left join prompts p"
                                        + " on p.run_id = s.run_id and p.prompt_id = s.prompt_id where s.run_id = :run"
                                        + " order by s.summarizer, p.prompt_index nulls last, s.prompt_id",
                                Tuple.class)
                        .setParameter("run", runId)
                        .getResultList())
                .map(rows -> NamedRow.list(
                        rows,
                        r -> new RequestedSummary(
                                r.getString("summarizer"),
                                r.getString("prompt_id"),
                                r.getString("request_id"),
                                r.getString("status"),
                                r.getString("summary"),
                                r.getString("error"),
                                r.getString("model"),
                                r.getString("finish_reason"))));
    }

    /**
     * The summary hints of the run's in-context requests: per (variant, prompt) with a summary hint, the request's
     * status, where its summary came from and the summary (or why the prompt failed); {@code null} when the run is
     * unknown.
     */
    public Uni<List<SummaryHint>> hints(String runId) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "select count(*) from run_plans where run_id = :run", Long.class)
                .setParameter("run", runId)
                .getSingleResult()
                .chain(known -> known == 0
                        ? Uni.createFrom().nullItem()
                        : session.createNativeQuery(
                                        "select r.variant, r.prompt_id, r.status, r.summary_source, r.summary,"
                                                + " r.error from icl_requests r left join prompts p"
                                                + " on p.run_id = r.run_id and p.prompt_id = r.prompt_id"
                                                + " where r.run_id = :run and r.summary_source is not null"
                                                + " order by r.variant, p.prompt_index nulls last,"
                                                + " r.prompt_id",
                                        Tuple.class)
                                .setParameter("run", runId)
                                .getResultList()
                                .map(rows -> NamedRow.list(
                                        rows,
                                        r -> new SummaryHint(
                                                r.getString("variant"),
                                                r.getString("prompt_id"),
                                                r.getString("status"),
                                                r.getString("summary_source"),
                                                r.getString("summary"),
                                                r.getString("error"))))));
    }

    /**
     * A summary asked of a summarizer model, as {@code GET /runs/{id}/summaries} lists it.
     *
     * @param summarizer the summarizer
     * @param promptId the prompt
     * @param requestId the generation request
     * @param status the summary's status
     * @param summary the summary, once written
     * @param error why it failed, or {@code null}
     * @param model the model that wrote it
     * @param finishReason why generation ended, or {@code null}
     */
    public record RequestedSummary(
            String summarizer,
            String promptId,
            String requestId,
            String status,
            String summary,
            String error,
            String model,
            String finishReason) {}

    /**
     * The summary hint an in-context request showed, as {@code GET /runs/{id}/summaries} lists it.
     *
     * @param variant the in-context variant
     * @param promptId the prompt
     * @param status the request's status
     * @param source where the summary came from
     * @param summary the summary, or {@code null}
     * @param error why the prompt failed, or {@code null}
     */
    public record SummaryHint(
            String variant, String promptId, String status, String source, String summary, String error) {}
}

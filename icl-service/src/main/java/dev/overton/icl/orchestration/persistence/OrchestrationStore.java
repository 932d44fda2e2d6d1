package dev.overton.icl.orchestration.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.json.EventJson;
import dev.overton.icl.orchestration.IclRunBuilder;
import dev.overton.icl.persistence.UnsentRequests;
import dev.overton.support.messaging.StorableText;
import dev.overton.support.persistence.NamedRow;
import dev.overton.support.reactive.InOrder;

/**
 * What in-context prompts are built from (prompts, sample-0 answers) and the requests built, in PostgreSQL. Every write
 * is an idempotent upsert or insert-if-absent on the natural key; inserting a request row is the claim that makes one
 * instance, once, send it.
 */
@ApplicationScoped
public class OrchestrationStore {

    private static final Logger LOG = Logger.getLogger(OrchestrationStore.class);

    private final Mutiny.SessionFactory sessions;
    private final Counter unreadableRuns;

    public OrchestrationStore(Mutiny.SessionFactory sessions, MeterRegistry registry) {
        this.sessions = sessions;
        this.unreadableRuns = Counter.builder("overton.icl.unreadable.runs")
                .description("Stored run specs the in-context sweep could not read; their runs get no in-context work")
                .register(registry);
    }

    /** Records the prompt a generation request carries (its messages are what in-context prompts ask). */
    public Uni<Void> recordPrompt(GenerationRequest request) {
        Prompt p = request.prompt();
        return sessions.withTransaction((session, tx) -> session.createNativeQuery(
                                "insert into prompts (run_id, prompt_id, prompt_index, messages, received_at)"
                                        + " values (:run, :prompt, :index, :messages, :at) on conflict do nothing")
                        .setParameter("run", request.runId())
                        .setParameter("prompt", p.id())
                        .setParameter("index", p.index())
                        .setParameter("messages", EventJson.write(p.messages() == null ? List.of() : p.messages()))
                        .setParameter("at", Instant.now())
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Records sample 0 of a set (or its failure); a later delivery of the same set replaces the row. */
    public Uni<Void> recordAnswer(SampleSet set) {
        String answer = set.failed() || set.samples().isEmpty()
                ? null
                : set.samples().get(0).text();
        return sessions.withTransaction((session, tx) -> session.createNativeQuery(
                                "insert into answers (run_id, prompt_id, variant, sample_count, received_at,"
                                        + " reference, status, error, answer) values (:run, :prompt, :variant, :count,"
                                        + " :at, :reference, :status, :error, :answer) on conflict (run_id, prompt_id,"
                                        + " variant) do update set status = excluded.status, error = excluded.error,"
                                        + " answer = excluded.answer, sample_count = excluded.sample_count,"
                                        + " reference = excluded.reference")
                        .setParameter("run", set.runId())
                        .setParameter("prompt", set.promptId())
                        .setParameter("variant", set.variant())
                        .setParameter("count", set.samples().size())
                        .setParameter("at", Instant.now())
                        .setParameter("reference", set.reference())
                        .setParameter("status", set.status())
                        .setParameter("error", set.error())
                        .setParameter("answer", answer)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * Runs (received within {@code since}) that still have in-context requests to build: their spec has icl entries
     * and fewer request rows than prompts × entries. Runs recorded before the entry count was stored with the spec get
     * it first, from their spec parsed in Java one row at a time; a spec that cannot be read, or that carries text
     * PostgreSQL cannot store, is marked with the reason (logged and counted once) and gets no in-context work, while
     * every other run goes on. No JSON is read in SQL here: one spec PostgreSQL's JSON functions cannot read (a NUL
     * escape: 22P05) would fail the query for every run.
     */
    public Uni<List<String>> runsWithWork(Instant since) {
        return countMissingIclEntries(since)
                .chain(() -> sessions.withSession(session -> session.createNativeQuery(
                                "select p.run_id from run_plans p where p.spec is not null"
                                        + " and p.received_at >= :since and p.icl_entries > 0"
                                        + " and (select count(*) from icl_requests r where r.run_id = p.run_id)"
                                        + " < p.prompt_count * p.icl_entries order by p.received_at",
                                String.class)
                        .setParameter("since", since)
                        .getResultList()));
    }

    private Uni<Void> countMissingIclEntries(Instant since) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select run_id from run_plans where spec is not null and icl_entries is null"
                                        + " and received_at >= :since",
                                String.class)
                        .setParameter("since", since)
                        .getResultList())
                .chain(runs -> InOrder.each(runs, this::countIclEntries));
    }

    /** Reads one run's spec (alone, so that only this row can fail) and stores its icl entry count or the problem. */
    private Uni<Void> countIclEntries(String runId) {
        return sessions.withTransaction((session, tx) -> session.createNativeQuery(
                                "select spec from run_plans where run_id = :run", String.class)
                        .setParameter("run", runId)
                        .getSingleResult()
                        .chain(spec -> {
                            IclEntries entries = IclEntries.of(spec);
                            if (entries.problem() != null) {
                                unreadableRuns.increment();
                                LOG.warnf(
                                        "run %s: its stored spec cannot be used, no in-context work for it: %s",
                                        runId, entries.problem());
                            }
                            return session.createNativeQuery("update run_plans set icl_entries = :count,"
                                            + " icl_entries_problem = :problem where run_id = :run"
                                            + " and icl_entries is null")
                                    .setParameter("count", entries.count())
                                    .setParameter("problem", entries.problem())
                                    .setParameter("run", runId)
                                    .executeUpdate();
                        }))
                .replaceWithVoid();
    }

    /**
     * The number of icl entries of a stored spec, or 0 with the reason it cannot be used.
     *
     * @param count the entries (0 when the spec cannot be used)
     * @param problem why it cannot be used, or {@code null}
     */
    record IclEntries(int count, String problem) {

        static IclEntries of(String specJson) {
            String unstorable = StorableText.problem(specJson).orElse(null);
            if (unstorable != null) {
                return new IclEntries(0, "spec: " + unstorable);
            }
            try {
                RunSpec spec = EventJson.mapper().readValue(specJson, RunSpec.class);
                return new IclEntries(spec.icl() == null ? 0 : spec.icl().size(), null);
            } catch (IOException | RuntimeException e) {
                return new IclEntries(0, "spec is not a readable run spec: " + e.getMessage());
            }
        }
    }

    /**
     * How far a run's inputs have arrived: the prompts known, the sets (generated or failed) received per variant, and
     * the request rows per in-context variant. Cheap counts, so that a waiting run is checked without loading texts.
     */
    public Uni<Progress> progress(String runId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select 'prompt' as kind, '' as variant, count(*) as n from prompts where run_id = :run"
                                        + " union all select 'answers', variant, count(*) from answers"
                                        + " where run_id = :run group by variant"
                                        + " union all select 'requests', variant, count(*) from icl_requests"
                                        + " where run_id = :run group by variant",
                                Tuple.class)
                        .setParameter("run", runId)
                        .getResultList())
                .map(rows -> {
                    long prompts = 0;
                    Map<String, Long> answers = new HashMap<>();
                    Map<String, Long> requests = new HashMap<>();
                    for (NamedRow r : NamedRow.all(rows)) {
                        long count = r.getLong("n");
                        switch (r.getString("kind")) {
                            case "prompt" -> prompts = count;
                            case "answers" -> answers.put(r.getString("variant"), count);
                            default -> requests.put(r.getString("variant"), count);
                        }
                    }
                    return new Progress(prompts, answers, requests);
                });
    }

    /**
     * Counts of a run's inputs.
     *
     * @param prompts prompts known
     * @param answers sets received, per variant
     * @param requests request rows, per in-context variant
     */
    public record Progress(long prompts, Map<String, Long> answers, Map<String, Long> requests) {}

    /** The run's spec and prompt ids, or {@code null} when the run is unknown. */
    public Uni<RunRecord> run(String runId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select spec, prompt_ids from run_plans where run_id = :run and spec is not null",
                                Tuple.class)
                        .setParameter("run", runId)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : toRunRecord(runId, NamedRow.of(rows.get(0))));
    }

    private static RunRecord toRunRecord(String runId, NamedRow r) {
        return new RunRecord(
                runId,
                readJson(r.getString("spec"), new TypeReference<RunSpec>() {}),
                readJson(r.getString("prompt_ids"), new TypeReference<List<String>>() {}));
    }

    /**
     * A recorded run.
     *
     * @param runId the run
     * @param spec its spec
     * @param promptIds its prompt ids, in order
     */
    public record RunRecord(String runId, RunSpec spec, List<String> promptIds) {}

    /**
     * The prompts of a run (in dataset order), the sample-0 answers of {@code variants} (generated sets only), the
     * prompt ids whose set of each of {@code variants} has arrived (generated or failed), and the prompt ids that
     * already have a request row, per in-context variant.
     */
    public Uni<Inputs> inputs(String runId, Set<String> variants) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "select prompt_id, prompt_index, messages from prompts where run_id = :run"
                                + " order by prompt_index, prompt_id",
                        Tuple.class)
                .setParameter("run", runId)
                .getResultList()
                .chain(promptRows -> session.createNativeQuery(
                                "select variant, prompt_id, status, answer from answers where run_id = :run"
                                        + " and variant in (:variants)",
                                Tuple.class)
                        .setParameter("run", runId)
                        .setParameter("variants", variants.isEmpty() ? Set.of("") : variants)
                        .getResultList()
                        .chain(answerRows -> session.createNativeQuery(
                                        "select variant, prompt_id from icl_requests where run_id = :run", Tuple.class)
                                .setParameter("run", runId)
                                .getResultList()
                                .map(requestRows -> toInputs(
                                        NamedRow.all(promptRows),
                                        NamedRow.all(answerRows),
                                        NamedRow.all(requestRows))))));
    }

    private static Inputs toInputs(List<NamedRow> promptRows, List<NamedRow> answerRows, List<NamedRow> requestRows) {
        List<Prompt> prompts = new ArrayList<>();
        for (NamedRow r : promptRows) {
            prompts.add(new Prompt(
                    r.getString("prompt_id"),
                    r.getInteger("prompt_index"),
                    readJson(r.getString("messages"), new TypeReference<List<ChatMessage>>() {})));
        }
        Map<String, Map<String, String>> answers = new HashMap<>();
        Map<String, Set<String>> arrived = new HashMap<>();
        for (NamedRow r : answerRows) {
            String variant = r.getString("variant");
            String promptId = r.getString("prompt_id");
            arrived.computeIfAbsent(variant, v -> new HashSet<>()).add(promptId);
            String answer = r.getString("answer");
            if (SampleSet.GENERATED.equals(r.getString("status")) && answer != null) {
                answers.computeIfAbsent(variant, v -> new HashMap<>()).put(promptId, answer);
            }
        }
        Map<String, Set<String>> done = new HashMap<>();
        for (NamedRow r : requestRows) {
            done.computeIfAbsent(r.getString("variant"), v -> new HashSet<>()).add(r.getString("prompt_id"));
        }
        return new Inputs(prompts, answers, arrived, done);
    }

    /**
     * A run's build inputs.
     *
     * @param prompts the prompts, in dataset order
     * @param answers per variant, per prompt id, sample 0 of each generated set
     * @param arrived per variant, the prompt ids whose set has arrived (generated or failed)
     * @param done per in-context variant, the prompt ids that already have a request row
     */
    public record Inputs(
            List<Prompt> prompts,
            Map<String, Map<String, String>> answers,
            Map<String, Set<String>> arrived,
            Map<String, Set<String>> done) {}

    /**
     * Inserts a row per planned request (status {@code built}, or {@code failed} with the reason) unless one exists,
     * and returns those that were inserted by this call: only they are to be sent (or reported as failed).
     */
    public Uni<List<IclRunBuilder.Planned>> claim(String runId, List<IclRunBuilder.Planned> planned, Instant at) {
        if (planned.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return sessions.withTransaction((session, tx) -> InOrder.filter(
                planned,
                p -> session.createNativeQuery(
                                "insert into icl_requests (run_id, prompt_id, variant, status, request, error,"
                                        + " examples, dropped, prompt_tokens, built_at, summary, summary_source,"
                                        + " selection) values (:run, :prompt, :variant, :status, :request, :error,"
                                        + " :examples, :dropped, :tokens, :at, :summary, :source, :selection)"
                                        + " on conflict do nothing")
                        .setParameter("run", runId)
                        .setParameter("prompt", p.promptId())
                        .setParameter("variant", p.variant())
                        .setParameter("status", p.request() == null ? "failed" : "built")
                        .setParameter("request", p.request() == null ? null : EventJson.write(p.request()))
                        .setParameter("error", p.failure())
                        .setParameter("examples", EventJson.write(p.examples()))
                        .setParameter("dropped", EventJson.write(p.dropped()))
                        .setParameter("tokens", p.promptTokens())
                        .setParameter("at", at)
                        .setParameter("summary", p.summary())
                        .setParameter("source", p.summarySource())
                        .setParameter("selection", p.selection())
                        .executeUpdate()
                        .map(inserted -> inserted == 1)));
    }

    /** Marks a request as sent. */
    public Uni<Void> markSent(String runId, String promptId, String variant, Instant at) {
        return sessions.withTransaction((session, tx) -> session.createNativeQuery(
                                "update icl_requests set status = 'sent', sent_at = :at where run_id = :run"
                                        + " and prompt_id = :prompt and variant = :variant and status = 'built'")
                        .setParameter("at", at)
                        .setParameter("run", runId)
                        .setParameter("prompt", promptId)
                        .setParameter("variant", variant)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Requests built before {@code before} and not yet marked sent (their sender died or the broker was away). */
    public Uni<List<GenerationRequest>> unsent(Instant before, int limit) {
        return UnsentRequests.of(sessions, "icl_requests", GenerationRequest.class, before, limit);
    }

    private static <T> T readJson(String json, TypeReference<T> type) {
        try {
            return EventJson.mapper().readValue(json == null ? "[]" : json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("stored JSON is not valid: " + e.getMessage(), e);
        }
    }
}

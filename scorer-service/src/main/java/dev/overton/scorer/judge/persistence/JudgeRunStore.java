package dev.overton.scorer.judge.persistence;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.JudgeSpec;
import dev.overton.support.persistence.Rows;

/**
 * The runs the judge works for ({@code judge_runs}), their prompts ({@code run_prompts}) and what the judge needs to
 * know of their stored sample sets. Writes are upserts or inserts-if-absent on the natural key, so a redelivered
 * record or a second scorer instance changes nothing.
 */
@ApplicationScoped
public class JudgeRunStore {

    private final Pool pool;

    public JudgeRunStore(Pool pool) {
        this.pool = pool;
    }

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
                        StoredJson.write(run.spec()),
                        StoredJson.write(run.promptIds()),
                        run.status(),
                        run.error()))
                .replaceWithVoid();
    }

    /** The run's judge, or {@code null} when the run has none (or its {@code runs} record has not arrived). */
    public Uni<JudgeRun> run(String runId) {
        return pool.preparedQuery("select run_id, reference, spec::text as spec, prompt_ids::text as prompt_ids,"
                        + " status, error from judge_runs where run_id = $1")
                .execute(Tuple.of(runId))
                .map(rows -> Rows.first(
                        rows,
                        r -> new JudgeRun(
                                r.getString("run_id"),
                                r.getString("reference"),
                                StoredJson.read(r.getString("spec"), JudgeSpec.class),
                                StoredJson.read(r.getString("prompt_ids"), StoredJson.STRINGS),
                                r.getString("status"),
                                r.getString("error")),
                        null));
    }

    /** Stores a prompt's messages unless already stored. */
    public Uni<Void> storePrompt(String runId, String promptId, List<ChatMessage> messages) {
        return pool.preparedQuery("insert into run_prompts (run_id, prompt_id, messages, received_at)"
                        + " values ($1, $2, $3::text::jsonb, now()) on conflict do nothing")
                .execute(Tuple.of(runId, promptId, StoredJson.write(messages)))
                .replaceWithVoid();
    }

    /** A prompt's messages, or {@code null} when unknown. */
    public Uni<List<ChatMessage>> prompt(String runId, String promptId) {
        return pool.preparedQuery(
                        "select messages::text as messages from run_prompts where run_id = $1 and prompt_id = $2")
                .execute(Tuple.of(runId, promptId))
                .map(rows ->
                        Rows.first(rows, r -> StoredJson.read(r.getString("messages"), StoredJson.MESSAGES), null));
    }

    /** The prompts of a run with at least one generated sample set stored. */
    public Uni<List<String>> promptsWithSets(String runId) {
        return pool.preparedQuery("select distinct prompt_id from sample_sets where run_id = $1"
                        + " and status = 'generated' order by prompt_id")
                .execute(Tuple.of(runId))
                .map(rows -> Rows.list(rows, r -> r.getString("prompt_id")));
    }

    /** The number of samples of a stored, generated set (0 when not stored). */
    public Uni<Integer> sampleCount(String runId, String promptId, String variant) {
        return pool.preparedQuery("select sample_count from sample_sets where run_id = $1 and prompt_id = $2"
                        + " and variant = $3 and status = 'generated'")
                .execute(Tuple.of(runId, promptId, variant))
                .map(rows -> Rows.first(rows, r -> r.getInteger("sample_count"), 0));
    }
}

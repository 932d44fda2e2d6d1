package dev.overton.scorer.compare.persistence;

import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.overton.scorer.compare.PromptValue;
import dev.overton.support.persistence.Rows;

/**
 * Reads what a comparison needs from the scorer schema: whether a run is known, and one value per (variant, metric,
 * prompt) of a run. Read-only, with its own queries so that the comparison does not depend on how the scoring feature
 * stores or aggregates.
 *
 * <p>The per-prompt value is the one the run's own aggregates use ({@code GET /runs/{id}/scores}): a whole-set value
 * as stored, a pair value as its mean over the candidate samples; per-sample within-set values (lengths) are left out,
 * as are undefined values. A row read back whose value is not a finite number (a hand-edited or corrupt row) is left
 * out too, so one bad row never fails a comparison.
 */
@ApplicationScoped
public class CompareStore {

    private final Pool pool;

    public CompareStore(Pool pool) {
        this.pool = pool;
    }

    /** Whether any sample set of the run, or its judge, reached the scorer (as {@code GET /runs/{id}/scores} asks). */
    public Uni<Boolean> knowsRun(String runId) {
        return pool.preparedQuery("select exists (select 1 from sample_sets where run_id = $1)"
                        + " or exists (select 1 from judge_runs where run_id = $1) as known")
                .execute(Tuple.of(runId))
                .map(rows -> Rows.first(rows, r -> Boolean.TRUE.equals(r.getBoolean("known")), false));
    }

    /** One value per (variant, metric, prompt) of the run, ordered by variant, metric and prompt. */
    public Uni<List<PromptValue>> promptValues(String runId) {
        return pool.preparedQuery("select variant, metric, prompt_id, avg(value) as value from score_values"
                        + " where run_id = $1 and value is not null and (sample is null or reference is not null)"
                        + " group by variant, metric, prompt_id order by variant, metric, prompt_id")
                .execute(Tuple.of(runId))
                .map(rows -> {
                    List<PromptValue> values = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        Double value = r.getDouble("value");
                        if (value == null || !Double.isFinite(value)) {
                            continue;
                        }
                        values.add(new PromptValue(
                                r.getString("variant"), r.getString("metric"), r.getString("prompt_id"), value));
                    }
                    return values;
                });
    }
}

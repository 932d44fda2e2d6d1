package dev.overton.scorer.scoring.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.overton.scorer.scoring.persistence.ScoreStore.StoredValue;
import dev.overton.support.persistence.RowCursor;

/**
 * Reads every stored value of a run through a PostgreSQL cursor, {@value #FETCH} rows at a time, as the HTTP response
 * asks for them: the streamed {@code /runs/{id}/values} and {@code /runs/{id}/export} hold one page of rows, never the
 * whole run, whatever its size. Same rows and order as {@link ScoreStore#values(String)}. The cursor is {@link RowCursor}'s.
 */
@ApplicationScoped
public class StoredValueCursor {

    /** Rows fetched from the cursor per round trip. */
    static final int FETCH = 500;

    private static final String SQL = "select prompt_id, variant, sample, reference, metric, value, reason, settings"
            + " from score_values where run_id = $1"
            + " order by variant, prompt_id, metric, sample_key, reference_key";

    private final Pool pool;

    public StoredValueCursor(Pool pool) {
        this.pool = pool;
    }

    /** Every stored value of {@code runId}, in the order of {@link ScoreStore#values(String)}. */
    public Multi<StoredValue> values(String runId) {
        return RowCursor.rows(pool, SQL, Tuple.of(runId), FETCH).map(StoredValueCursor::value);
    }

    private static StoredValue value(Row row) {
        return new StoredValue(
                row.getString("prompt_id"),
                row.getString("variant"),
                row.getInteger("sample"),
                row.getString("reference"),
                row.getString("metric"),
                row.getDouble("value"),
                row.getString("reason"),
                row.getString("settings"));
    }
}

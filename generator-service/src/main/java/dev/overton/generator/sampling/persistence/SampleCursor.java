package dev.overton.generator.sampling.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.overton.generator.sampling.persistence.SampleSetStore.StoredSample;
import dev.overton.support.persistence.RowCursor;

/**
 * Reads every stored sample of a run through a PostgreSQL cursor, {@value #FETCH} rows at a time, as the HTTP response
 * asks for them: the streamed {@code GET /runs/{id}/samples} holds one page of samples, never the whole run. Same rows
 * and order as {@link SampleSetStore#samples(String)}. The cursor is {@link RowCursor}'s.
 */
@ApplicationScoped
public class SampleCursor {

    /** Rows fetched from the cursor per round trip (samples are longer than score rows). */
    static final int FETCH = 200;

    private static final String SQL = "select s.prompt_id, s.variant, s.sample_index, s.text, s.finish_reason"
            + " from samples s join run_prompts p on p.run_id = s.run_id and p.prompt_id = s.prompt_id"
            + " join run_variants v on v.run_id = s.run_id and v.variant = s.variant"
            + " where s.run_id = $1"
            + " order by p.prompt_index, v.position, s.sample_index";

    private final Pool pool;

    public SampleCursor(Pool pool) {
        this.pool = pool;
    }

    /** Every stored sample of {@code runId}, ordered by prompt position, variant position and index. */
    public Multi<StoredSample> samples(String runId) {
        return RowCursor.rows(pool, SQL, Tuple.of(runId), FETCH).map(SampleCursor::sample);
    }

    private static StoredSample sample(Row row) {
        return new StoredSample(
                row.getString("prompt_id"),
                row.getString("variant"),
                row.getInteger("sample_index"),
                row.getString("text"),
                row.getString("finish_reason"));
    }
}

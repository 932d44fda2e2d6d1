package dev.overton.generator.catalog.persistence;

import java.time.ZoneOffset;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.overton.contracts.json.EventJson;
import dev.overton.generator.catalog.CatalogCursor;
import dev.overton.generator.catalog.RunPage;
import dev.overton.generator.catalog.RunQuery;
import dev.overton.generator.catalog.RunSummary;
import dev.overton.support.persistence.Rows;

/**
 * Lists runs for {@code GET /runs}. A run's status is derived in SQL from the same counts as {@code GET /runs/{id}}
 * (sets drawn and scored per variant), so that it can be filtered on before the page is cut; a run with a deletion
 * tombstone is {@code deleting} until its rows are gone.
 */
@ApplicationScoped
public class CatalogStore {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    // Per variant: sets drawn or failed, sets drawn, sets scored (as RunStore.progress counts them).
    private static final String LISTED = "with progress as ("
            + " select v.run_id, v.variant,"
            + " count(s.variant) filter (where s.status = 'generated') as generated,"
            + " count(s.variant) filter (where s.status = 'failed') as failed,"
            + " count(s.scored_at) as scored"
            + " from run_variants v left join sample_sets s on s.run_id = v.run_id and s.variant = v.variant"
            + " group by v.run_id, v.variant),"
            + " listed as ("
            + " select r.id, r.name, r.label, r.created_at, r.prompt_count, r.monitor_id, r.monitor_window,"
            + " (select coalesce(json_agg(v.variant order by v.position), '[]'::json)"
            + "  from run_variants v where v.run_id = r.id)::text as variants,"
            + " case when d.run_id is not null then 'deleting'"
            + "  when r.published_at is null then 'accepted'"
            + "  when exists (select 1 from progress p where p.run_id = r.id"
            + "   and p.generated + p.failed < r.prompt_count) then 'generating'"
            + "  when exists (select 1 from progress p where p.run_id = r.id and p.scored < p.generated)"
            + "   then 'scoring'"
            + "  else 'complete' end as status"
            + " from runs r left join run_deletions d on d.run_id = r.id)"
            + " select id, name, label, created_at, prompt_count, variants, status, monitor_id, monitor_window"
            + " from listed"
            + " where ($1::text is null or strpos(lower(name), lower($1)) > 0)"
            + " and ($2::text is null or status = $2)"
            + " and ($3::text is null or label = $3)"
            + " and ($4::timestamptz is null or (created_at, id) < ($4, $5))"
            + " and ($7::text is null or monitor_id = $7)"
            + " order by created_at desc, id desc limit $6";

    private final Pool pool;

    public CatalogStore(Pool pool) {
        this.pool = pool;
    }

    /** One page of runs matching the query, newest first, with the cursor of the next page. */
    public Uni<RunPage> list(RunQuery query) {
        CatalogCursor after = query.after();
        Tuple parameters = Tuple.tuple()
                .addString(query.name())
                .addString(query.status() == null ? null : query.status().apiName())
                .addString(query.label())
                .addOffsetDateTime(after == null ? null : after.createdAt().atOffset(ZoneOffset.UTC))
                .addString(after == null ? null : after.id())
                .addInteger(query.limit() + 1)
                .addString(query.monitor());
        return pool.preparedQuery(LISTED).execute(parameters).map(rows -> {
            List<RunSummary> items = Rows.list(rows, CatalogStore::summary);
            String next = null;
            if (items.size() > query.limit()) {
                items = items.subList(0, query.limit());
                RunSummary last = items.get(items.size() - 1);
                next = new CatalogCursor(last.createdAt(), last.id()).encode();
            }
            return new RunPage(List.copyOf(items), next);
        });
    }

    private static RunSummary summary(Row row) {
        return new RunSummary(
                row.getString("id"),
                row.getString("name"),
                row.getString("label"),
                row.getOffsetDateTime("created_at").toInstant(),
                row.getString("status"),
                row.getInteger("prompt_count"),
                readStrings(row.getString("variants")),
                row.getString("monitor_id"),
                row.getInteger("monitor_window"));
    }

    private static List<String> readStrings(String json) {
        try {
            return EventJson.mapper().readValue(json, STRINGS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("variant names are not a JSON list", e);
        }
    }
}

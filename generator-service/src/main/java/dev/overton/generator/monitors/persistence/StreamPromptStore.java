package dev.overton.generator.monitors.persistence;

import static dev.overton.generator.monitors.persistence.MonitorRowValues.at;
import static dev.overton.generator.monitors.persistence.MonitorRowValues.read;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.json.EventJson;

/**
 * The prompts fed to stream monitors ({@code POST /monitors/{id}/prompts}, the {@code monitor-prompts} topic) in
 * PostgreSQL, kept until a window has taken them. Each prompt gets the next {@code seq} on arrival; a window takes
 * the range {@code from < seq <= to} it fixed when it was opened ({@link MonitorWindowStore}), so reading and
 * forgetting work on ranges, never on single prompts. A deleted monitor's prompts go with it ({@link
 * MonitorStore#delete}).
 */
@ApplicationScoped
public class StreamPromptStore {

    private static final TypeReference<List<ChatMessage>> MESSAGES = new TypeReference<>() {};

    private final Pool pool;

    public StreamPromptStore(Pool pool) {
        this.pool = pool;
    }

    /** The streamed prompts with {@code from < seq <= to}, in arrival order; each prompt's id is {@code s<seq>}. */
    public Uni<List<Prompt>> streamPrompts(String monitorId, long from, long to) {
        return pool.preparedQuery("select seq, messages from monitor_prompts where monitor_id = $1 and seq > $2"
                        + " and seq <= $3 order by seq")
                .execute(Tuple.of(monitorId, from, to))
                .map(rows -> {
                    List<Prompt> prompts = new ArrayList<>();
                    for (Row row : rows) {
                        prompts.add(new Prompt(
                                "s" + row.getLong("seq"), prompts.size(), read(row.getString("messages"), MESSAGES)));
                    }
                    return prompts;
                });
    }

    /** Deletes the streamed prompts a window has taken ({@code from < seq <= to}). */
    public Uni<Void> forgetStreamPrompts(String monitorId, long from, long to) {
        return pool.preparedQuery("delete from monitor_prompts where monitor_id = $1 and seq > $2 and seq <= $3")
                .execute(Tuple.of(monitorId, from, to))
                .replaceWithVoid();
    }

    /** Stores a streamed prompt of the monitor; {@code false} when it has no such live stream monitor. */
    public Uni<Boolean> addPrompt(String monitorId, List<ChatMessage> messages, Instant now) {
        return pool.preparedQuery("insert into monitor_prompts (monitor_id, messages, received_at)"
                        + " select id, $2, $3 from monitors where id = $1 and state <> 'deleted'")
                .execute(Tuple.of(monitorId, EventJson.write(messages), at(now)))
                .map(rows -> rows.rowCount() > 0);
    }
}

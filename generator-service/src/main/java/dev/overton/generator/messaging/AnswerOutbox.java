package dev.overton.generator.messaging;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.core.Vertx;

import dev.overton.contracts.Answer;
import dev.overton.contracts.json.EventJson;
import dev.overton.support.messaging.KeyedMessages;

/**
 * How the generator answers a request with at most one model call (completion requests, token-scoring requests): the
 * answer is stored first, then published under the request's id and marked published once Kafka acknowledged it; a
 * request whose answer is stored already (a redelivery, a crash between the write and the publish) gets the stored
 * answer republished without a second call, and the outbox sweep publishes again what Kafka never acknowledged. Both
 * request consumers need exactly this; what differs is the answer type, its table and the call.
 *
 * @param <A> the answer event
 */
public final class AnswerOutbox<A extends Answer> {

    private final AnswerTable<A> table;
    private final MutinyEmitter<String> out;
    private final Vertx vertx;

    /**
     * @param table where the answers are stored
     * @param out the channel the answers are published on
     * @param vertx where the model call's worker thread comes from
     */
    public AnswerOutbox(AnswerTable<A> table, MutinyEmitter<String> out, Vertx vertx) {
        this.table = table;
        this.out = out;
        this.vertx = vertx;
    }

    /**
     * Publishes the stored answer to {@code requestId}, or calls {@code call}, stores its answer and publishes that.
     *
     * @param backend the backend asked, stored with the answer for diagnosis
     * @param call the model call; blocking, so run on a worker thread
     * @param republished run when a stored answer is published again instead of calling the model
     */
    public Uni<Void> answer(String requestId, String backend, Supplier<A> call, Runnable republished) {
        return table.find(requestId).chain(stored -> {
            if (stored != null) {
                republished.run();
                return publish(stored);
            }
            return callAndStore(requestId, backend, call).chain(this::publish);
        });
    }

    /** Calls on a worker thread (unordered: it must not queue behind other calls), stores the answer. */
    private Uni<A> callAndStore(String requestId, String backend, Supplier<A> call) {
        return vertx.executeBlocking(Uni.createFrom().item(call), false)
                .chain(answer -> table.insertIfAbsent(answer, backend))
                // The stored row is what is published, now and on any redelivery; if another delivery stored
                // first, that one counts.
                .chain(inserted -> table.find(requestId));
    }

    /** Publishes {@code answer}, then marks it published. */
    public Uni<Void> publish(A answer) {
        return out.sendMessage(KeyedMessages.of(answer.key(), EventJson.write(answer)))
                .chain(() -> table.markPublished(answer.requestId(), Instant.now()));
    }

    /** Request ids of answers stored before {@code before} that Kafka never acknowledged. */
    public Uni<List<String>> unpublished(Instant before) {
        return table.unpublished(before);
    }

    /** Publishes the stored answer to {@code requestId} again; nothing when none is stored (any more). */
    public Uni<Void> republish(String requestId) {
        return table.find(requestId)
                .chain(answer -> answer == null ? Uni.createFrom().voidItem() : publish(answer));
    }
}

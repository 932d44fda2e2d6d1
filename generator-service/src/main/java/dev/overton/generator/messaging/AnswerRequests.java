package dev.overton.generator.messaging;

import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.Answer;
import dev.overton.contracts.Event;
import dev.overton.contracts.VariantSpec;

/**
 * The records of a consumer that answers each request with at most one model call (completion requests, token-scoring
 * requests): taken as {@link KeyedInFlightRecords} keyed by the request's id, so that two deliveries of one request are
 * answered one after the other, and each answered through the {@link AnswerOutbox}, so that the second gets the stored
 * answer. Both request consumers need exactly this; what they add is the call and its metrics.
 *
 * @param <R> the request event
 * @param <A> the answer event
 */
public final class AnswerRequests<R extends Event, A extends Answer> {

    private final KeyedInFlightRecords<R> records;
    private final AnswerOutbox<A> outbox;
    private final Function<R, String> requestId;
    private final Function<R, VariantSpec> model;

    /**
     * @param records the consumed records, keyed by {@code requestId}
     * @param outbox where the answers are stored and published from
     * @param requestId the id of a request, which its answer carries
     * @param model the model a request asks, whose backend is stored with the answer
     */
    AnswerRequests(
            KeyedInFlightRecords<R> records,
            AnswerOutbox<A> outbox,
            Function<R, String> requestId,
            Function<R, VariantSpec> model) {
        this.records = records;
        this.outbox = outbox;
        this.requestId = requestId;
        this.model = model;
    }

    /**
     * Answers the record's request as soon as it is admitted (see {@link KeyedInFlightRecords#admit}): with its stored
     * answer, or else with {@code call}'s.
     *
     * @param call the model call, given the request and the name of its backend; blocking, so run on a worker thread
     * @param republished run when a stored answer is published again instead of calling the model
     * @return completes when the record has its slot
     */
    public Uni<Void> admit(Message<String> record, BiFunction<R, String, A> call, Consumer<R> republished) {
        return records.admit(record, request -> {
            String backend = String.valueOf(model.apply(request).backend());
            return outbox.answer(
                    requestId.apply(request),
                    backend,
                    () -> call.apply(request, backend),
                    () -> republished.accept(request));
        });
    }

    /** The stored answers and their publishing, for the outbox sweep. */
    public AnswerOutbox<A> outbox() {
        return outbox;
    }
}

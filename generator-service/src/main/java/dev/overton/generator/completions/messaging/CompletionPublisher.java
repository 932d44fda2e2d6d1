package dev.overton.generator.completions.messaging;

import java.time.Instant;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

import dev.overton.contracts.Completion;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.completions.persistence.CompletionStore;
import dev.overton.support.messaging.KeyedMessages;

/**
 * Publishes a stored completion on {@code completions} (key: request id) and marks it published once Kafka
 * acknowledged it; until then the outbox sweep publishes it again. Requesters key their own state on the request id,
 * so a repeat is harmless.
 */
@ApplicationScoped
public class CompletionPublisher {

    static final String CHANNEL = "completions-out";

    private final MutinyEmitter<String> completions;
    private final CompletionStore store;

    public CompletionPublisher(@Channel(CHANNEL) MutinyEmitter<String> completions, CompletionStore store) {
        this.completions = completions;
        this.store = store;
    }

    /** Publishes {@code completion}, then marks it published. */
    public Uni<Void> publish(Completion completion) {
        return completions
                .sendMessage(KeyedMessages.of(completion.key(), EventJson.write(completion)))
                .chain(() -> store.markPublished(completion.requestId(), Instant.now()));
    }
}

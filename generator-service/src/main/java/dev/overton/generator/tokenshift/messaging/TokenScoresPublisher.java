package dev.overton.generator.tokenshift.messaging;

import java.time.Instant;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

import dev.overton.contracts.TokenScores;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.tokenshift.persistence.TokenScoreStore;
import dev.overton.support.messaging.KeyedMessages;

/**
 * Publishes a stored token-scoring result on {@code token-scores} (key: request id) and marks it published once Kafka
 * acknowledged it; until then the outbox sweep publishes it again. Requesters key their own state on the request id,
 * so a repeat is harmless.
 */
@ApplicationScoped
public class TokenScoresPublisher {

    static final String CHANNEL = "token-scores-out";

    private final MutinyEmitter<String> results;
    private final TokenScoreStore store;

    public TokenScoresPublisher(@Channel(CHANNEL) MutinyEmitter<String> results, TokenScoreStore store) {
        this.results = results;
        this.store = store;
    }

    /** Publishes {@code result}, then marks it published. */
    public Uni<Void> publish(TokenScores result) {
        return results.sendMessage(KeyedMessages.of(result.key(), EventJson.write(result)))
                .chain(() -> store.markPublished(result.requestId(), Instant.now()));
    }
}

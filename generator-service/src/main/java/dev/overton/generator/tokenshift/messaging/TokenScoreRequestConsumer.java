package dev.overton.generator.tokenshift.messaging;

import java.time.Duration;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import dev.overton.contracts.TokenScoreRequest;
import dev.overton.contracts.TokenScores;
import dev.overton.generator.config.GeneratorConfig;
import dev.overton.generator.messaging.InFlightConsumers;
import dev.overton.generator.messaging.KeyedInFlightRecords;
import dev.overton.generator.sampling.Backends;
import dev.overton.generator.tokenshift.TokenScoringCalls;
import dev.overton.generator.tokenshift.persistence.TokenScoreStore;
import dev.overton.support.log.LogSafe;

/**
 * Consumes token-scoring requests (the token-shift measure): has the base variant's backend score the answer after the
 * context, stores the result in {@code token_scores}, then publishes exactly one {@link TokenScores} per request id on
 * {@code token-scores}. The offset is committed only after that. The same path as completion requests (judge verdicts,
 * summaries), and the same guarantees.
 *
 * <p>Idempotent: a request whose result is stored already (a redelivery, a crash between the write and the publish)
 * gets the stored result republished, without a second model call. A request the generator cannot serve (unknown or
 * {@code replay} backend, an empty answer) is answered with a failed result naming the field; only a record that cannot
 * be parsed (not JSON, missing fields, unknown schema version) goes to {@code token-score-requests-dlq}.
 *
 * <p>Up to {@code overton.generator.max-concurrent-completions} requests are worked on at a time; two deliveries of
 * one request id are handled one after the other.
 *
 * <p>Metrics: {@value #SCORINGS} (counter; {@code backend}, {@code method}, {@code status}), {@value #LATENCY} (timer
 * of the whole call, retries included; {@code backend}), {@value #TOKENS} (summary of answer tokens per scored answer;
 * {@code backend}), {@value #REPUBLISHED} (counter).
 */
@ApplicationScoped
public class TokenScoreRequestConsumer {

    static final String CHANNEL = "token-score-requests-in";

    /** Counter: token-scoring requests answered with a model call (or refused), by backend, method and status. */
    public static final String SCORINGS = "overton.generation.token.scorings";

    /** Timer: one token-scoring request's model call, retries included, by backend. */
    public static final String LATENCY = "overton.generation.token.scoring.latency";

    /** Summary: answer tokens of one scored answer, by backend. */
    public static final String TOKENS = "overton.generation.token.scoring.tokens";

    /** Counter: stored results published again for a redelivered request. */
    public static final String REPUBLISHED = "overton.generation.token.scorings.republished";

    private static final Logger LOG = Logger.getLogger(TokenScoreRequestConsumer.class);

    private final TokenScoringCalls calls;
    private final TokenScoreStore store;
    private final TokenScoresPublisher publisher;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final KeyedInFlightRecords<TokenScoreRequest> records;

    public TokenScoreRequestConsumer(
            Backends backends,
            TokenScoreStore store,
            TokenScoresPublisher publisher,
            Vertx vertx,
            InFlightConsumers inFlight,
            MeterRegistry registry,
            GeneratorConfig config) {
        this.calls = new TokenScoringCalls(backends::get);
        this.store = store;
        this.publisher = publisher;
        this.vertx = vertx;
        this.registry = registry;
        this.records = inFlight.records(
                CHANNEL,
                TokenScoreRequest.class,
                TokenScoreRequest::requestId,
                config.generator().maxConcurrentCompletions(),
                LOG);
    }

    @Incoming(CHANNEL)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<String> record) {
        return records.admit(record, this::answer);
    }

    private Uni<Void> answer(TokenScoreRequest request) {
        return store.find(request.requestId()).chain(stored -> {
            if (stored != null) {
                Counter.builder(REPUBLISHED)
                        .description("Stored token-scoring results published again for a redelivered request")
                        .register(registry)
                        .increment();
                return publisher.publish(stored);
            }
            return scoreAndStore(request).chain(publisher::publish);
        });
    }

    /** Scores on a worker thread (unordered: it must not queue behind other calls), stores the result. */
    private Uni<TokenScores> scoreAndStore(TokenScoreRequest request) {
        String backend = String.valueOf(request.model().backend());
        return vertx.executeBlocking(Uni.createFrom().item(() -> score(request, backend)), false)
                .chain(result -> store.insertIfAbsent(result, backend))
                // The stored row is what is published, now and on any redelivery; if another delivery stored
                // first, that one counts.
                .chain(inserted -> store.find(request.requestId()));
    }

    private TokenScores score(TokenScoreRequest request, String backend) {
        long start = System.nanoTime();
        TokenScores result = calls.call(request);
        Timer.builder(LATENCY)
                .description("Time to answer one token-scoring request, retries included")
                .tag("backend", backend)
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - start));
        Counter.builder(SCORINGS)
                .description("Token-scoring requests answered, by backend, method and status")
                .tag("backend", backend)
                .tag("method", result.method() == null ? "none" : result.method())
                .tag("status", result.status())
                .register(registry)
                .increment();
        if (result.failed()) {
            LOG.warnf(
                    "token scoring %s (run %s) failed: %s",
                    LogSafe.quote(request.requestId()), LogSafe.quote(request.runId()), LogSafe.quote(result.error()));
        } else {
            DistributionSummary.builder(TOKENS)
                    .description("Answer tokens of one scored answer")
                    .tag("backend", backend)
                    .register(registry)
                    .record(result.tokens().size());
        }
        return result;
    }
}

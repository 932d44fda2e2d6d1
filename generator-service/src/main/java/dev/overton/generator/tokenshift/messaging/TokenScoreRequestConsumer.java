package dev.overton.generator.tokenshift.messaging;

import java.time.Duration;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

import dev.overton.contracts.TokenScoreRequest;
import dev.overton.contracts.TokenScores;
import dev.overton.generator.config.GeneratorConfig;
import dev.overton.generator.messaging.AnswerOutbox;
import dev.overton.generator.messaging.AnswerRequests;
import dev.overton.generator.messaging.InFlightConsumers;
import dev.overton.generator.sampling.Backends;
import dev.overton.generator.tokenshift.TokenScoringCalls;
import dev.overton.generator.tokenshift.persistence.TokenScoreStore;
import dev.overton.support.log.LogSafe;

/**
 * Consumes token-scoring requests (the token-shift measure): has the base variant's backend score the answer after the
 * context, stores the result in {@code token_scores}, then publishes exactly one {@link TokenScores} per request id on
 * {@code token-scores} ({@link AnswerOutbox}). The offset is committed only after that. The same path as completion requests (judge verdicts,
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

    /** The channel the results are published on (topic {@code token-scores}). */
    static final String OUT_CHANNEL = "token-scores-out";

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
    private final MeterRegistry registry;
    private final AnswerRequests<TokenScoreRequest, TokenScores> requests;

    public TokenScoreRequestConsumer(
            Backends backends,
            TokenScoreStore store,
            @Channel(OUT_CHANNEL) MutinyEmitter<String> results,
            InFlightConsumers inFlight,
            MeterRegistry registry,
            GeneratorConfig config) {
        this.calls = new TokenScoringCalls(backends::get);
        this.registry = registry;
        this.requests = inFlight.answers(
                CHANNEL,
                TokenScoreRequest.class,
                TokenScoreRequest::requestId,
                TokenScoreRequest::model,
                store,
                results,
                config.generator().maxConcurrentCompletions(),
                LOG);
    }

    @Incoming(CHANNEL)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<String> record) {
        return requests.admit(record, this::score, request -> countRepublished());
    }

    /** The stored results and their publishing, for the outbox sweep. */
    public AnswerOutbox<TokenScores> outbox() {
        return requests.outbox();
    }

    private void countRepublished() {
        Counter.builder(REPUBLISHED)
                .description("Stored token-scoring results published again for a redelivered request")
                .register(registry)
                .increment();
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

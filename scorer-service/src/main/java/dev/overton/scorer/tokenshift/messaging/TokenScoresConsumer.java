package dev.overton.scorer.tokenshift.messaging;

import java.time.Instant;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.ScoreValue;
import dev.overton.contracts.ScoredToken;
import dev.overton.contracts.TokenScores;
import dev.overton.contracts.TokenShiftSpec;
import dev.overton.metrics.tokenshift.RankedToken;
import dev.overton.scorer.scoring.persistence.SampleSetBatchStore;
import dev.overton.scorer.tokenshift.TokenShiftMetrics;
import dev.overton.scorer.tokenshift.TokenShiftValues;
import dev.overton.scorer.tokenshift.persistence.TokenShiftStore;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

/**
 * Consumes the generator's token scores ({@code token-scores}): each result of a request this scorer recorded becomes
 * a stored answer (its tokens, for the position profile, the top shifted tokens and the report's example) and its six
 * values ({@link TokenShiftValues}), stored under the context's variant. A failed result — a server that ignored
 * {@code echo}, a call that failed — is stored as a failed answer and its values {@code null} with the reason: nothing
 * is dropped, nothing reads as zero. A redelivered result rewrites the same rows and is not counted again.
 */
@ApplicationScoped
public class TokenScoresConsumer {

    static final String CHANNEL = "token-scores-in";
    private static final Logger LOG = Logger.getLogger(TokenScoresConsumer.class);

    private final TokenShiftStore store;
    private final SampleSetBatchStore scores;
    private final TokenShiftMetrics metrics;
    private final ConsumerMetrics consumerMetrics;

    public TokenScoresConsumer(
            TokenShiftStore store,
            SampleSetBatchStore scores,
            TokenShiftMetrics metrics,
            ConsumerMetrics consumerMetrics) {
        this.store = store;
        this.scores = scores;
        this.metrics = metrics;
        this.consumerMetrics = consumerMetrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        return InboundRecords.handle(CHANNEL, json, TokenScores.class, consumerMetrics, LOG, this::handle);
    }

    private Uni<Void> handle(TokenScores result) {
        return store.request(result.requestId()).chain(request -> {
            if (request == null) {
                LOG.warnf(
                        "token scores %s answer no request this scorer recorded (another deployment's, or its run was"
                                + " deleted); skipped",
                        result.requestId());
                return Uni.createFrom().voidItem();
            }
            return store.run(request.runId()).chain(run -> {
                if (run == null) {
                    LOG.warnf(
                            "token scores %s: run %s has no token shift stored; skipped",
                            result.requestId(), request.runId());
                    return Uni.createFrom().voidItem();
                }
                return record(run.spec(), request, result);
            });
        });
    }

    private Uni<Void> record(TokenShiftSpec spec, TokenShiftStore.Request request, TokenScores result) {
        String error = result.failed() ? "token scoring failed: " + result.error() : null;
        List<RankedToken> tokens = result.failed() ? List.of() : ranked(result.tokens());
        String reference = spec.reference();
        TokenShiftStore.Answer answer = new TokenShiftStore.Answer(
                request.runId(),
                request.promptId(),
                reference,
                request.sample(),
                request.context(),
                error,
                result.method(),
                result.topK(),
                tokens);
        List<ScoreValue> values = error != null
                ? TokenShiftValues.failed(error, request.sample(), reference, request.context(), result.topK())
                : TokenShiftValues.of(tokens, request.sample(), reference, request.context(), result.topK());
        return store.storeAnswer(answer)
                .invoke(isNew -> {
                    if (isNew) {
                        metrics.answerStored(
                                request.context(), error == null ? TokenShiftStore.SCORED : TokenShiftStore.FAILED);
                    }
                })
                .chain(isNew -> isNew || error == null
                        ? scores.storeValues(
                                request.runId(),
                                request.promptId(),
                                TokenShiftValues.contextVariant(spec, request.context()),
                                values,
                                Instant.now())
                        : Uni.createFrom().voidItem());
    }

    /**
     * The contract's tokens as the metrics' ranked tokens. The contract allows a log-probability up to 1e-6 (rounding
     * in a server's softmax); the metrics take it as 0.
     */
    static List<RankedToken> ranked(List<ScoredToken> tokens) {
        return tokens.stream()
                .map(t -> new RankedToken(t.text(), Math.min(0.0, t.logprob()), t.rank()))
                .toList();
    }
}

package dev.overton.scorer.tokenshift;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.overton.contracts.TokenShiftSpec;

/**
 * Counters of the token-shift measure, tagged by the kind of context ({@code plain} or {@code icl}: icl variant names
 * are the user's and left out) and outcome only, never by run or prompt:
 *
 * <ul>
 *   <li>{@code overton_token_shift_requests_total{context}} — scoring requests handed to the broker;
 *   <li>{@code overton_token_shift_answers_total{context, status="scored|failed"}} — answers stored, each counted once
 *       however often its result is redelivered (a failure later replaced by scores counts as both).
 * </ul>
 */
@Singleton
public class TokenShiftMetrics {

    private final MeterRegistry registry;

    public TokenShiftMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A scoring request was handed to the broker. */
    public void requestSent(String context) {
        Counter.builder("overton.token.shift.requests")
                .description("Token-shift scoring requests sent to the generator, by kind of context")
                .tag("context", kind(context))
                .register(registry)
                .increment();
    }

    /** An answer's outcome was stored for the first time. */
    public void answerStored(String context, String status) {
        Counter.builder("overton.token.shift.answers")
                .description("Token-shift answers stored, by kind of context and status (scored, failed)")
                .tag("context", kind(context))
                .tag("status", status)
                .register(registry)
                .increment();
    }

    private static String kind(String context) {
        return TokenShiftSpec.PLAIN.equals(context) ? TokenShiftSpec.PLAIN : "icl";
    }
}

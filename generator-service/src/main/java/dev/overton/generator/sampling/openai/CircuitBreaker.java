package dev.overton.generator.sampling.openai;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * A per-endpoint circuit breaker: after {@code failureThreshold} consecutive failures it opens and refuses calls for
 * {@code coolDown}, so that a server that is down is not hammered by every retry of every request. After the cool-down
 * it is half-open: exactly one trial call is let through; its success closes the breaker, its failure opens it for
 * another cool-down.
 *
 * <p>Plain Java and thread-safe (every method is synchronized; the state is tiny). Time comes from an {@link
 * InstantSource} so that tests can move it by hand. A caller that was let through must report exactly one of {@link
 * #onSuccess()}, {@link #onFailure()} or {@link #onCancelled()}; otherwise a half-open breaker would wait for its
 * trial forever.
 */
public final class CircuitBreaker {

    /** Where the breaker is. */
    public enum State {
        /** Calls go through; failures are counted. */
        CLOSED,
        /** Calls are refused until the cool-down has passed. */
        OPEN,
        /** The cool-down has passed: one trial call may go through. */
        HALF_OPEN
    }

    private final int failureThreshold;
    private final Duration coolDown;
    private final InstantSource clock;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openedAt;
    private boolean trialInFlight;

    /**
     * @param failureThreshold consecutive failures that open the breaker (at least 1)
     * @param coolDown how long it stays open before a trial call is allowed
     * @param clock the time source
     */
    public CircuitBreaker(int failureThreshold, Duration coolDown, InstantSource clock) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1, was " + failureThreshold);
        }
        if (coolDown.isNegative()) {
            throw new IllegalArgumentException("coolDown must not be negative, was " + coolDown);
        }
        this.failureThreshold = failureThreshold;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    /**
     * Asks to make a call.
     *
     * @return {@code true} if the call may go ahead (the caller then reports its outcome), {@code false} if the breaker
     *     is open, or half-open with its trial call still running
     */
    public synchronized boolean tryAcquire() {
        switch (state()) {
            case CLOSED -> {
                return true;
            }
            case HALF_OPEN -> {
                if (trialInFlight) {
                    return false;
                }
                state = State.HALF_OPEN;
                trialInFlight = true;
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** The call succeeded (the server answered, whatever it said): the breaker closes and the count restarts. */
    public synchronized void onSuccess() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        trialInFlight = false;
        openedAt = null;
    }

    /**
     * The call failed (no answer, or a server error).
     *
     * @return {@code true} if this failure opened the breaker
     */
    public synchronized boolean onFailure() {
        boolean wasTrial = trialInFlight;
        trialInFlight = false;
        consecutiveFailures++;
        if (wasTrial || (state == State.CLOSED && consecutiveFailures >= failureThreshold)) {
            state = State.OPEN;
            openedAt = clock.instant();
            return true;
        }
        return false;
    }

    /** The call was abandoned before it had an outcome (e.g. interrupted): it counts neither way. */
    public synchronized void onCancelled() {
        trialInFlight = false;
    }

    /** The current state; an open breaker whose cool-down has passed reports {@link State#HALF_OPEN}. */
    public synchronized State state() {
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(coolDown))) {
            return State.HALF_OPEN;
        }
        return state;
    }

    /** How long until a trial call will be let through: zero unless the breaker is open. */
    public synchronized Duration untilHalfOpen() {
        if (state != State.OPEN) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), openedAt.plus(coolDown));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Failures since the last success. */
    public synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** The number of consecutive failures that opens the breaker. */
    public int failureThreshold() {
        return failureThreshold;
    }

    @Override
    public synchronized String toString() {
        return "CircuitBreaker[" + state() + ", " + consecutiveFailures + "/" + failureThreshold + " failures]";
    }
}

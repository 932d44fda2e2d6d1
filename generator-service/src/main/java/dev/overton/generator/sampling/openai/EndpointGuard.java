package dev.overton.generator.sampling.openai;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.Guard;

import dev.overton.generator.sampling.GenerationMeters;

/**
 * The fault handling of one model server, as a SmallRye Fault Tolerance {@link Guard}: one guard per endpoint, so that
 * a server that is down or saturated holds up only its own requests.
 *
 * <ul>
 *   <li><b>Retry</b> of an {@link AttemptFailed} (429, 5xx, timeout, connection error) and of a call the open breaker
 *       refused, up to {@link RetryPolicy#maxAttempts()} attempts in all. The wait is a custom backoff: a 429's
 *       {@code Retry-After} as asked, otherwise {@link RetryPolicy#backoff equal jitter}, and never shorter than the
 *       time left until an open breaker lets a trial through (an earlier attempt would only be refused). Final
 *       failures ({@link CallFailed}) and cancellations are not retried.
 *   <li><b>Circuit breaker</b>: opens when the last {@code failureThreshold} calls all failed with the server at fault
 *       (a rolling window of that size with failure ratio 1, i.e. that many consecutive failures; a 429 or a 4xx
 *       says the server is up and counts as a success), refuses calls for {@code coolDown}, then lets one trial
 *       through whose outcome closes or reopens it.
 *   <li><b>Bulkhead</b>: at most the endpoint's concurrency limit of requests in flight; the others queue (SmallRye's
 *       synchronous queueing) instead of being refused, as a model server's own queue would make them wait anyway.
 * </ul>
 *
 * <p>Calls in flight and waiting are reported per endpoint ({@link GenerationMeters}); openings of the breaker and
 * refused calls are counted. The guard's strategies nest as MicroProfile Fault Tolerance orders them: retry around the
 * breaker around the bulkhead, so that each attempt is judged by the breaker and holds a bulkhead permit only while
 * it talks to the server.
 */
final class EndpointGuard {

    private static final Logger LOG = Logger.getLogger(EndpointGuard.class);

    /** Requests that may queue for a permit; bounded only because SmallRye needs a bound. */
    private static final int QUEUE = 100_000;

    /** SmallRye caps the total time of a retried call; the attempts and their waits are the limit here. */
    private static final Duration NO_TOTAL_LIMIT = Duration.ofDays(1);

    private final String endpoint;
    private final RetryPolicy retry;
    private final int failureThreshold;
    private final Duration coolDown;
    private final RandomGenerator random;
    private final Consumer<Duration> waits;
    private final GenerationMeters.EndpointLoad load;
    private final Guard guard;

    private volatile CircuitBreakerState state = CircuitBreakerState.CLOSED;
    private volatile long openedAtNanos;

    /**
     * @param endpoint the endpoint's base URL, for logs and tags
     * @param limit the endpoint's concurrency limit
     * @param random jitter source (thread-safe: parallel requests share it)
     * @param waits told of every wait before a retry (tests record them; the wait itself is SmallRye's)
     */
    EndpointGuard(
            String endpoint,
            OpenAiSettings settings,
            int limit,
            RandomGenerator random,
            Consumer<Duration> waits,
            GenerationMeters.EndpointLoad load,
            MeterRegistry registry) {
        this.endpoint = endpoint;
        this.retry = settings.retry();
        this.failureThreshold = settings.failureThreshold();
        this.coolDown = settings.coolDown();
        this.random = random;
        this.waits = waits;
        this.load = load;
        Counter opened = Counter.builder("overton.generation.circuit.opened")
                .description("Times an endpoint's circuit breaker opened")
                .tag("backend", OpenAiBackend.NAME)
                .register(registry);
        Counter refused = Counter.builder("overton.generation.request.retries")
                .description("Attempts that failed for a retryable reason (429, 5xx, I/O, open breaker), by reason")
                .tag("backend", OpenAiBackend.NAME)
                .tag("reason", "circuit-open")
                .register(registry);
        this.guard = Guard.create()
                .withDescription("openai " + endpoint)
                .withRetry()
                .maxRetries(retry.maxAttempts() - 1)
                .delay(retry.baseDelay().toMillis(), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .maxDuration(NO_TOTAL_LIMIT.toMillis(), ChronoUnit.MILLIS)
                .whenException(e -> e instanceof AttemptFailed || e instanceof CircuitBreakerOpenException)
                .withCustomBackoff()
                .strategy(Backoff::new)
                .done()
                .done()
                .withCircuitBreaker()
                .requestVolumeThreshold(failureThreshold)
                .failureRatio(1.0)
                .delay(Math.max(1, coolDown.toMillis()), ChronoUnit.MILLIS)
                .successThreshold(1)
                .when(e -> e instanceof AttemptFailed failed && failed.serverFault())
                .onStateChange(next -> changed(next, opened))
                .onPrevented(refused::increment)
                .done()
                .withBulkhead()
                .limit(limit)
                .queueSize(QUEUE)
                .enableSynchronousQueueing()
                .onAccepted(() -> load.waiting().incrementAndGet())
                .done()
                .build();
    }

    /**
     * Runs {@code attempt} under the guard. It runs once per try, holding a bulkhead permit; it throws {@link
     * AttemptFailed} for what should be retried.
     *
     * @throws AttemptFailed the last retryable failure, once the attempts are used up
     * @throws CircuitBreakerOpenException when the breaker refused the last attempt
     * @throws InterruptedException when the thread was interrupted while waiting to retry or for a permit
     */
    <T> T call(Callable<T> attempt, Class<T> type) throws Exception {
        return guard.call(
                () -> {
                    load.waiting().decrementAndGet();
                    load.inFlight().incrementAndGet();
                    try {
                        return attempt.call();
                    } finally {
                        load.inFlight().decrementAndGet();
                    }
                },
                type);
    }

    /** The breaker's state as last reported by SmallRye (an open breaker turns half-open at the next call). */
    CircuitBreakerState state() {
        return state;
    }

    /**
     * How long until an open breaker lets a trial through: zero unless it is open. Rounded up to the next whole
     * millisecond and one more, because SmallRye compares the whole milliseconds elapsed with the cool-down and waits
     * whole milliseconds: a wait that ended a fraction early would be refused and use up an attempt.
     */
    Duration untilHalfOpen() {
        if (state != CircuitBreakerState.OPEN) {
            return Duration.ZERO;
        }
        long leftNanos = coolDown.toNanos() - (System.nanoTime() - openedAtNanos);
        return leftNanos <= 0 ? Duration.ZERO : Duration.ofMillis(Math.ceilDiv(leftNanos, 1_000_000L) + 1);
    }

    int failureThreshold() {
        return failureThreshold;
    }

    private void changed(CircuitBreakerState next, Counter opened) {
        if (next == CircuitBreakerState.OPEN) {
            openedAtNanos = System.nanoTime();
            opened.increment();
            LOG.warnf(
                    "openai %s: circuit breaker opened after %d consecutive failures; refusing calls for %s",
                    endpoint, failureThreshold, coolDown);
        }
        state = next;
    }

    @Override
    public String toString() {
        return "EndpointGuard[" + endpoint + ", breaker " + state + "]";
    }

    /** The wait before each retry of one call; SmallRye makes one per guarded call. */
    private final class Backoff implements CustomBackoffStrategy {
        private int failed;

        @Override
        public long nextDelayInMillis(Throwable cause) {
            failed++;
            Duration wait = cause instanceof AttemptFailed f && f.retryAfter() != null
                    ? f.retryAfter()
                    : max(retry.backoff(failed, random), untilHalfOpen());
            waits.accept(wait);
            LOG.infof(
                    "openai %s: %s; attempt %d of %d in %d ms",
                    endpoint, reason(cause), failed + 1, retry.maxAttempts(), wait.toMillis());
            return wait.toMillis();
        }

        private String reason(Throwable cause) {
            return cause instanceof CircuitBreakerOpenException ? refusal() : cause.getMessage();
        }
    }

    /** Why an open breaker refused a call. */
    String refusal() {
        return "circuit breaker open for " + endpoint + " after " + failureThreshold + " consecutive failures";
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}

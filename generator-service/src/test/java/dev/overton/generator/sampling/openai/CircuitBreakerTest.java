package dev.overton.generator.sampling.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.overton.generator.sampling.openai.CircuitBreaker.State;

/** The breaker on a hand-moved clock. */
class CircuitBreakerTest {

    private static final Duration COOL_DOWN = Duration.ofSeconds(30);

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-06-01T12:00:00Z"));
    private final InstantSource clock = now::get;
    private final CircuitBreaker breaker = new CircuitBreaker(3, COOL_DOWN, clock);

    private void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertThat(breaker.tryAcquire()).isTrue();
            breaker.onFailure();
        }
    }

    @Test
    void staysClosedBelowTheThreshold() {
        fail(2);

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.consecutiveFailures()).isEqualTo(2);
    }

    @Test
    void opensAtTheThresholdAndRefusesCalls() {
        fail(2);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.onFailure()).as("the third failure opens it").isTrue();

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(breaker.untilHalfOpen()).isEqualTo(COOL_DOWN);
        advance(Duration.ofSeconds(10));
        assertThat(breaker.untilHalfOpen()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aSuccessResetsTheCount() {
        fail(2);
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onSuccess();
        fail(2);

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void halfOpensAfterTheCoolDownAndLetsExactlyOneTrialThrough() {
        fail(3);
        advance(COOL_DOWN.minusMillis(1));
        assertThat(breaker.tryAcquire()).isFalse();
        advance(Duration.ofMillis(1));

        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.untilHalfOpen()).isZero();
        assertThat(breaker.tryAcquire()).as("the trial").isTrue();
        assertThat(breaker.tryAcquire())
                .as("a second caller while the trial runs")
                .isFalse();
    }

    @Test
    void successfulTrialCloses() {
        fail(3);
        advance(COOL_DOWN);
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onSuccess();

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void failedTrialReopensForAnotherCoolDown() {
        fail(3);
        advance(COOL_DOWN);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.onFailure()).isTrue();

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.untilHalfOpen()).isEqualTo(COOL_DOWN);
        advance(COOL_DOWN);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void cancelledTrialLetsTheNextCallerTry() {
        fail(3);
        advance(COOL_DOWN);
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onCancelled();

        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void refusesAThresholdBelowOne() {
        assertThatThrownBy(() -> new CircuitBreaker(0, COOL_DOWN, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("failureThreshold");
    }
}

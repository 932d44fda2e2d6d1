package dev.overton.generator.sampling.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2015-10-21T07:27:00Z");
    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(5));

    @Test
    void backoffDoublesWithJitterInTheUpperHalfAndIsCapped() {
        RandomGenerator random = new Random(1);
        long[] full = {1000, 2000, 4000, 5000, 5000};
        for (int attempt = 1; attempt <= full.length; attempt++) {
            for (int draw = 0; draw < 200; draw++) {
                assertThat(policy.backoff(attempt, random).toMillis())
                        .as("attempt %d", attempt)
                        .isBetween(full[attempt - 1] / 2, full[attempt - 1]);
            }
        }
    }

    @Test
    void backoffReachesBothEndsOfItsRange() {
        RandomGenerator lowest = new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return 0;
            }
        };
        RandomGenerator highest = new RandomGenerator() {
            @Override
            public long nextLong() {
                return Long.MAX_VALUE;
            }

            @Override
            public long nextLong(long bound) {
                return bound - 1;
            }
        };

        assertThat(policy.backoff(2, lowest)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(2, highest)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void backoffDoesNotOverflowForLateAttempts() {
        assertThat(policy.backoff(200, new Random(3)).toMillis()).isBetween(2500L, 5000L);
    }

    @Test
    void retryAfterReadsSeconds() {
        assertThat(RetryPolicy.retryAfter("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryPolicy.retryAfter(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void retryAfterReadsAnHttpDate() {
        assertThat(RetryPolicy.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT", NOW)).contains(Duration.ofSeconds(60));
        assertThat(RetryPolicy.retryAfter("Wed, 21 Oct 2015 07:00:00 GMT", NOW))
                .as("a date in the past means now")
                .contains(Duration.ZERO);
    }

    @Test
    void retryAfterIgnoresWhatItCannotRead() {
        assertThat(RetryPolicy.retryAfter(null, NOW)).isEmpty();
        assertThat(RetryPolicy.retryAfter("soon", NOW)).isEmpty();
    }
}

package dev.overton.generator.sampling.openai;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently one HTTP request is retried: at most {@code maxAttempts} attempts in all, waiting an
 * exponentially growing, jittered delay between them.
 *
 * <p>The delay before attempt {@code k+1} is drawn uniformly from {@code [d/2, d]} with {@code d = min(maxDelay,
 * baseDelay * 2^(k-1))} ("equal jitter"): the growth backs off from a struggling server, the jitter keeps the parallel
 * requests of one sample set (and other generator instances) from retrying in lockstep, and the floor of {@code d/2}
 * keeps the wait from collapsing to nothing.
 *
 * @param maxAttempts attempts per request, including the first (at least 1)
 * @param baseDelay the delay scale before the second attempt
 * @param maxDelay the cap on one delay; also the longest {@code Retry-After} that is honoured
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    /** Rejects settings that cannot work. */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (baseDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
    }

    /**
     * The wait after failed attempt {@code attempt} (1-based).
     *
     * @param random the jitter source
     */
    public Duration backoff(int attempt, RandomGenerator random) {
        long cap = maxDelay.toMillis();
        long base = baseDelay.toMillis();
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long full = base > (cap >> shift) ? cap : Math.min(cap, base << shift);
        long half = full / 2;
        return Duration.ofMillis(half + (full - half == 0 ? 0 : random.nextLong(full - half + 1)));
    }

    /**
     * Parses a {@code Retry-After} header: either delay seconds ({@code 120}) or an HTTP date ({@code Wed, 21 Oct 2015
     * 07:28:00 GMT}), which is turned into a delay from {@code now}.
     *
     * @return the delay asked for (never negative), or empty when the header is absent or unreadable
     */
    public static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException notSeconds) {
            // fall through to the date form
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration left = Duration.between(now, at);
            return Optional.of(left.isNegative() ? Duration.ZERO : left);
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }
}

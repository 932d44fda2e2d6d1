package dev.overton.generator.sampling.openai;

import java.time.Duration;

/**
 * One attempt of a request that failed for a reason worth retrying: a 429, a 5xx, a timeout or a connection error.
 * The endpoint's guard retries it ({@link EndpointGuard}); its circuit breaker counts it only when the server is at
 * fault ({@code serverFault}: 5xx and no response, not a 429, which says the server is up and busy).
 *
 * @see CallFailed for a failure that is final
 */
final class AttemptFailed extends Exception {
    private static final long serialVersionUID = 1L;

    /** The {@code reason} tag of {@code overton.generation.request.retries}. */
    private final String kind;

    private final transient Duration retryAfter;
    private final boolean serverFault;

    private AttemptFailed(String reason, String kind, Duration retryAfter, boolean serverFault) {
        super(reason, null, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
        this.serverFault = serverFault;
    }

    /** A 429; {@code retryAfter} is the wait the server asked for, or {@code null}. */
    static AttemptFailed rateLimited(String reason, Duration retryAfter) {
        return new AttemptFailed(reason, "rate-limited", retryAfter, false);
    }

    /** A 5xx. */
    static AttemptFailed serverError(String reason) {
        return new AttemptFailed(reason, "server-error", null, true);
    }

    /** No response: a timeout or a connection error. */
    static AttemptFailed ioError(String reason) {
        return new AttemptFailed(reason, "io-error", null, true);
    }

    String kind() {
        return kind;
    }

    /** The wait the server asked for, or {@code null} when it asked for none. */
    Duration retryAfter() {
        return retryAfter;
    }

    boolean serverFault() {
        return serverFault;
    }
}

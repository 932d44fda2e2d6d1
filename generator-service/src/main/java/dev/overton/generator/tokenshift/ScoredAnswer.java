package dev.overton.generator.tokenshift;

import java.util.List;

import dev.overton.contracts.ScoredToken;

/**
 * What a backend returns for a {@link ScoringCall}: the answer's tokens, or why it could not score them. A failure is
 * a result (stored and published with its reason), not an exception, so that it is never retried forever nor turned
 * into zeros.
 *
 * @param tokens the answer's tokens in order; empty when failed
 * @param method how they were scored ({@link dev.overton.contracts.TokenScores#ECHO}, ...), or {@code null}
 * @param error why scoring failed, or {@code null}
 * @param latencyMs the model call's wall time, when known
 */
public record ScoredAnswer(List<ScoredToken> tokens, String method, String error, Long latencyMs) {

    /** Normalises missing tokens to an empty list. */
    public ScoredAnswer {
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }

    /** A scored answer. */
    public static ScoredAnswer of(List<ScoredToken> tokens, String method, Long latencyMs) {
        return new ScoredAnswer(tokens, method, null, latencyMs);
    }

    /** A failure with its reason. */
    public static ScoredAnswer failed(String method, String error) {
        return new ScoredAnswer(List.of(), method, error, null);
    }

    /** Whether scoring failed. */
    public boolean failed() {
        return error != null;
    }
}

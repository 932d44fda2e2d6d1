package dev.overton.scorer.tokenshift.messaging;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.overton.contracts.ScoredToken;
import dev.overton.contracts.TokenScoreRequest;
import dev.overton.contracts.TokenScores;
import dev.overton.contracts.TokenShiftSpec;
import dev.overton.metrics.tokenshift.RankedToken;
import dev.overton.scorer.tokenshift.TokenShiftSummary;

/**
 * Registers the types the token-shift feature reads and writes with Jackson by reflection (the scoring events, the
 * measure's spec and the tokens stored per answer, the REST summary), so that the native image handles them too; the
 * contracts and metrics modules are plain Java and cannot carry the annotation.
 */
@RegisterForReflection(
        targets = {
            TokenShiftSpec.class,
            TokenScoreRequest.class,
            TokenScores.class,
            ScoredToken.class,
            RankedToken.class,
            TokenShiftSummary.class,
            TokenShiftSummary.ContextSummary.class,
            TokenShiftSummary.Failure.class,
            TokenShiftSummary.Aggregate.class,
            TokenShiftSummary.Recovery.class,
            TokenShiftSummary.TokenCount.class,
            TokenShiftSummary.ExampleAnswer.class,
            TokenShiftSummary.ExampleToken.class
        })
public class TokenShiftReflectionRegistrations {}

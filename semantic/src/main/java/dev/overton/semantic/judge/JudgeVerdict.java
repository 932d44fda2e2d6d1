package dev.overton.semantic.judge;

import dev.overton.contracts.spec.Judgement;

/**
 * One parsed judge verdict, of whichever judgement. Sealed so that code deriving values from a verdict handles every
 * kind (a new judgement is a compile error there, not a silently ignored verdict).
 */
public sealed interface JudgeVerdict permits MissingInfoVerdict, QualityVerdict, TopicsVerdict, StanceVerdict {

    /** The judgement this verdict answers. */
    Judgement judgement();
}

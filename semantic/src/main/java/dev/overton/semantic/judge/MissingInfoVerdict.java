package dev.overton.semantic.judge;

import dev.overton.contracts.spec.Judgement;

/**
 * One missing-information judgment: how much information in the candidate (alternative) response is missing from the
 * reference, 1 (nothing new) to 5 (mostly new), with the judge's reason. Lower = the reference already covers the
 * candidate; the Overton reading.
 *
 * @param score 1–5
 * @param reason the judge's reason
 */
public record MissingInfoVerdict(int score, String reason) implements JudgeVerdict {

    public MissingInfoVerdict {
        if (score < 1 || score > 5) {
            throw new IllegalArgumentException("score must be 1-5, was " + score);
        }
    }

    @Override
    public Judgement judgement() {
        return Judgement.MISSING_INFO;
    }
}

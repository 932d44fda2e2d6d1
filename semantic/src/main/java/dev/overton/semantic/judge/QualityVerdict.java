package dev.overton.semantic.judge;

import java.util.Map;
import java.util.OptionalInt;

import dev.overton.contracts.spec.Judgement;

/**
 * One quality judgment of one response: per aspect a score 1–5, or empty for the judge's "N/A", and the judge's
 * reason. N/A is kept apart from the scores (not turned into 0 or 3) so that aggregates can leave it out.
 *
 * @param scores score per aspect; every aspect present, empty for N/A
 * @param reasons the judge's reason per aspect
 */
public record QualityVerdict(Map<QualityAspect, OptionalInt> scores, Map<QualityAspect, String> reasons)
        implements JudgeVerdict {

    public QualityVerdict {
        scores = Map.copyOf(scores);
        reasons = Map.copyOf(reasons);
        for (QualityAspect a : QualityAspect.values()) {
            if (!scores.containsKey(a) || !reasons.containsKey(a)) {
                throw new IllegalArgumentException("verdict lacks aspect " + a.json());
            }
        }
    }

    @Override
    public Judgement judgement() {
        return Judgement.QUALITY;
    }
}

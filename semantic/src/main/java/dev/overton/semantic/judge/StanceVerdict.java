package dev.overton.semantic.judge;

import java.util.Objects;

import dev.overton.contracts.spec.Judgement;

/**
 * One stance judgment of one answer to a contentious yes/no question (ConflictingQA), with the judge's reason.
 *
 * @param stance the label
 * @param reason the judge's reason
 */
public record StanceVerdict(Stance stance, String reason) implements JudgeVerdict {

    public StanceVerdict {
        Objects.requireNonNull(stance, "stance");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Judgement judgement() {
        return Judgement.STANCE;
    }
}

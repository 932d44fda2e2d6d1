package dev.overton.scorer.judge;

import java.util.Objects;

import dev.overton.contracts.spec.Judgement;

/**
 * What one judgment is about: a judgement of one sample of one variant for one prompt, and, for a pairwise judgement,
 * the reference variant whose sample 0 it is compared with.
 *
 * @param promptId the prompt
 * @param variant the judged (candidate) variant
 * @param sample the judged sample's index
 * @param judgement the judgement
 * @param reference the reference variant for a pairwise judgement, {@code null} otherwise
 */
public record JudgeTarget(String promptId, String variant, int sample, Judgement judgement, String reference) {

    public JudgeTarget {
        Objects.requireNonNull(promptId, "promptId");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(judgement, "judgement");
        if (judgement.pairwise() != (reference != null)) {
            throw new IllegalArgumentException("a " + judgement.wireName() + " judgment "
                    + (judgement.pairwise() ? "needs" : "takes no") + " reference");
        }
    }

    /**
     * The deterministic id of the request for this judgment: {@code judge/<judgement>@<version>/<run>/<prompt>/
     * <variant>/<sample>/<attempt>}. The same judgment always gets the same id, so a redelivered trigger never asks
     * twice (the generator answers a known id from its store).
     */
    public String requestId(String runId, String version, int attempt) {
        return "judge/" + judgement.wireName() + "@" + version + "/" + runId + "/" + promptId + "/" + variant + "/"
                + sample + "/" + attempt;
    }
}

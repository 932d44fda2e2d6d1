package dev.overton.contracts.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A judgement a run's LLM judge can make ({@code judge.judgements[]}), by its name in run specs, request purposes and
 * verdict files; docs/metrics.md (LLM judges) describes each. The one vocabulary of judgements: the run spec's checks
 * and the scorer's judge (through the semantic module, which depends on contracts) both use it.
 *
 * <p>Pairwise judgements compare a candidate response with the reference (aligned) variant's sample 0 of the same
 * prompt; the others look at one response.
 */
public enum Judgement {
    /** Pairwise: which information of the reference variant's answer a candidate sample misses. */
    MISSING_INFO("missing-info", true),
    /** Pairwise: which topics each of a candidate sample and the reference's answer covers. */
    TOPICS("topics", true),
    /** Sample 0 of each variant rated 1–5 on helpfulness, clarity, factuality, depth and engagement. */
    QUALITY("quality", false),
    /** The stance (yes, no, both, other) every sample takes. */
    STANCE("stance", false);

    private final String wireName;
    private final boolean pairwise;

    Judgement(String wireName, boolean pairwise) {
        this.wireName = wireName;
        this.pairwise = pairwise;
    }

    /** The name used in run specs and on the judge topics. */
    public String wireName() {
        return wireName;
    }

    /** Whether the judgement compares a candidate with the reference's sample 0. */
    public boolean pairwise() {
        return pairwise;
    }

    /** Every wire name, sorted (the order error messages list them in). */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Judgement::wireName).sorted().toList();
    }

    /** The judgement named {@code name}, if any. */
    public static Optional<Judgement> find(String name) {
        return Arrays.stream(values()).filter(j -> j.wireName.equals(name)).findFirst();
    }
}

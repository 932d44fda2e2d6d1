package dev.overton.contracts.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A judgement a run's LLM judge can make ({@code judge.judgements[]}); docs/metrics.md (LLM judges) describes each. */
public enum Judgement {
    /** Pairwise: which information of the reference variant's answer a candidate sample misses. */
    MISSING_INFO("missing-info"),
    /** Pairwise: which topics each of a candidate sample and the reference's answer covers. */
    TOPICS("topics"),
    /** Sample 0 of each variant rated 1–5 on helpfulness, clarity, factuality, depth and engagement. */
    QUALITY("quality"),
    /** The stance (yes, no, both, other) every sample takes. */
    STANCE("stance");

    private final String wireName;

    Judgement(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in run specs and on the judge topics. */
    public String wireName() {
        return wireName;
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

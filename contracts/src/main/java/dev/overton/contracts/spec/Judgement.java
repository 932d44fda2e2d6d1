package dev.overton.contracts.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A judgement a run's LLM judge can make ({@code judge.judgements[]}); docs/judge.md describes each. */
public enum Judgement {
    /** Which information of the reference answer a candidate answer misses. */
    MISSING_INFO("missing-info"),
    /** The topics an answer covers. */
    TOPICS("topics"),
    /** Pairwise quality of two answers. */
    QUALITY("quality"),
    /** The stance an answer takes. */
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

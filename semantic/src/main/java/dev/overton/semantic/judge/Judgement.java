package dev.overton.semantic.judge;

import java.util.Arrays;
import java.util.Optional;

/**
 * The four judgements an LLM judge makes, by their names in run specs, request purposes and verdict files.
 *
 * <p>Pairwise judgements compare a candidate response with the reference (aligned) variant's sample 0 of the same
 * prompt; the others look at one response.
 */
public enum Judgement {
    /** How much of the candidate's information is missing from the reference, 1–5. */
    MISSING_INFO("missing-info", true),
    /** The topics of the two responses, which response covers each (A, B, both) and how helpful each is, 1–5. */
    TOPICS("topics", true),
    /** Helpfulness, clarity, factuality, depth and engagement of one response, 1–5 or N/A. */
    QUALITY("quality", false),
    /** The stance of one answer to a yes/no question: yes, no, both or other. */
    STANCE("stance", false);

    private final String json;
    private final boolean pairwise;

    Judgement(String json, boolean pairwise) {
        this.json = json;
        this.pairwise = pairwise;
    }

    /** The name in run specs and purposes ({@code missing-info}, {@code topics}, {@code quality}, {@code stance}). */
    public String json() {
        return json;
    }

    /** Whether the judgement compares a candidate with the reference's sample 0. */
    public boolean pairwise() {
        return pairwise;
    }

    /** The judgement named {@code name}, if any. */
    public static Optional<Judgement> of(String name) {
        return Arrays.stream(values()).filter(j -> j.json.equals(name)).findFirst();
    }
}

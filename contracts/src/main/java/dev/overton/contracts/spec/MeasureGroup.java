package dev.overton.contracts.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A group of measures the scorer computes (docs/metrics.md). Vocabulary only for now: run specs do not select measure
 * groups yet, but their names are fixed here so that the future {@code measures} entry, the scorer and the report use
 * one spelling.
 */
public enum MeasureGroup {
    /** Token overlap between answers (pairwise Jaccard, ROUGE-L). */
    LEXICAL("lexical"),
    /** Diversity of a set of answers (compression ratio, n-gram diversity, ...). */
    DIVERSITY("diversity"),
    /** Sentence-embedding similarity. */
    EMBEDDING("embedding"),
    /** BERTScore matching. */
    BERTSCORE("bertscore"),
    /** Coverage of the reference's content. */
    COVERAGE("coverage");

    private final String wireName;

    MeasureGroup(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in run specs. */
    public String wireName() {
        return wireName;
    }

    /** Every wire name, in declaration order. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(MeasureGroup::wireName).toList();
    }

    /** The group named {@code name}, if any. */
    public static Optional<MeasureGroup> find(String name) {
        return Arrays.stream(values()).filter(g -> g.wireName.equals(name)).findFirst();
    }
}

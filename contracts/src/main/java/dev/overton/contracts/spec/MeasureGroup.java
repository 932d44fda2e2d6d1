package dev.overton.contracts.spec;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A group of measures the scorer computes (docs/metrics.md, "Measure groups"). A run spec's {@code measures} names the
 * groups the run wants ({@link MeasureRules}); the scorer computes only those, and the generator refuses a group no
 * scorer offers ({@link dev.overton.contracts.ScorerCapabilities}). Judges are not a group: they stay in the spec's
 * {@code judge}.
 */
public enum MeasureGroup {
    /** Token overlap between answers (pairwise Jaccard, pair ROUGE-L) and lengths. */
    LEXICAL("lexical"),
    /** Diversity of a set of answers (the diversity suite: distinct-n, self-BLEU, compression ratio, ...). */
    DIVERSITY("diversity"),
    /** Sentence-embedding diversity of a set and {@code pair_embedding_cosine}. */
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

    /**
     * The groups {@code wireNames} names, or every group when it is {@code null} (a spec that names none, or an event
     * from before run specs chose groups). Names no group has are skipped: specs are checked before they travel.
     */
    public static Set<MeasureGroup> selected(Collection<String> wireNames) {
        if (wireNames == null) {
            return EnumSet.allOf(MeasureGroup.class);
        }
        EnumSet<MeasureGroup> groups = EnumSet.noneOf(MeasureGroup.class);
        wireNames.forEach(n -> find(n).ifPresent(groups::add));
        return groups;
    }

    /** The wire names of {@code groups}, in declaration order. */
    public static List<String> wireNamesOf(Collection<MeasureGroup> groups) {
        return Arrays.stream(values())
                .filter(groups::contains)
                .map(MeasureGroup::wireName)
                .toList();
    }
}

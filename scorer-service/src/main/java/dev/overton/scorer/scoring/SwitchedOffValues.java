package dev.overton.scorer.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.overton.contracts.Sample;
import dev.overton.contracts.ScoreValue;
import dev.overton.contracts.spec.MeasureGroup;
import dev.overton.semantic.coverage.CoverageReport;
import dev.overton.semantic.diversity.EmbeddingDiversity;

/**
 * The values of model-based groups a run asked for by name while this scorer has them switched off: each stored
 * undefined, with the reason and the setting that switches them on, so that the run shows why they are missing instead
 * of silently lacking them. (The generator refuses such a run at {@code POST /runs} once it has heard from the scorers
 * on {@code scorer-capabilities}; this covers a run accepted before that.) Plain Java.
 */
public final class SwitchedOffValues {

    /** Stored as the settings of a value that was not computed. */
    static final String SETTINGS = "not-computed";

    private SwitchedOffValues() {}

    /** Why a value of {@code group} is undefined when the group is switched off. */
    public static String reason(MeasureGroup group) {
        return "measure group '" + group.wireName() + "' is switched off in this scorer's configuration; set "
                + SemanticScoring.ENABLE_SETTING + " to compute it";
    }

    /** The set values of {@code groups} (only {@link MeasureGroup#EMBEDDING} has any), undefined. */
    public static List<ScoreValue> setValues(Set<MeasureGroup> groups) {
        if (!groups.contains(MeasureGroup.EMBEDDING)) {
            return List.of();
        }
        String reason = reason(MeasureGroup.EMBEDDING);
        return List.of(
                        EmbeddingDiversity.MEAN_COSINE,
                        EmbeddingDiversity.REMOTE_CLIQUE,
                        EmbeddingDiversity.CHAMFER,
                        EmbeddingDiversity.VENDI)
                .stream()
                .map(metric -> new ScoreValue(metric, null, null, null, reason, SETTINGS))
                .toList();
    }

    /**
     * The pair values of {@code groups} that {@link SemanticScorer#pairValues} would compute for these candidates,
     * undefined.
     */
    public static List<ScoreValue> pairValues(
            String referenceVariant,
            Sample referenceSample0,
            List<Sample> candidates,
            boolean candidateIsReference,
            Set<MeasureGroup> groups) {
        List<ScoreValue> values = new ArrayList<>();
        for (Sample candidate : candidates) {
            if (candidateIsReference && candidate.index() == referenceSample0.index()) {
                continue;
            }
            if (groups.contains(MeasureGroup.BERTSCORE)) {
                String reason = reason(MeasureGroup.BERTSCORE);
                for (String metric : List.of(
                        SemanticScorer.BERTSCORE_PRECISION,
                        SemanticScorer.BERTSCORE_RECALL,
                        SemanticScorer.BERTSCORE_F1)) {
                    values.add(new ScoreValue(metric, candidate.index(), referenceVariant, null, reason, SETTINGS));
                }
            }
            if (groups.contains(MeasureGroup.EMBEDDING)) {
                values.add(new ScoreValue(
                        SemanticScorer.PAIR_EMBEDDING_COSINE,
                        candidate.index(),
                        referenceVariant,
                        null,
                        reason(MeasureGroup.EMBEDDING),
                        SETTINGS));
            }
        }
        if (!candidateIsReference && groups.contains(MeasureGroup.COVERAGE)) {
            String reason = reason(MeasureGroup.COVERAGE);
            values.add(new ScoreValue(CoverageReport.ALIGNED, null, referenceVariant, null, reason, SETTINGS));
            values.add(new ScoreValue(CoverageReport.BASE_SELF, null, referenceVariant, null, reason, SETTINGS));
        }
        return values;
    }
}

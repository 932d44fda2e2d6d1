package dev.overton.scorer.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.overton.contracts.JudgeSpec;
import dev.overton.contracts.Sample;
import dev.overton.contracts.spec.Judgement;

/**
 * Which judgments a prompt's stored sample sets call for, with the texts each needs. Plain Java: the same sets always
 * give the same plan, whatever order they arrived in, so the scorer can re-plan a prompt on every arrival and only send
 * what is new.
 *
 * <ul>
 *   <li><b>missing-info</b> and <b>topics</b> (pairwise): every non-reference variant's samples with index &lt; {@code
 *       spec.samples} (all when 0) against the reference variant's sample 0; the reference variant's own samples 1 ..
 *       (same bound) against its sample 0, the aligned-vs-aligned ceiling, never sample 0 against itself. Needs the
 *       reference set.
 *   <li><b>quality</b>: sample 0 of every variant (the paper's quality figure is on sample 0).
 *   <li><b>stance</b>: every sample of every variant.
 * </ul>
 */
public final class JudgePlanner {

    private JudgePlanner() {}

    /**
     * One stored, generated sample set.
     *
     * @param variant the variant
     * @param reference whether it is the run's reference variant
     * @param samples its samples, in index order
     */
    public record VariantSet(String variant, boolean reference, List<Sample> samples) {}

    /**
     * One planned judgment.
     *
     * @param target what is judged
     * @param texts the prompt's placeholder values ({@code question} and {@code response}, or {@code question}, {@code
     *     reference} and {@code candidate})
     */
    public record Planned(JudgeTarget target, Map<String, String> texts) {}

    /**
     * The judgments for one prompt.
     *
     * @param spec the run's judge
     * @param promptId the prompt
     * @param question the prompt's question (its last user message)
     * @param sets the prompt's stored, generated sets
     */
    public static List<Planned> plan(JudgeSpec spec, String promptId, String question, List<VariantSet> sets) {
        List<Planned> planned = new ArrayList<>();
        int bound = spec.samples() <= 0 ? Integer.MAX_VALUE : spec.samples();
        VariantSet referenceSet =
                sets.stream().filter(VariantSet::reference).findFirst().orElse(null);
        Sample reference0 = referenceSet == null
                ? null
                : referenceSet.samples().stream()
                        .filter(s -> s.index() == 0)
                        .findFirst()
                        .orElse(null);
        for (String name : spec.judgements()) {
            Judgement judgement = Judgement.find(name).orElse(null);
            if (judgement == null) {
                continue; // refused when the run was stored; nothing to plan
            }
            for (VariantSet set : sets) {
                for (Sample sample : set.samples()) {
                    switch (judgement) {
                        case MISSING_INFO, TOPICS -> {
                            if (reference0 == null
                                    || sample.index() >= bound
                                    || (set.reference() && sample.index() == 0)) {
                                continue;
                            }
                            planned.add(new Planned(
                                    new JudgeTarget(
                                            promptId, set.variant(), sample.index(), judgement, referenceSet.variant()),
                                    Map.of(
                                            "question", question,
                                            "reference", reference0.text(),
                                            "candidate", sample.text())));
                        }
                        case QUALITY -> {
                            if (sample.index() == 0) {
                                planned.add(new Planned(
                                        new JudgeTarget(promptId, set.variant(), 0, judgement, null),
                                        Map.of("question", question, "response", sample.text())));
                            }
                        }
                        case STANCE ->
                            planned.add(new Planned(
                                    new JudgeTarget(promptId, set.variant(), sample.index(), judgement, null),
                                    Map.of("question", question, "response", sample.text())));
                    }
                }
            }
        }
        return planned;
    }
}

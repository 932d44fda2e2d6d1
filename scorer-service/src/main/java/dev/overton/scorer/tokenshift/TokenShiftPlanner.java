package dev.overton.scorer.tokenshift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.overton.contracts.Sample;
import dev.overton.contracts.TokenScoreRequest;
import dev.overton.contracts.TokenShiftSpec;

/**
 * Decides, for one prompt of a run with a token-shift measure, which answers are scored under which contexts from what
 * the scorer has stored so far. Plain Java; called whenever an input arrives (the run's spec, the reference's set, an
 * in-context prompt, an in-context set), so the outcome must depend only on what is there, never on arrival order:
 *
 * <ul>
 *   <li>nothing before the reference's set is stored (or when it failed: there is no answer to score);
 *   <li>the first {@code samples} answers by index; an empty answer is not sent (a server cannot score nothing) but
 *       settled at once, its values undefined with {@code the answer has no tokens};
 *   <li>{@value TokenShiftSpec#PLAIN}: scored once the prompt's text is known (the generator frames it);
 *   <li>an icl context: scored once that icl variant's rendered prompt for the prompt is known; when icl-service could
 *       not render one (its set for the prompt arrived failed without a rendered prompt) the answer is settled as
 *       failed with icl-service's reason.
 * </ul>
 */
public final class TokenShiftPlanner {

    private TokenShiftPlanner() {}

    /**
     * What one prompt has stored.
     *
     * @param promptId the prompt
     * @param referenceSamples the reference's answers in index order, or {@code null} when its set is not stored (or
     *     failed)
     * @param promptKnown whether the prompt's text is stored (needed by {@value TokenShiftSpec#PLAIN})
     * @param rendered per icl variant, its rendered prompt for this prompt
     * @param failedSets per variant whose set for this prompt failed, the set's error
     */
    public record Inputs(
            String promptId,
            List<Sample> referenceSamples,
            boolean promptKnown,
            Map<String, String> rendered,
            Map<String, String> failedSets) {}

    /**
     * One scoring to ask the generator for.
     *
     * @param requestId its deterministic id ({@link TokenScoreRequest#idOf})
     * @param sample the answer
     * @param context the context's name
     * @param renderedContext the icl prompt, or {@code null} for {@value TokenShiftSpec#PLAIN}
     */
    public record Scoring(String requestId, Sample sample, String context, String renderedContext) {}

    /**
     * An answer settled without a model call.
     *
     * @param sample the answer
     * @param context the context's name
     * @param reason why it has no scores ({@code null} for an empty answer: its values say why)
     */
    public record Settled(Sample sample, String context, String reason) {

        /** Whether the answer is empty (rather than unscorable in this context). */
        public boolean empty() {
            return reason == null;
        }
    }

    /**
     * The plan of one prompt.
     *
     * @param scorings what to ask for
     * @param settled what needs no call
     */
    public record Plan(List<Scoring> scorings, List<Settled> settled) {}

    /** The plan of {@code in} for the run {@code runId} with the measure {@code spec}. */
    public static Plan plan(String runId, TokenShiftSpec spec, String reference, Inputs in) {
        List<Scoring> scorings = new ArrayList<>();
        List<Settled> settled = new ArrayList<>();
        if (in.referenceSamples() == null) {
            return new Plan(scorings, settled);
        }
        for (Sample sample : in.referenceSamples()) {
            if (sample.index() >= spec.samples()) {
                continue;
            }
            for (String context : spec.contexts()) {
                if (sample.text() == null || sample.text().isEmpty()) {
                    settled.add(new Settled(sample, context, null));
                    continue;
                }
                String id = TokenScoreRequest.idOf(runId, in.promptId(), reference, sample.index(), context);
                if (TokenShiftSpec.PLAIN.equals(context)) {
                    if (in.promptKnown()) {
                        scorings.add(new Scoring(id, sample, context, null));
                    }
                    continue;
                }
                String rendered = in.rendered().get(context);
                if (rendered != null) {
                    scorings.add(new Scoring(id, sample, context, rendered));
                } else if (in.failedSets().containsKey(context)) {
                    settled.add(new Settled(
                            sample,
                            context,
                            "no rendered in-context prompt for context '" + context + "': icl-service could not build"
                                    + " it (" + in.failedSets().get(context) + ")"));
                }
            }
        }
        return new Plan(scorings, settled);
    }
}

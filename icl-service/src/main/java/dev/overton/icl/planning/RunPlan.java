package dev.overton.icl.planning;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.overton.icl.hints.persistence.SummaryStore.Counts;

/**
 * The body of {@code GET /runs/{id}/plan}: what icl-service plans to do for a run, the inputs it has received and each
 * in-context variant's progress (docs/api.md shows an example).
 *
 * @param runId the run
 * @param name the run's name
 * @param reference the reference (aligned) variant
 * @param variants the run's variants
 * @param prompts the run's prompt count
 * @param plan the plan in words
 * @param teacherSetsReceived sample sets of the reference variant received
 * @param promptsReceived prompts received
 * @param iclProblems why icl entries of the spec cannot be built, one message each
 * @param summaries summaries asked of summarizer models, over all entries
 * @param icl per in-context variant, its settings and progress
 */
public record RunPlan(
        String runId,
        String name,
        String reference,
        List<String> variants,
        int prompts,
        String plan,
        long teacherSetsReceived,
        long promptsReceived,
        List<String> iclProblems,
        Counts summaries,
        List<IclProgress> icl) {

    /**
     * One in-context variant of the plan. The settings' fields are present only for a {@code valid} entry.
     *
     * @param variant the variant's name
     * @param base the base variant it prompts
     * @param examples the example selection
     * @param k examples per prompt
     * @param hint the hint mode ({@code none} when the spec names none)
     * @param valid whether the entry could be read into settings
     * @param settings the settings of a valid entry, written inline; absent for an invalid one
     * @param selection the example selections recorded on its requests
     * @param promptsBuilt prompts built (sent or waiting to be sent)
     * @param requestsSent generation requests sent
     * @param failed prompts that failed
     * @param droppedExamples examples dropped to fit the context window
     * @param promptsWithDroppedExamples prompts that dropped at least one example
     * @param status {@link #status}
     */
    public record IclProgress(
            String variant,
            String base,
            String examples,
            int k,
            String hint,
            boolean valid,
            @JsonUnwrapped Settings settings,
            List<String> selection,
            long promptsBuilt,
            long requestsSent,
            long failed,
            long droppedExamples,
            long promptsWithDroppedExamples,
            String status) {

        /**
         * The variant's status: {@code invalid} (its entry could not be read), {@code sent} (every prompt sent or
         * failed), {@code sending} (some built, sent or failed) or {@code waiting} (none yet).
         */
        public static String status(boolean valid, long sent, long built, long failed, long prompts) {
            if (!valid) {
                return "invalid";
            }
            if (sent + failed >= prompts) {
                return "sent";
            }
            return sent + built + failed > 0 ? "sending" : "waiting";
        }
    }

    /**
     * The settings of a valid in-context entry.
     *
     * @param seed the selection seed
     * @param contextWindow the context window, in tokens
     * @param maxNewTokens tokens reserved for the answer
     * @param samples samples per prompt
     * @param embedder the embedder of a k-nearest selection, or {@code null}
     * @param summaryHint where the summary hints come from
     * @param summarizer the summarizer model, written inline; absent when there is none
     */
    public record Settings(
            long seed,
            int contextWindow,
            int maxNewTokens,
            int samples,
            String embedder,
            String summaryHint,
            @JsonUnwrapped SummarizerProgress summarizer) {}

    /**
     * The summarizer model of an entry and its summaries.
     *
     * @param summarizer the summarizer, described
     * @param summarizerModel its model
     * @param summaries summaries asked of it
     */
    public record SummarizerProgress(String summarizer, String summarizerModel, Counts summaries) {}
}

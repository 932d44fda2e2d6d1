package dev.overton.scorer.judge;

import java.util.List;

import dev.overton.scorer.judge.persistence.JudgeRunStore;
import dev.overton.scorer.judge.persistence.JudgeVerdictStore;

/**
 * A run's LLM judge as served by {@code GET /runs/{id}/judge}: whether it runs live, was replayed or refused (and
 * why), how many requests were recorded and sent, and its verdicts counted by judgement, attempt and status.
 *
 * @param runId the run
 * @param status {@code live}, {@code replayed} or {@code refused}
 * @param error why it was refused, or {@code null}
 * @param reference the run's reference variant
 * @param backend the judge's backend
 * @param model the judge's model
 * @param judgements the judgements it makes
 * @param samples samples judged per prompt and candidate variant
 * @param requests requests recorded and sent
 * @param verdicts verdict counts
 */
public record JudgeState(
        String runId,
        String status,
        String error,
        String reference,
        String backend,
        String model,
        List<String> judgements,
        int samples,
        Requests requests,
        List<VerdictCount> verdicts) {

    /**
     * Judge requests of the run.
     *
     * @param recorded requests recorded
     * @param sent requests sent to the generator
     */
    public record Requests(long recorded, long sent) {}

    /**
     * Verdicts of one judgement, attempt and status.
     *
     * @param judgement the judgement
     * @param attempt 1, or 2 for the repair
     * @param status the verdicts' status
     * @param count how many
     */
    public record VerdictCount(String judgement, int attempt, String status, long count) {}

    /** The state of {@code run} with its request counts ({@code [recorded, sent]}) and verdict counts. */
    public static JudgeState of(
            JudgeRunStore.JudgeRun run, long[] requests, List<JudgeVerdictStore.VerdictCount> counts) {
        return new JudgeState(
                run.runId(),
                run.status(),
                run.error(),
                run.reference(),
                run.spec().backend(),
                run.spec().model(),
                run.spec().judgements(),
                run.spec().samples(),
                new Requests(requests[0], requests[1]),
                counts.stream()
                        .map(c -> new VerdictCount(c.judgement(), c.attempt(), c.status(), c.count()))
                        .toList());
    }
}

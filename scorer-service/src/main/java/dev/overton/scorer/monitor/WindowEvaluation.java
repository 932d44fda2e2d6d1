package dev.overton.scorer.monitor;

import java.util.List;

import dev.overton.metrics.stats.BootstrapInterval;

/**
 * What evaluating one window found, written once ({@code MonitorStore#record}): the window's scores and, when it was
 * compared with a baseline, its findings.
 *
 * @param monitorId the monitor's id
 * @param monitorName the monitor's name
 * @param window the window's number
 * @param runId the window's run
 * @param baselineRunId the run it was compared with, or {@code null} when it was not compared
 * @param scores per variant and metric, the window's mean and interval
 * @param findings per alarm metric and variant, the comparison with the baseline (empty when not compared)
 */
public record WindowEvaluation(
        String monitorId,
        String monitorName,
        int window,
        String runId,
        String baselineRunId,
        List<Score> scores,
        List<AlarmDecision.Finding> findings) {

    /** Copies the lists. */
    public WindowEvaluation {
        scores = List.copyOf(scores);
        findings = List.copyOf(findings);
    }

    /**
     * One metric of one variant of the window.
     *
     * @param variant the variant
     * @param metric the metric
     * @param estimate mean over prompts, 95% bootstrap interval (NaN bounds with one prompt), prompts
     */
    public record Score(String variant, String metric, BootstrapInterval.Estimate estimate) {}
}

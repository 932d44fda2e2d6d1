package dev.overton.scorer.judge;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.overton.contracts.spec.Judgement;

/**
 * Counters of the LLM judges, tagged by judgement (four values) and outcome only, never by run or prompt:
 *
 * <ul>
 *   <li>{@code overton_judge_requests_total{judgement, attempt="first|repair"}} — requests handed to the broker
 *       (a request re-sent after a failed send counts again);
 *   <li>{@code overton_judge_verdicts_total{judgement, status="parsed|invalid|failed", source="model|replay"}} —
 *       verdicts stored, each counted once however often its completion is redelivered;
 *   <li>{@code overton_judge_repairs_total{judgement}} — invalid first answers that got a repair request;
 *   <li>{@code overton_judge_failures_total{judgement, cause="model-call|invalid-output"}} — judgments of a live judge
 *       that ended without a verdict (the alert {@code OvertonJudgeFailures} watches it). Released lines that do not
 *       parse are counted as {@code failed} verdicts with {@code source="replay"} only: no model call failed.
 * </ul>
 */
@Singleton
public class JudgeMetrics {

    private final MeterRegistry registry;

    public JudgeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A request was handed to the broker. */
    public void requestSent(Judgement judgement, int attempt) {
        Counter.builder("overton.judge.requests")
                .description("Judge requests sent to the generator, by judgement and attempt (first or repair)")
                .tag("judgement", judgement.wireName())
                .tag("attempt", attempt == 1 ? "first" : "repair")
                .register(registry)
                .increment();
    }

    /** A verdict was stored for the first time. */
    public void verdictStored(Judgement judgement, String status, String source) {
        Counter.builder("overton.judge.verdicts")
                .description("Judge verdicts stored, by judgement, status (parsed, invalid, failed) and source")
                .tag("judgement", judgement.wireName())
                .tag("status", status)
                .tag("source", source)
                .register(registry)
                .increment();
    }

    /** An invalid first answer got a repair request. */
    public void repairRequested(Judgement judgement) {
        Counter.builder("overton.judge.repairs")
                .description("Invalid first judge answers that got one repair request")
                .tag("judgement", judgement.wireName())
                .register(registry)
                .increment();
    }

    /** A live judgment ended without a verdict. */
    public void failed(Judgement judgement, String cause) {
        Counter.builder("overton.judge.failures")
                .description("Live judgments that ended without a verdict (model call failed, or invalid after repair)")
                .tag("judgement", judgement.wireName())
                .tag("cause", cause)
                .register(registry)
                .increment();
    }
}

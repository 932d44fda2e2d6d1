package dev.overton.scorer.judge.messaging;

import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.Completion;
import dev.overton.contracts.spec.Judgement;
import dev.overton.scorer.judge.JudgeMetrics;
import dev.overton.scorer.judge.JudgeTarget;
import dev.overton.scorer.judge.JudgeValues;
import dev.overton.scorer.judge.persistence.JudgeRequestStore;
import dev.overton.scorer.judge.persistence.JudgeRunStore;
import dev.overton.scorer.judge.persistence.JudgeVerdictStore;
import dev.overton.semantic.judge.JudgeVerdict;
import dev.overton.semantic.judge.JudgeVerdictException;
import dev.overton.semantic.judge.JudgeVerdicts;
import dev.overton.semantic.judge.StanceVerdict;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

/**
 * Consumes the generator's answers to judge requests ({@code completions} of purpose {@code judge:*}; other purposes
 * belong to other services and are skipped). Each answer is parsed strictly ({@link JudgeVerdicts#parseText}) and stored
 * as a verdict row, then:
 *
 * <ul>
 *   <li>a valid verdict becomes score values ({@link JudgeValues});
 *   <li>an invalid first answer gets exactly one repair request (attempt 2);
 *   <li>an invalid repaired answer, or a failed model call, is stored as a failed verdict with the reason and the raw
 *       text, and its values are stored undefined with the reason: nothing is dropped.
 * </ul>
 *
 * A redelivered completion finds its verdict stored: the metrics do not count it again, and the follow-up work (values,
 * repair request) is repeated idempotently, so a crash between the verdict and its follow-up loses nothing.
 */
@ApplicationScoped
public class CompletionsConsumer {

    static final String CHANNEL = "completions-in";
    private static final Logger LOG = Logger.getLogger(CompletionsConsumer.class);

    private final JudgeRunStore runs;
    private final JudgeRequestStore requestStore;
    private final JudgeVerdictStore verdicts;
    private final JudgeRequests requests;
    private final JudgeMetrics metrics;
    private final ConsumerMetrics consumerMetrics;

    public CompletionsConsumer(
            JudgeRunStore runs,
            JudgeRequestStore requestStore,
            JudgeVerdictStore verdicts,
            JudgeRequests requests,
            JudgeMetrics metrics,
            ConsumerMetrics consumerMetrics) {
        this.runs = runs;
        this.requestStore = requestStore;
        this.verdicts = verdicts;
        this.requests = requests;
        this.metrics = metrics;
        this.consumerMetrics = consumerMetrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        return InboundRecords.handle(CHANNEL, json, Completion.class, consumerMetrics, LOG, this::handle);
    }

    private Uni<Void> handle(Completion completion) {
        if (!completion.purpose().startsWith(JudgeRequests.PURPOSE_PREFIX)) {
            return Uni.createFrom().voidItem();
        }
        return requestStore.request(completion.requestId()).chain(request -> {
            if (request == null) {
                LOG.warnf(
                        "completion %s answers no judge request this scorer recorded (another deployment's, or its"
                                + " run was deleted); skipped",
                        completion.requestId());
                return Uni.createFrom().voidItem();
            }
            return runs.run(request.runId()).chain(run -> {
                if (run == null) {
                    LOG.warnf(
                            "completion %s: run %s has no judge stored; skipped",
                            completion.requestId(), request.runId());
                    return Uni.createFrom().voidItem();
                }
                return record(run, request, completion);
            });
        });
    }

    private Uni<Void> record(JudgeRunStore.JudgeRun run, JudgeRequestStore.Request request, Completion completion) {
        Judgement judgement = request.target().judgement();
        String status;
        String error = null;
        JudgeVerdict verdict = null;
        String cause = null;
        if (completion.failed()) {
            status = JudgeVerdictStore.FAILED;
            error = "the judge call failed: " + (completion.error() == null ? "no reason given" : completion.error());
            cause = "model-call";
        } else {
            try {
                verdict = JudgeVerdicts.parseText(judgement, completion.text());
                status = JudgeVerdictStore.PARSED;
            } catch (JudgeVerdictException e) {
                if (request.attempt() == 1) {
                    status = JudgeVerdictStore.INVALID;
                    error = e.detail();
                } else {
                    status = JudgeVerdictStore.FAILED;
                    error = "still invalid after one repair: " + e.detail();
                    cause = "invalid-output";
                }
            }
        }
        JudgeVerdictStore.Verdict row = new JudgeVerdictStore.Verdict(
                run.runId(),
                request.target(),
                request.version(),
                request.attempt(),
                status,
                "model",
                request.requestId(),
                completion.model() != null ? completion.model() : run.spec().model(),
                completion.text(),
                verdict == null ? null : completion.text(),
                error);
        String finalStatus = status;
        String finalError = error;
        String finalCause = cause;
        JudgeVerdict finalVerdict = verdict;
        return verdicts.storeVerdict(row)
                .invoke(isNew -> {
                    if (isNew) {
                        count(judgement, finalStatus, finalCause);
                    }
                })
                .chain(isNew -> followUp(run, request, completion, finalStatus, finalVerdict, finalError));
    }

    private void count(Judgement judgement, String status, String cause) {
        metrics.verdictStored(judgement, status, "model");
        if (JudgeVerdictStore.INVALID.equals(status)) {
            metrics.repairRequested(judgement);
        }
        if (cause != null) {
            metrics.failed(judgement, cause);
        }
    }

    private Uni<Void> followUp(
            JudgeRunStore.JudgeRun run,
            JudgeRequestStore.Request request,
            Completion completion,
            String status,
            JudgeVerdict verdict,
            String error) {
        JudgeTarget target = request.target();
        String settings = JudgeValues.settings(
                target.judgement(),
                run.spec().backend() + ":" + run.spec().model(),
                requests.prompt(target.judgement(), request.version()).label());
        if (JudgeVerdictStore.INVALID.equals(status)) {
            return requests.requestRepair(run, request, completion.text(), error);
        }
        if (target.judgement() == Judgement.STANCE) {
            return stanceShares(run.runId(), target, request.version(), settings);
        }
        return verdicts.storeValues(List.of(new JudgeVerdictStore.PromptValues(
                run.runId(),
                target.promptId(),
                target.variant(),
                verdict != null
                        ? JudgeValues.of(target, verdict, settings)
                        : JudgeValues.undefined(target, error, settings))));
    }

    /**
     * Stores the set's stance shares once every sample of the set has a final verdict. Verdicts of one set arrive on
     * different partitions; each arrival checks after its own write, so the last one to be stored sees them all.
     */
    private Uni<Void> stanceShares(String runId, JudgeTarget target, String version, String settings) {
        return runs.sampleCount(runId, target.promptId(), target.variant())
                .chain(expected -> verdicts.finalVerdicts(
                                runId, target.promptId(), target.variant(), Judgement.STANCE, version)
                        .chain(finals -> {
                            if (expected == 0 || finals.size() < expected) {
                                return Uni.createFrom().voidItem();
                            }
                            List<StanceVerdict> parsed = new ArrayList<>();
                            int failed = 0;
                            for (JudgeVerdictStore.FinalVerdict f : finals) {
                                if (JudgeVerdictStore.PARSED.equals(f.status())) {
                                    parsed.add(
                                            (StanceVerdict) JudgeVerdicts.parseText(Judgement.STANCE, f.verdictJson()));
                                } else {
                                    failed++;
                                }
                            }
                            return verdicts.storeValues(List.of(new JudgeVerdictStore.PromptValues(
                                    runId,
                                    target.promptId(),
                                    target.variant(),
                                    JudgeValues.stanceShares(parsed, failed, settings))));
                        }));
    }
}

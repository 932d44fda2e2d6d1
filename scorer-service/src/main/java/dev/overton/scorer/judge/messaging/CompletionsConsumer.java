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
import dev.overton.scorer.judge.persistence.JudgeStore;
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

    private final JudgeStore store;
    private final JudgeRequests requests;
    private final JudgeMetrics metrics;
    private final ConsumerMetrics consumerMetrics;

    public CompletionsConsumer(
            JudgeStore store, JudgeRequests requests, JudgeMetrics metrics, ConsumerMetrics consumerMetrics) {
        this.store = store;
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
        return store.request(completion.requestId()).chain(request -> {
            if (request == null) {
                LOG.warnf(
                        "completion %s answers no judge request this scorer recorded (another deployment's, or its"
                                + " run was deleted); skipped",
                        completion.requestId());
                return Uni.createFrom().voidItem();
            }
            return store.run(request.runId()).chain(run -> {
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

    private Uni<Void> record(JudgeStore.JudgeRun run, JudgeStore.Request request, Completion completion) {
        Judgement judgement = request.target().judgement();
        String status;
        String error = null;
        JudgeVerdict verdict = null;
        String cause = null;
        if (completion.failed()) {
            status = JudgeStore.FAILED;
            error = "the judge call failed: " + (completion.error() == null ? "no reason given" : completion.error());
            cause = "model-call";
        } else {
            try {
                verdict = JudgeVerdicts.parseText(judgement, completion.text());
                status = JudgeStore.PARSED;
            } catch (JudgeVerdictException e) {
                if (request.attempt() == 1) {
                    status = JudgeStore.INVALID;
                    error = e.detail();
                } else {
                    status = JudgeStore.FAILED;
                    error = "still invalid after one repair: " + e.detail();
                    cause = "invalid-output";
                }
            }
        }
        JudgeStore.Verdict row = new JudgeStore.Verdict(
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
        return store.storeVerdict(row)
                .invoke(isNew -> {
                    if (isNew) {
                        count(judgement, finalStatus, finalCause);
                    }
                })
                .chain(isNew -> followUp(run, request, completion, finalStatus, finalVerdict, finalError));
    }

    private void count(Judgement judgement, String status, String cause) {
        metrics.verdictStored(judgement, status, "model");
        if (JudgeStore.INVALID.equals(status)) {
            metrics.repairRequested(judgement);
        }
        if (cause != null) {
            metrics.failed(judgement, cause);
        }
    }

    private Uni<Void> followUp(
            JudgeStore.JudgeRun run,
            JudgeStore.Request request,
            Completion completion,
            String status,
            JudgeVerdict verdict,
            String error) {
        JudgeTarget target = request.target();
        String settings = JudgeValues.settings(
                target.judgement(),
                run.spec().backend() + ":" + run.spec().model(),
                requests.prompt(target.judgement(), request.version()).label());
        if (JudgeStore.INVALID.equals(status)) {
            return requests.requestRepair(run, request, completion.text(), error);
        }
        if (target.judgement() == Judgement.STANCE) {
            return stanceShares(run.runId(), target, request.version(), settings);
        }
        return store.storeValues(List.of(new JudgeStore.PromptValues(
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
        return store.sampleCount(runId, target.promptId(), target.variant())
                .chain(expected -> store.finalVerdicts(
                                runId, target.promptId(), target.variant(), Judgement.STANCE, version)
                        .chain(finals -> {
                            if (expected == 0 || finals.size() < expected) {
                                return Uni.createFrom().voidItem();
                            }
                            List<StanceVerdict> parsed = new ArrayList<>();
                            int failed = 0;
                            for (JudgeStore.FinalVerdict f : finals) {
                                if (JudgeStore.PARSED.equals(f.status())) {
                                    parsed.add(
                                            (StanceVerdict) JudgeVerdicts.parseText(Judgement.STANCE, f.verdictJson()));
                                } else {
                                    failed++;
                                }
                            }
                            return store.storeValues(List.of(new JudgeStore.PromptValues(
                                    runId,
                                    target.promptId(),
                                    target.variant(),
                                    JudgeValues.stanceShares(parsed, failed, settings))));
                        }));
    }
}

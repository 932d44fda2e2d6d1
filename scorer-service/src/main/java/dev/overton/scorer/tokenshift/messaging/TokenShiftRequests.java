package dev.overton.scorer.tokenshift.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.RunCreated;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.TokenScoreRequest;
import dev.overton.contracts.TokenShiftSpec;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.scorer.judge.persistence.JudgeRunStore;
import dev.overton.scorer.scoring.persistence.SampleSetBatchStore;
import dev.overton.scorer.tokenshift.TokenShiftMetrics;
import dev.overton.scorer.tokenshift.TokenShiftPlanner;
import dev.overton.scorer.tokenshift.TokenShiftValues;
import dev.overton.scorer.tokenshift.persistence.TokenShiftStore;
import dev.overton.support.log.LogSafe;
import dev.overton.support.messaging.KeyedMessages;
import dev.overton.support.reactive.InOrder;

/**
 * Asks the generator to score the reference's answers token by token: plans a prompt from what is stored ({@link
 * TokenShiftPlanner}), records the requests and publishes on {@code token-score-requests} those not sent yet; answers
 * that need no call (empty, or an icl context icl-service could not render) are settled at once. Called whenever an
 * input arrives — the run's measure, a sample set, a prompt's text or rendered in-context prompt — in whatever order; a
 * scoring already asked is never asked again (deterministic request ids, recorded before they are sent).
 */
@ApplicationScoped
public class TokenShiftRequests {

    /** Outgoing channel of the scoring requests. */
    public static final String CHANNEL = "token-score-requests-out";

    private static final Logger LOG = Logger.getLogger(TokenShiftRequests.class);

    private final TokenShiftStore store;
    private final JudgeRunStore prompts;
    private final SampleSetBatchStore scores;
    private final MutinyEmitter<String> requests;
    private final TokenShiftMetrics metrics;

    public TokenShiftRequests(
            TokenShiftStore store,
            JudgeRunStore prompts,
            SampleSetBatchStore scores,
            @Channel(CHANNEL) MutinyEmitter<String> requests,
            TokenShiftMetrics metrics) {
        this.store = store;
        this.prompts = prompts;
        this.scores = scores;
        this.requests = requests;
        this.metrics = metrics;
    }

    /**
     * Stores the token-shift measure of a run record, then plans every prompt whose sets are already stored (the run
     * record may arrive after them). A run without the measure is skipped. The spec was checked at {@code POST /runs}
     * ({@link dev.overton.contracts.spec.TokenShiftRules} and the base backend's own check); a run whose base variant is
     * missing from its spec (a record no generator would publish) is logged and skipped.
     */
    public Uni<Void> startRun(RunCreated run) {
        TokenShiftSpec spec = run.spec().tokenShift();
        if (spec == null) {
            return Uni.createFrom().voidItem();
        }
        if (spec.reference() == null) {
            spec = new TokenShiftSpec(
                    spec.base(), run.spec().reference(), spec.samples(), spec.topK(), spec.contexts());
        }
        VariantSpec base = run.spec().variant(spec.base());
        if (base == null) {
            LOG.warnf(
                    "run %s: tokenShift.base %s is not a variant of the run; skipped",
                    LogSafe.quote(run.runId()), LogSafe.quote(spec.base()));
            return Uni.createFrom().voidItem();
        }
        return store.storeRun(run.runId(), spec, base).chain(() -> planRun(run.runId()));
    }

    /** Plans every prompt of the run that has sample sets stored. */
    public Uni<Void> planRun(String runId) {
        return prompts.promptsWithSets(runId).chain(promptIds -> planPrompts(runId, promptIds));
    }

    /** Plans one prompt, if its run asked for the token shift. */
    public Uni<Void> planPrompt(String runId, String promptId) {
        return planPrompts(runId, List.of(promptId));
    }

    /**
     * Plans some prompts of one run, if it asked for the token shift: the run is looked up once, so a batch of sample
     * sets of a run without token shift costs one query.
     */
    public Uni<Void> planPrompts(String runId, Collection<String> promptIds) {
        return store.run(runId).chain(run -> {
            if (run == null) {
                return Uni.createFrom().voidItem();
            }
            String reference = run.spec().reference();
            return InOrder.each(
                    promptIds,
                    promptId -> store.inputs(runId, promptId, reference).chain(inputs -> {
                        TokenShiftPlanner.Plan plan = TokenShiftPlanner.plan(runId, run.spec(), reference, inputs);
                        return settle(run, promptId, plan.settled()).chain(() -> send(run, promptId, plan.scorings()));
                    }));
        });
    }

    private Uni<Void> settle(TokenShiftStore.TokenShiftRun run, String promptId, List<TokenShiftPlanner.Settled> all) {
        TokenShiftSpec spec = run.spec();
        return InOrder.each(all, s -> {
            int sample = s.sample().index();
            TokenShiftStore.Answer answer = new TokenShiftStore.Answer(
                    run.runId(),
                    promptId,
                    spec.reference(),
                    sample,
                    s.context(),
                    s.reason(),
                    null,
                    spec.topK(),
                    List.of());
            var values = s.empty()
                    ? TokenShiftValues.of(List.of(), sample, spec.reference(), s.context(), spec.topK())
                    : TokenShiftValues.failed(s.reason(), sample, spec.reference(), s.context(), spec.topK());
            return store.storeAnswer(answer)
                    .invoke(isNew -> {
                        if (isNew) {
                            metrics.answerStored(
                                    s.context(), s.empty() ? TokenShiftStore.SCORED : TokenShiftStore.FAILED);
                        }
                    })
                    .chain(() -> scores.storeValues(
                            run.runId(),
                            promptId,
                            TokenShiftValues.contextVariant(spec, s.context()),
                            values,
                            Instant.now()));
        });
    }

    private Uni<Void> send(TokenShiftStore.TokenShiftRun run, String promptId, List<TokenShiftPlanner.Scoring> all) {
        if (all.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, TokenShiftPlanner.Scoring> byId = new LinkedHashMap<>();
        List<TokenShiftStore.Request> recorded = new ArrayList<>();
        for (TokenShiftPlanner.Scoring s : all) {
            byId.put(s.requestId(), s);
            recorded.add(new TokenShiftStore.Request(
                    s.requestId(), run.runId(), promptId, s.sample().index(), s.context()));
        }
        return store.recordRequests(recorded).chain(due -> {
            if (due.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return prompts.prompt(run.runId(), promptId).chain(messages -> {
                LOG.debugf("run %s: sending %d token-shift requests", run.runId(), due.size());
                return InOrder.each(due, id -> publish(run, promptId, messages, byId.get(id)))
                        .chain(() -> store.markSent(due));
            });
        });
    }

    private Uni<Void> publish(
            TokenShiftStore.TokenShiftRun run,
            String promptId,
            List<ChatMessage> messages,
            TokenShiftPlanner.Scoring s) {
        TokenShiftSpec spec = run.spec();
        Prompt prompt = messages == null ? null : new Prompt(promptId, 0, messages);
        TokenScoreRequest request = new TokenScoreRequest(
                SchemaVersions.V1,
                s.requestId(),
                run.runId(),
                promptId,
                spec.reference(),
                s.sample().index(),
                s.context(),
                run.base(),
                prompt,
                s.renderedContext(),
                s.sample().text(),
                spec.topK(),
                Map.of(),
                Instant.now());
        return requests.sendMessage(KeyedMessages.of(request.key(), EventJson.write(request)))
                .invoke(() -> metrics.requestSent(s.context()));
    }
}

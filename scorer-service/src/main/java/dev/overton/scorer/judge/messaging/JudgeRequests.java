package dev.overton.scorer.judge.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

import dev.overton.contracts.CompletionRequest;
import dev.overton.contracts.JudgeSpec;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.RunCreated;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.contracts.spec.Judgement;
import dev.overton.scorer.config.ScorerConfig;
import dev.overton.scorer.judge.JudgeMetrics;
import dev.overton.scorer.judge.JudgePlanner;
import dev.overton.scorer.judge.JudgePrompt;
import dev.overton.scorer.judge.persistence.JudgeRequestStore;
import dev.overton.scorer.judge.persistence.JudgeRunStore;
import dev.overton.scorer.scoring.persistence.ScoreStore;
import dev.overton.support.log.LogSafe;
import dev.overton.support.messaging.KeyedMessages;
import dev.overton.support.reactive.InOrder;

/**
 * Asks the generator for judge verdicts: plans a prompt's judgments from what is stored (run's judge, prompt text,
 * sample sets), records the requests, and publishes on {@code completion-requests} those not sent yet. Called whenever
 * one of the three inputs arrives, in whatever order, so a prompt is planned as soon as everything it needs is there;
 * a judgment already asked is never asked again (deterministic request ids, recorded before they are sent). A run's
 * judge arrives with its run record ({@link #startRun}): a live judge is stored and planned, a {@code replay} judge is
 * replayed at once, a judge the scorer cannot follow is stored as {@code refused} with the reason.
 */
@Startup
@ApplicationScoped
public class JudgeRequests {

    /** Outgoing channel of the judge requests. */
    public static final String CHANNEL = "completion-requests-out";

    /** Purpose prefix of judge requests and completions: {@code judge:<judgement>}. */
    public static final String PURPOSE_PREFIX = "judge:";

    /** Name of the judge model in {@link CompletionRequest#model()}. */
    static final String MODEL_NAME = "judge";

    /** {@code JudgeSpec.backend} of a judge whose verdicts are read from released files. */
    public static final String REPLAY = "replay";

    private static final Logger LOG = Logger.getLogger(JudgeRequests.class);

    private final JudgeRunStore runs;
    private final JudgeRequestStore requestStore;
    private final ScoreStore scores;
    private final MutinyEmitter<String> requests;
    private final ScorerConfig config;
    private final JudgeMetrics metrics;
    private final JudgeReplay replay;
    private final Map<String, JudgePrompt> prompts = new HashMap<>();

    public JudgeRequests(
            JudgeRunStore runs,
            JudgeRequestStore requestStore,
            ScoreStore scores,
            @Channel(CHANNEL) MutinyEmitter<String> requests,
            ScorerConfig config,
            JudgeMetrics metrics,
            JudgeReplay replay) {
        this.runs = runs;
        this.requestStore = requestStore;
        this.scores = scores;
        this.requests = requests;
        this.config = config;
        this.metrics = metrics;
        this.replay = replay;
        // Read the configured prompts at start-up (off the event loop), so a missing version fails the boot, not a run.
        for (Judgement judgement : Judgement.values()) {
            prompt(judgement, config.judge().promptVersion());
        }
    }

    /** The prompt of {@code judgement} in {@code version}, loaded once. */
    public synchronized JudgePrompt prompt(Judgement judgement, String version) {
        return prompts.computeIfAbsent(judgement.wireName() + "@" + version, k -> JudgePrompt.load(judgement, version));
    }

    /** The prompt version of new requests. */
    public String version() {
        return config.judge().promptVersion();
    }

    /**
     * Stores the judge of a run record and starts it: a live judge is planned for every prompt whose sets are already
     * stored (the run record may arrive after them); a {@code replay} judge is replayed at once. A run without a judge
     * is skipped; a judge the scorer cannot follow (an unknown judgement, the completions API) is stored as {@code
     * refused} with the reason, visible at {@code GET /runs/{id}/judge}.
     */
    public Uni<Void> startRun(RunCreated run) {
        JudgeSpec judge = run.spec().judge();
        if (judge == null) {
            return Uni.createFrom().voidItem();
        }
        List<String> problems = problems(judge);
        if (!problems.isEmpty()) {
            String error = String.join("; ", problems);
            LOG.warnf("run %s: judge refused: %s", LogSafe.quote(run.runId()), LogSafe.quote(error));
            return runs.storeRun(JudgeReplay.runRow(run, "refused", error));
        }
        if (REPLAY.equals(judge.backend())) {
            return replay.replay(run);
        }
        return runs.storeRun(JudgeReplay.runRow(run, "live", null)).chain(() -> planRun(run.runId()));
    }

    /** What in a judge spec the scorer cannot follow, each naming the field and the fix. */
    static List<String> problems(JudgeSpec judge) {
        List<String> problems = new ArrayList<>();
        if (judge.backend() == null || judge.backend().isBlank()) {
            problems.add("judge.backend is missing; use a generator backend (openai, jlama) or replay");
        }
        if (judge.judgements().isEmpty()) {
            problems.add("judge.judgements is empty; list one or more of missing-info, topics, quality, stance");
        }
        for (String name : judge.judgements()) {
            if (Judgement.find(name).isEmpty()) {
                problems.add("judge.judgements has '" + name + "'; use missing-info, topics, quality or stance");
            }
        }
        if (judge.samples() < 0) {
            problems.add("judge.samples is " + judge.samples() + "; use 0 (all samples) or a positive number");
        }
        if (!REPLAY.equals(judge.backend()) && judge.api() != null && !"chat".equals(judge.api())) {
            problems.add("judge.api is '" + judge.api() + "'; judge prompts are chat messages, use api 'chat'");
        }
        return problems;
    }

    /** Plans and sends the judgments of every prompt of the run that has sample sets stored. */
    public Uni<Void> planRun(String runId) {
        return runs.promptsWithSets(runId).chain(promptIds -> planPrompts(runId, promptIds));
    }

    /**
     * Plans and sends the judgments of several prompts of one run (a batch of sample sets): the run is looked up once,
     * and a run without a live judge costs nothing more.
     */
    public Uni<Void> planPrompts(String runId, Collection<String> promptIds) {
        return runs.run(runId).chain(run -> {
            if (run == null || !run.live() || promptIds.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return InOrder.each(promptIds, promptId -> planPrompt(runId, promptId));
        });
    }

    /** Plans and sends the judgments of one prompt, if its run has a live judge and its text is known. */
    public Uni<Void> planPrompt(String runId, String promptId) {
        return runs.run(runId).chain(run -> {
            if (run == null || !run.live()) {
                return Uni.createFrom().voidItem();
            }
            return runs.prompt(runId, promptId).chain(messages -> {
                if (messages == null) {
                    return Uni.createFrom().voidItem(); // planned again when the prompt's text arrives
                }
                String question = new Prompt(promptId, 0, messages).userText();
                return scores.generatedSets(runId, promptId).chain(sets -> {
                    List<JudgePlanner.VariantSet> view = sets.stream()
                            .map(s -> new JudgePlanner.VariantSet(s.variant(), s.reference(), s.samples()))
                            .toList();
                    List<JudgeRequestStore.Request> planned = new ArrayList<>();
                    for (JudgePlanner.Planned p : JudgePlanner.plan(run.spec(), promptId, question, view)) {
                        JudgePrompt prompt = prompt(p.target().judgement(), version());
                        planned.add(new JudgeRequestStore.Request(
                                p.target().requestId(runId, prompt.version(), 1),
                                runId,
                                p.target(),
                                prompt.version(),
                                1,
                                prompt.messages(p.texts())));
                    }
                    return send(run, planned);
                });
            });
        });
    }

    /**
     * Sends the one repair request of an invalid first answer: the original conversation, the invalid answer, and a
     * message quoting the parse error and the required shape.
     */
    public Uni<Void> requestRepair(
            JudgeRunStore.JudgeRun run, JudgeRequestStore.Request first, String invalidAnswer, String error) {
        JudgePrompt prompt = prompt(first.target().judgement(), first.version());
        JudgeRequestStore.Request repair = new JudgeRequestStore.Request(
                first.target().requestId(first.runId(), first.version(), 2),
                first.runId(),
                first.target(),
                first.version(),
                2,
                prompt.repairMessages(first.messages(), invalidAnswer, error));
        return send(run, List.of(repair));
    }

    private Uni<Void> send(JudgeRunStore.JudgeRun run, List<JudgeRequestStore.Request> planned) {
        if (planned.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, JudgeRequestStore.Request> byId = new LinkedHashMap<>();
        planned.forEach(r -> byId.put(r.requestId(), r));
        VariantSpec model = model(run.spec());
        return requestStore.recordRequests(planned).chain(due -> {
            if (due.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            LOG.debugf("run %s: sending %d judge requests", run.runId(), due.size());
            return InOrder.each(due, id -> publish(byId.get(id), model)).chain(() -> requestStore.markSent(due));
        });
    }

    private Uni<Void> publish(JudgeRequestStore.Request r, VariantSpec model) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("promptId", r.target().promptId());
        attributes.put("variant", r.target().variant());
        attributes.put("sample", String.valueOf(r.target().sample()));
        attributes.put("judgement", r.target().judgement().wireName());
        if (r.target().reference() != null) {
            attributes.put("reference", r.target().reference());
        }
        attributes.put("promptVersion", r.version());
        attributes.put("attempt", String.valueOf(r.attempt()));
        CompletionRequest request = new CompletionRequest(
                SchemaVersions.V1,
                r.requestId(),
                r.runId(),
                PURPOSE_PREFIX + r.target().judgement().wireName(),
                model,
                r.messages(),
                null,
                attributes,
                Instant.now());
        return requests.sendMessage(KeyedMessages.of(request.key(), EventJson.write(request)))
                .invoke(() -> metrics.requestSent(r.target().judgement(), r.attempt()));
    }

    /**
     * The judge as the generator's model spec: the spec's backend, endpoint, model and params, plus a request for JSON
     * output on {@code openai} chat backends when {@code overton.judge.json-mode} is on and the params do not set
     * {@code response_format}.
     */
    VariantSpec model(JudgeSpec spec) {
        VariantSpec plain = spec.asVariant(MODEL_NAME);
        if (!config.judge().jsonMode()
                || !"openai".equals(spec.backend())
                || !"chat".equals(plain.api())
                || spec.params().containsKey("response_format")) {
            return plain;
        }
        Map<String, Object> params = new LinkedHashMap<>(spec.params());
        params.put("response_format", Map.of("type", "json_object"));
        return new VariantSpec(
                plain.name(),
                plain.backend(),
                plain.model(),
                plain.source(),
                plain.endpoint(),
                plain.api(),
                plain.samples(),
                params);
    }
}

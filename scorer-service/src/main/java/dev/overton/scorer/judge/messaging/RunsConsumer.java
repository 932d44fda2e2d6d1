package dev.overton.scorer.judge.messaging;

import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.JudgeSpec;
import dev.overton.contracts.RunCreated;
import dev.overton.contracts.spec.Judgement;
import dev.overton.scorer.judge.persistence.JudgeRunStore;
import dev.overton.support.log.LogSafe;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

/**
 * Consumes {@code runs} (own group) and stores each run's judge. A live judge is then planned for every prompt whose
 * sets are already stored (the run record may arrive after them); a {@code replay} judge is replayed at once. A run
 * without a judge is skipped; a judge the scorer cannot follow (an unknown judgement, the completions API) is stored as
 * {@code refused} with the reason, visible at {@code GET /runs/{id}/judge}.
 */
@ApplicationScoped
public class RunsConsumer {

    static final String CHANNEL = "runs-in";

    /** {@code JudgeSpec.backend} of a judge whose verdicts are read from released files. */
    public static final String REPLAY = "replay";

    private static final Logger LOG = Logger.getLogger(RunsConsumer.class);

    private final JudgeRunStore runs;
    private final JudgeRequests requests;
    private final JudgeReplay replay;
    private final ConsumerMetrics metrics;

    public RunsConsumer(JudgeRunStore runs, JudgeRequests requests, JudgeReplay replay, ConsumerMetrics metrics) {
        this.runs = runs;
        this.requests = requests;
        this.replay = replay;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        return InboundRecords.handle(CHANNEL, json, RunCreated.class, metrics, LOG, this::handle);
    }

    private Uni<Void> handle(RunCreated run) {
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
        return runs.storeRun(JudgeReplay.runRow(run, "live", null)).chain(() -> requests.planRun(run.runId()));
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
}

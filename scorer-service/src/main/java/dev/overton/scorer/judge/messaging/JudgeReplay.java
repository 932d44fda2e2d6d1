package dev.overton.scorer.judge.messaging;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.JudgeSpec;
import dev.overton.contracts.RunCreated;
import dev.overton.contracts.ScoreValue;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.files.FileSandbox;
import dev.overton.contracts.spec.Judgement;
import dev.overton.scorer.config.ScorerConfig;
import dev.overton.scorer.judge.JudgeMetrics;
import dev.overton.scorer.judge.JudgeValues;
import dev.overton.scorer.judge.ReplaySources;
import dev.overton.scorer.judge.persistence.JudgeRunStore;
import dev.overton.scorer.judge.persistence.JudgeVerdictStore;
import dev.overton.semantic.judge.StanceVerdict;
import dev.overton.support.log.LogSafe;

/**
 * Replays a {@code replay} judge: reads the released verdict files named in {@code JudgeSpec.sources}, stores each
 * line's verdict as if a model had answered (prompt version {@value #VERSION}, source {@code replay}), and derives the
 * same values as for live verdicts. No request is sent. A line that fails strict parsing is stored as a failed verdict
 * with the reason, its values undefined; a spec whose sources cannot be followed (unknown key, file outside the allowed
 * folders or unreadable, line count not matching the prompts) is refused as a whole, with the reason stored on the run:
 * nothing half-replayed. Sending the run record again (after fixing the cause) replays it.
 */
@ApplicationScoped
public class JudgeReplay {

    /** Prompt version recorded for replayed verdicts: the paper's own prompts, not Overton's. */
    public static final String VERSION = "released";

    private static final Logger LOG = Logger.getLogger(JudgeReplay.class);

    private final JudgeRunStore runs;
    private final JudgeVerdictStore verdicts;
    private final ScorerConfig config;
    private final JudgeMetrics metrics;
    private final Vertx vertx;

    public JudgeReplay(
            JudgeRunStore runs, JudgeVerdictStore verdicts, ScorerConfig config, JudgeMetrics metrics, Vertx vertx) {
        this.runs = runs;
        this.verdicts = verdicts;
        this.config = config;
        this.metrics = metrics;
        this.vertx = vertx;
    }

    /** What a replay read: the verdict rows and their values, or why the sources were refused. */
    private record Read(
            List<JudgeVerdictStore.Verdict> verdicts, List<JudgeVerdictStore.PromptValues> values, String error) {}

    /** Replays the run's judge and stores the run's judge row ({@code replayed}, or {@code refused} with the reason). */
    public Uni<Void> replay(RunCreated run) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> read(run)))
                .onFailure(e -> e instanceof IllegalArgumentException || e instanceof UncheckedIOException)
                .recoverWithItem(e -> {
                    LOG.warnf(
                            "run %s: replay judge refused: %s",
                            LogSafe.quote(run.runId()), LogSafe.quote(e.getMessage()));
                    return new Read(null, List.of(), e.getMessage());
                })
                .chain(read -> {
                    if (read.verdicts() == null) {
                        return runs.storeRun(runRow(run, "refused", read.error()));
                    }
                    return verdicts.storeReplayed(read.verdicts(), read.values())
                            .invoke(inserted -> inserted.forEach(
                                    v -> metrics.verdictStored(v.target().judgement(), v.status(), "replay")))
                            .invoke(inserted -> LOG.infof(
                                    "run %s: replayed %d judge verdicts (%d new), %d failed strict parsing",
                                    run.runId(),
                                    read.verdicts().size(),
                                    inserted.size(),
                                    read.verdicts().stream()
                                            .filter(v -> JudgeVerdictStore.FAILED.equals(v.status()))
                                            .count()))
                            .chain(() -> runs.storeRun(runRow(run, "replayed", null)));
                });
    }

    static JudgeRunStore.JudgeRun runRow(RunCreated run, String status, String error) {
        return new JudgeRunStore.JudgeRun(
                run.runId(), run.spec().reference(), run.spec().judge(), run.promptIds(), status, error);
    }

    private Read read(RunCreated run) {
        JudgeSpec spec = run.spec().judge();
        String reference = run.spec().reference();
        List<String> variants = new ArrayList<>();
        if (run.spec().variants() != null) {
            run.spec().variants().stream().map(VariantSpec::name).forEach(variants::add);
        }
        run.spec().icl().stream().map(IclVariantSpec::name).forEach(variants::add);
        List<ReplaySources.Source> sources = ReplaySources.resolve(spec, reference, variants, files());
        String model = "replay:" + (spec.model() == null ? "unknown" : spec.model());
        List<JudgeVerdictStore.Verdict> verdicts = new ArrayList<>();
        Map<String, JudgeVerdictStore.PromptValues> values = new LinkedHashMap<>();
        for (ReplaySources.Source source : sources) {
            String settings = JudgeValues.settings(
                    source.judgement(), model, source.judgement().wireName() + "@" + VERSION);
            Map<String, List<ReplaySources.Replayed>> stanceBySet = new LinkedHashMap<>();
            for (ReplaySources.Replayed r : ReplaySources.read(source, reference, run.promptIds(), spec.samples())) {
                boolean parsed = r.verdict() != null;
                verdicts.add(new JudgeVerdictStore.Verdict(
                        run.runId(),
                        r.target(),
                        VERSION,
                        1,
                        parsed ? JudgeVerdictStore.PARSED : JudgeVerdictStore.FAILED,
                        "replay",
                        null,
                        model,
                        r.raw(),
                        parsed ? r.raw() : null,
                        parsed ? null : "released " + source.key() + ", " + r.error()));
                if (source.judgement() == Judgement.STANCE) {
                    stanceBySet
                            .computeIfAbsent(r.target().promptId(), k -> new ArrayList<>())
                            .add(r);
                    continue;
                }
                add(
                        values,
                        run.runId(),
                        r.target().promptId(),
                        r.target().variant(),
                        parsed
                                ? JudgeValues.of(r.target(), r.verdict(), settings)
                                : JudgeValues.undefined(r.target(), r.error(), settings));
            }
            stanceBySet.forEach((promptId, set) -> {
                List<StanceVerdict> ok = set.stream()
                        .filter(r -> r.verdict() != null)
                        .map(r -> (StanceVerdict) r.verdict())
                        .toList();
                add(
                        values,
                        run.runId(),
                        promptId,
                        source.variant(),
                        JudgeValues.stanceShares(ok, set.size() - ok.size(), settings));
            });
        }
        return new Read(verdicts, new ArrayList<>(values.values()), null);
    }

    private static void add(
            Map<String, JudgeVerdictStore.PromptValues> values,
            String runId,
            String promptId,
            String variant,
            List<ScoreValue> add) {
        values.computeIfAbsent(
                        promptId + "\u0000" + variant,
                        k -> new JudgeVerdictStore.PromptValues(runId, promptId, variant, new ArrayList<>()))
                .values()
                .addAll(add);
    }

    /** The folder policy released files are opened through, from {@code overton.files.*}. */
    FileSandbox files() {
        return FileSandbox.fromConfig(
                config.files().baseDir().orElse("."),
                config.files().allowedDirs().orElse(List.of()),
                config.files().maxFileSize().asLongValue(),
                ReplaySources.READER);
    }
}

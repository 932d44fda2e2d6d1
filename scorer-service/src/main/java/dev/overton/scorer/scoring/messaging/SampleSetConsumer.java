package dev.overton.scorer.scoring.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.core.Vertx;

import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.ScoreValue;
import dev.overton.contracts.SetScored;
import dev.overton.contracts.json.EventJson;
import dev.overton.contracts.spec.MeasureGroup;
import dev.overton.scorer.judge.messaging.JudgeRequests;
import dev.overton.scorer.scoring.PairScorer;
import dev.overton.scorer.scoring.SemanticScoring;
import dev.overton.scorer.scoring.SetScorer;
import dev.overton.scorer.scoring.SwitchedOffValues;
import dev.overton.scorer.scoring.persistence.ScoreStore;
import dev.overton.scorer.tokenshift.messaging.TokenShiftRequests;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;
import dev.overton.support.messaging.KeyedMessages;

/**
 * Consumes sample sets: computes their values on a worker thread, stores set, samples and values in one transaction,
 * then publishes a {@code scores} event. The offset is committed only after all of that. A record that cannot be parsed
 * goes to {@code sample-sets-dlq}; a failed set is stored (so it is visible) but has nothing to score.
 *
 * <p>Between-variant (pair) values need the reference variant's sample 0 of the same prompt. Both sets share the key
 * {@code <runId>/<promptId>}, so they reach the same consumer, in order: whichever of the two arrives second computes
 * the pairs, from the stored copy of the first.
 *
 * <p>Only the measure groups the set's run asked for are computed ({@link SampleSet#measures()}; every group when it
 * names none). A model-based group the run named while this scorer has the encoder switched off is stored undefined,
 * with the reason ({@link SwitchedOffValues}).
 *
 * <p>Last, when the run has a live LLM judge, the prompt's judgments that this set makes possible are requested
 * ({@link JudgeRequests}): the same arrival-order-independent pairing, on the stored sets. So are the token-shift
 * scorings the set makes possible ({@link TokenShiftRequests}; a failed in-context set settles its context's answers as
 * failed).
 */
@ApplicationScoped
public class SampleSetConsumer {

    static final String CHANNEL = "sample-sets-in";
    private static final Logger LOG = Logger.getLogger(SampleSetConsumer.class);

    private final ScoreStore store;
    private final MutinyEmitter<String> scores;
    private final Vertx vertx;
    private final ConsumerMetrics metrics;
    private final SemanticScoring semantic;
    private final JudgeRequests judge;
    private final TokenShiftRequests tokenShift;

    public SampleSetConsumer(
            ScoreStore store,
            @Channel("scores-out") MutinyEmitter<String> scores,
            Vertx vertx,
            ConsumerMetrics metrics,
            SemanticScoring semantic,
            JudgeRequests judge,
            TokenShiftRequests tokenShift) {
        this.store = store;
        this.scores = scores;
        this.vertx = vertx;
        this.metrics = metrics;
        this.semantic = semantic;
        this.judge = judge;
        this.tokenShift = tokenShift;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        return InboundRecords.handle(CHANNEL, json, SampleSet.class, metrics, LOG, this::score);
    }

    private Uni<Void> score(SampleSet set) {
        Uni<List<ScoreValue>> values = set.failed()
                ? Uni.createFrom().item(List.of())
                : vertx.executeBlocking(Uni.createFrom().item(() -> setValues(set)));
        return values.chain(computed -> {
            Instant at = Instant.now();
            return store.store(set, computed, at)
                    .chain(() ->
                            set.failed() ? Uni.createFrom().item(Map.<String, List<ScoreValue>>of()) : pairs(set, at))
                    .chain(pairs -> publish(set, computed, pairs, at))
                    .chain(() ->
                            set.failed() ? Uni.createFrom().voidItem() : judge.planPrompt(set.runId(), set.promptId()))
                    .chain(() -> tokenShift.planPrompt(set.runId(), set.promptId()));
        });
    }

    /**
     * Computes and stores the between-variant values this set makes possible: its own samples against the reference's
     * sample 0, and, when it is the reference set, every other stored set of the prompt against it (those arrived
     * first and were waiting). Returns the new pair values by variant.
     */
    private Uni<Map<String, List<ScoreValue>>> pairs(SampleSet set, Instant at) {
        return store.generatedSets(set.runId(), set.promptId())
                .chain(stored -> vertx.executeBlocking(Uni.createFrom().item(() -> pairValues(set, stored))))
                .call(byVariant -> Multi.createFrom()
                        .iterable(byVariant.entrySet())
                        .onItem()
                        .transformToUniAndConcatenate(
                                e -> store.storeValues(set.runId(), set.promptId(), e.getKey(), e.getValue(), at))
                        .collect()
                        .last());
    }

    private List<ScoreValue> setValues(SampleSet set) {
        Set<MeasureGroup> groups = set.measureGroups();
        List<ScoreValue> values = new ArrayList<>(SetScorer.score(set.samples(), groups));
        semantic.scorer()
                .ifPresentOrElse(
                        s -> values.addAll(s.setValues(set.samples(), groups)),
                        () -> values.addAll(SwitchedOffValues.setValues(namedModelGroups(set))));
        return values;
    }

    /**
     * The model-based groups the set's run named: with them switched off here, their values are stored undefined with
     * the reason. A run that named no groups (every group, as before runs chose) gets what this scorer computes.
     */
    private static Set<MeasureGroup> namedModelGroups(SampleSet set) {
        if (set.measures() == null) {
            return Set.of();
        }
        Set<MeasureGroup> named = EnumSet.noneOf(MeasureGroup.class);
        named.addAll(set.measureGroups());
        named.retainAll(SemanticScoring.MODEL_GROUPS);
        return named;
    }

    private Map<String, List<ScoreValue>> pairValues(SampleSet set, List<ScoreStore.StoredSet> stored) {
        Map<String, List<ScoreValue>> byVariant = new LinkedHashMap<>();
        ScoreStore.StoredSet reference = stored.stream()
                .filter(ScoreStore.StoredSet::reference)
                .findFirst()
                .orElse(null);
        if (reference == null
                || reference.samples().isEmpty()
                || reference.samples().get(0).index() != 0) {
            return byVariant; // computed when the reference set arrives
        }
        Sample reference0 = reference.samples().get(0);
        // Every set of a run carries the run's groups: the arriving one's decide.
        Set<MeasureGroup> groups = set.measureGroups();
        for (ScoreStore.StoredSet candidate : stored) {
            boolean arriving = candidate.variant().equals(set.variant());
            if (arriving || set.reference()) {
                List<ScoreValue> values = new ArrayList<>();
                if (groups.contains(MeasureGroup.LEXICAL)) {
                    values.addAll(PairScorer.score(
                            reference.variant(), reference0, candidate.samples(), candidate.reference()));
                }
                semantic.scorer()
                        .ifPresentOrElse(
                                s -> values.addAll(s.pairValues(
                                        reference.variant(),
                                        reference0,
                                        candidate.samples(),
                                        candidate.reference(),
                                        groups)),
                                () -> values.addAll(SwitchedOffValues.pairValues(
                                        reference.variant(),
                                        reference0,
                                        candidate.samples(),
                                        candidate.reference(),
                                        namedModelGroups(set))));
                if (!values.isEmpty()) {
                    byVariant.put(candidate.variant(), values);
                }
            }
        }
        return byVariant;
    }

    private Uni<Void> publish(
            SampleSet set, List<ScoreValue> setValues, Map<String, List<ScoreValue>> pairs, Instant at) {
        if (set.failed()) {
            return Uni.createFrom().voidItem();
        }
        List<ScoreValue> own = new ArrayList<>(setValues);
        own.addAll(pairs.getOrDefault(set.variant(), List.of()));
        Uni<Void> first = send(set.runId(), set.promptId(), set.variant(), own, at);
        return first.chain(() -> Multi.createFrom()
                .iterable(pairs.entrySet())
                .filter(e -> !e.getKey().equals(set.variant()))
                .onItem()
                .transformToUniAndConcatenate(e -> send(set.runId(), set.promptId(), e.getKey(), e.getValue(), at))
                .collect()
                .last()
                .replaceWithVoid());
    }

    private Uni<Void> send(String runId, String promptId, String variant, List<ScoreValue> values, Instant at) {
        SetScored event = new SetScored(SchemaVersions.V1, runId, promptId, variant, values, at);
        return scores.sendMessage(KeyedMessages.of(event.key(), EventJson.write(event)));
    }
}

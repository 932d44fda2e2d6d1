package dev.overton.scorer.scoring.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

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
import dev.overton.scorer.monitor.WindowEvaluator;
import dev.overton.scorer.scoring.BatchTexts;
import dev.overton.scorer.scoring.PairScorer;
import dev.overton.scorer.scoring.SemanticScoring;
import dev.overton.scorer.scoring.SetScorer;
import dev.overton.scorer.scoring.SwitchedOffValues;
import dev.overton.scorer.scoring.persistence.SampleSetBatchStore;
import dev.overton.scorer.scoring.persistence.SampleSetBatchStore.RunPrompt;
import dev.overton.scorer.scoring.persistence.SampleSetBatchStore.VariantValues;
import dev.overton.scorer.scoring.persistence.ScoreStore.StoredSet;
import dev.overton.scorer.tokenshift.messaging.TokenShiftRequests;
import dev.overton.support.messaging.KeyedMessages;

/**
 * Scores a batch of sample sets (one Kafka poll, or one set when a batch failed and is retried set by set): reads the
 * sets earlier batches stored for its prompts (one query), computes on a worker thread the sets' own values and the
 * between-variant values the batch makes possible (each text tokenized once; with the encoder, the model-based set
 * values come with the prompt's pair values, prompt by prompt, so that each text is encoded once while it is needed),
 * stores sets, samples and all those values in one transaction, then publishes one {@code scores} event per set and
 * plans the judgments. The returned {@code Uni} completes only after all of it, so the offsets are committed after the
 * effect; a batch is stored whole or not at all, and every write is an upsert, so a redelivered batch leaves one row
 * per value.
 *
 * <p>Between-variant (pair) values need the reference variant's sample 0 of the same prompt. Both sets share the key
 * {@code <runId>/<promptId>}, so they reach the same consumer, in order: the values are computed once both are there,
 * whether the reference arrived in an earlier batch (read back from the database) or in this one.
 *
 * <p>Only the measure groups the set's run asked for are computed ({@link SampleSet#measures()}; every group when it
 * names none). A model-based group the run named while this scorer has the encoder switched off is stored undefined,
 * with the reason ({@link SwitchedOffValues}).
 *
 * <p>Last, the token-shift scorings the batch makes possible are requested ({@link TokenShiftRequests}), the sets are
 * marked wholly scored, and a monitor window they completed is evaluated ({@link WindowEvaluator}).
 */
@ApplicationScoped
public class SampleSetBatch {

    /** Scores events in flight at once: bounds the emitter's buffer while the broker acknowledges. */
    private static final int CONCURRENT_SENDS = 16;

    private final SampleSetBatchStore store;
    private final MutinyEmitter<String> scores;
    private final Vertx vertx;
    private final SemanticScoring semantic;
    private final JudgeRequests judge;
    private final WindowEvaluator windows;
    private final TokenShiftRequests tokenShift;

    public SampleSetBatch(
            SampleSetBatchStore store,
            @Channel("scores-out") MutinyEmitter<String> scores,
            Vertx vertx,
            SemanticScoring semantic,
            JudgeRequests judge,
            WindowEvaluator windows,
            TokenShiftRequests tokenShift) {
        this.windows = windows;
        this.tokenShift = tokenShift;
        this.store = store;
        this.scores = scores;
        this.vertx = vertx;
        this.semantic = semantic;
        this.judge = judge;
    }

    /** Scores, stores and publishes {@code sets} (at most one set per run, prompt and variant). */
    public Uni<Void> score(List<SampleSet> sets) {
        if (sets.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<SampleSet> generated = sets.stream().filter(s -> !s.failed()).toList();
        Map<RunPrompt, List<SampleSet>> arriving = byPrompt(generated);
        // The sets earlier batches stored for these prompts: their offsets were committed after their transaction, so
        // together with this batch they are every set of the prompt that came before (keys keep a prompt on one
        // partition, and this consumer scores one batch at a time).
        Uni<Map<RunPrompt, List<StoredSet>>> earlier = arriving.isEmpty()
                ? Uni.createFrom().item(Map.of())
                : store.generatedSets(List.copyOf(arriving.keySet()));
        return earlier.chain(
                        stored -> vertx.executeBlocking(Uni.createFrom().item(() -> values(sets, arriving, stored))))
                .chain(values -> {
                    Instant at = Instant.now();
                    return store.storeSets(sets, values.all(), at)
                            .chain(() -> publish(generated, values.own(), values.pairs(), at))
                            .chain(() -> planJudgments(generated))
                            .chain(() -> planTokenShift(sets))
                            .chain(() -> windows.setsScored(sets));
                });
    }

    /**
     * A batch's values: each set's own, and the between-variant values it makes possible, by prompt, then variant.
     *
     * @param own each set's own values, in batch order
     * @param pairs the new pair values
     */
    private record BatchValues(List<VariantValues> own, Map<RunPrompt, Map<String, List<ScoreValue>>> pairs) {

        /** Own and pair values, stored in one transaction with the sets. */
        List<VariantValues> all() {
            List<VariantValues> all = new ArrayList<>(own);
            pairs.forEach((prompt, byVariant) -> byVariant.forEach((variant, values) ->
                    all.add(new VariantValues(prompt.runId(), prompt.promptId(), variant, values))));
            return all;
        }
    }

    /** Every value of the batch, each text tokenized once (on a worker thread). */
    private BatchValues values(
            List<SampleSet> sets, Map<RunPrompt, List<SampleSet>> arriving, Map<RunPrompt, List<StoredSet>> stored) {
        BatchTexts texts = new BatchTexts();
        List<VariantValues> own = new ArrayList<>(sets.size());
        for (SampleSet set : sets) {
            own.add(new VariantValues(
                    set.runId(), set.promptId(), set.variant(), set.failed() ? List.of() : setValues(set, texts)));
        }
        Map<RunPrompt, List<SampleSet>> everyArriving = byPrompt(sets);
        Map<RunPrompt, Map<String, List<ScoreValue>>> pairs = new LinkedHashMap<>();
        arriving.forEach((prompt, generatedSets) -> pairs.put(
                prompt,
                pairValues(
                        generatedSets,
                        prompt(stored.getOrDefault(prompt, List.of()), everyArriving.get(prompt)),
                        texts)));
        return new BatchValues(own, pairs);
    }

    /**
     * The generated sets of one prompt once this batch is stored: those stored before, with the batch's sets over them
     * as the upserts leave them (a set now failed is no longer generated; a stored set keeps its stored samples, which
     * a redelivery does not overwrite), in variant order.
     */
    private static List<StoredSet> prompt(List<StoredSet> before, List<SampleSet> arriving) {
        Map<String, StoredSet> byVariant = new TreeMap<>();
        before.forEach(s -> byVariant.put(s.variant(), s));
        for (SampleSet set : arriving) {
            if (set.failed()) {
                byVariant.remove(set.variant());
            } else if (!byVariant.containsKey(set.variant())) {
                Map<Integer, Sample> byIndex = new TreeMap<>();
                set.samples().forEach(sample -> byIndex.putIfAbsent(sample.index(), sample));
                byVariant.put(
                        set.variant(), new StoredSet(set.variant(), set.reference(), List.copyOf(byIndex.values())));
            }
        }
        return List.copyOf(byVariant.values());
    }

    private List<ScoreValue> setValues(SampleSet set, BatchTexts texts) {
        Set<MeasureGroup> groups = set.measureGroups();
        List<ScoreValue> values = new ArrayList<>(SetScorer.score(set.samples(), groups, texts));
        if (!semantic.enabled()) {
            values.addAll(SwitchedOffValues.setValues(namedModelGroups(set)));
        }
        // With the encoder, the model-based set values come with the prompt's pair values (pairValues): a prompt's
        // texts are then encoded and used together, while they are surely cached.
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

    /**
     * The between-variant values of one prompt the batch makes possible: the arriving sets' samples against the
     * reference's sample 0 and, when the reference itself arrived, every generated set of the prompt (those that arrived
     * first were waiting). With the encoder, the arriving sets' model-based set values (embedding diversity) are
     * computed here too, prompt by prompt: the texts a prompt's values need are encoded once and used at once, so the
     * bounded caches never have to hold a whole batch (64 sets of long answers overflowed them, and the least recently
     * used entries were then evicted just before their pairs needed them). By variant; only those set values while the
     * reference has not arrived.
     */
    private Map<String, List<ScoreValue>> pairValues(
            List<SampleSet> arriving, List<StoredSet> stored, BatchTexts texts) {
        Map<String, List<ScoreValue>> byVariant = new LinkedHashMap<>();
        semantic.scorer()
                .ifPresent(s -> arriving.forEach(set -> {
                    List<ScoreValue> own = s.setValues(set.samples(), set.measureGroups());
                    if (!own.isEmpty()) {
                        byVariant
                                .computeIfAbsent(set.variant(), v -> new ArrayList<>())
                                .addAll(own);
                    }
                }));
        StoredSet reference =
                stored.stream().filter(StoredSet::reference).findFirst().orElse(null);
        if (reference == null
                || reference.samples().isEmpty()
                || reference.samples().get(0).index() != 0) {
            return byVariant; // computed when the reference set arrives
        }
        Sample reference0 = reference.samples().get(0);
        // Every set of a run carries the run's groups: an arriving one's decide.
        SampleSet decides = arriving.get(0);
        Set<MeasureGroup> groups = decides.measureGroups();
        Set<String> arrivingVariants = new LinkedHashSet<>();
        boolean referenceArrived = false;
        for (SampleSet s : arriving) {
            arrivingVariants.add(s.variant());
            referenceArrived |= s.reference();
        }
        for (StoredSet candidate : stored) {
            if (!referenceArrived && !arrivingVariants.contains(candidate.variant())) {
                continue;
            }
            List<ScoreValue> values = new ArrayList<>();
            if (groups.contains(MeasureGroup.LEXICAL)) {
                values.addAll(PairScorer.score(
                        reference.variant(), reference0, candidate.samples(), candidate.reference(), texts));
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
                                    namedModelGroups(decides))));
            if (!values.isEmpty()) {
                byVariant
                        .computeIfAbsent(candidate.variant(), v -> new ArrayList<>())
                        .addAll(values);
            }
        }
        return byVariant;
    }

    /**
     * One {@code scores} event per arriving generated set (its own values and its pair values), and one per waiting set
     * that got pair values because its reference arrived.
     */
    private Uni<Void> publish(
            List<SampleSet> generated,
            List<VariantValues> own,
            Map<RunPrompt, Map<String, List<ScoreValue>>> pairs,
            Instant at) {
        Map<String, List<ScoreValue>> ownByKey = new LinkedHashMap<>();
        own.forEach(v -> ownByKey.put(key(v.runId(), v.promptId(), v.variant()), v.values()));
        List<SetScored> events = new ArrayList<>();
        Set<String> sent = new LinkedHashSet<>();
        for (SampleSet set : generated) {
            String key = key(set.runId(), set.promptId(), set.variant());
            List<ScoreValue> values = new ArrayList<>(ownByKey.getOrDefault(key, List.of()));
            values.addAll(pairs.getOrDefault(new RunPrompt(set.runId(), set.promptId()), Map.of())
                    .getOrDefault(set.variant(), List.of()));
            events.add(new SetScored(SchemaVersions.V1, set.runId(), set.promptId(), set.variant(), values, at));
            sent.add(key);
        }
        pairs.forEach((prompt, byVariant) -> byVariant.forEach((variant, values) -> {
            if (!sent.contains(key(prompt.runId(), prompt.promptId(), variant))) {
                events.add(new SetScored(SchemaVersions.V1, prompt.runId(), prompt.promptId(), variant, values, at));
            }
        }));
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom()
                .iterable(events)
                .onItem()
                .transformToUni(e -> scores.sendMessage(KeyedMessages.of(e.key(), EventJson.write(e))))
                .merge(CONCURRENT_SENDS)
                .collect()
                .last()
                .replaceWithVoid();
    }

    /**
     * The token-shift scorings the batch makes possible, for runs that asked for the token shift (each run looked up
     * once). Failed sets count too: a failed in-context set settles its context's answers as failed.
     */
    private Uni<Void> planTokenShift(List<SampleSet> sets) {
        return planPerRun(sets, tokenShift::planPrompts);
    }

    /** The judgments the batch makes possible, for runs with a live LLM judge (each run looked up once). */
    private Uni<Void> planJudgments(List<SampleSet> generated) {
        return planPerRun(generated, judge::planPrompts);
    }

    /** Has {@code planner} plan the prompts of {@code sets}, run by run (each run once), one run after the other. */
    private static Uni<Void> planPerRun(List<SampleSet> sets, BiFunction<String, Set<String>, Uni<Void>> planner) {
        Map<String, Set<String>> promptsByRun = new LinkedHashMap<>();
        for (SampleSet s : sets) {
            promptsByRun.computeIfAbsent(s.runId(), r -> new LinkedHashSet<>()).add(s.promptId());
        }
        if (promptsByRun.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom()
                .iterable(promptsByRun.entrySet())
                .onItem()
                .transformToUniAndConcatenate(e -> planner.apply(e.getKey(), e.getValue()))
                .collect()
                .last()
                .replaceWithVoid();
    }

    private static Map<RunPrompt, List<SampleSet>> byPrompt(List<SampleSet> sets) {
        Map<RunPrompt, List<SampleSet>> byPrompt = new LinkedHashMap<>();
        for (SampleSet s : sets) {
            byPrompt.computeIfAbsent(new RunPrompt(s.runId(), s.promptId()), p -> new ArrayList<>())
                    .add(s);
        }
        return byPrompt;
    }

    private static String key(String runId, String promptId, String variant) {
        return runId + '\u0000' + promptId + '\u0000' + variant;
    }
}

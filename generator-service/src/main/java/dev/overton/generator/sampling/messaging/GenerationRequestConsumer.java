package dev.overton.generator.sampling.messaging;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.core.Vertx;

import dev.overton.contracts.EventKeys;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.icl.SelfSummaryAnswers;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.catalog.persistence.DeletionStore;
import dev.overton.generator.config.GeneratorConfig;
import dev.overton.generator.messaging.InFlightConsumers;
import dev.overton.generator.messaging.InFlightRecords;
import dev.overton.generator.messaging.KeyedInFlightRecords;
import dev.overton.generator.messaging.PerKeySequencer;
import dev.overton.generator.runs.persistence.RunEntity;
import dev.overton.generator.runs.persistence.RunStore;
import dev.overton.generator.sampling.Backends;
import dev.overton.generator.sampling.SampleUsage;
import dev.overton.generator.sampling.SampledSet;
import dev.overton.generator.sampling.SamplingBackend;
import dev.overton.generator.sampling.persistence.SampleSetStore;
import dev.overton.support.log.LogSafe;
import dev.overton.support.messaging.KeyedMessages;

/**
 * Consumes generation requests: draws the samples with the variant's backend, stores the set, then publishes it on
 * {@code sample-sets}. The offset is committed only after that (the method's {@code Uni} completes).
 *
 * <p>Idempotent: if the set is already stored (a redelivery, or a crash after the write but before the publish), the
 * stored set is published again instead of sampling anew; the scorer's upserts make the repeat harmless. A request
 * that cannot be parsed fails and goes to {@code generation-requests-dlq}; a backend failure is stored and published
 * as a failed set, never dropped.
 *
 * <p>Up to {@code overton.generator.max-concurrent-requests} requests are worked on at a time ({@link
 * InFlightRecords}): a slow model server holds up at most that many, and requests for other endpoints go on beside
 * them. Each record is acknowledged (its offset may be committed) only after its set is stored and published. Two
 * deliveries of the same (run, prompt, variant) are handled one after the other ({@link PerKeySequencer}), so the
 * second republishes the first's set instead of sampling again. The model call itself runs on a worker thread,
 * unordered: an ordered blocking call would queue behind every other one on the same event loop.
 */
@ApplicationScoped
public class GenerationRequestConsumer {

    static final String CHANNEL = "generation-requests-in";
    private static final Logger LOG = Logger.getLogger(GenerationRequestConsumer.class);

    private final Backends backends;
    private final SampleSetStore store;
    private final RunStore runs;
    private final MutinyEmitter<String> sampleSets;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final KeyedInFlightRecords<GenerationRequest> records;
    private final DeletionStore deletions;

    public GenerationRequestConsumer(
            Backends backends,
            SampleSetStore store,
            RunStore runs,
            @Channel("sample-sets-out") MutinyEmitter<String> sampleSets,
            Vertx vertx,
            InFlightConsumers inFlight,
            MeterRegistry registry,
            GeneratorConfig config,
            DeletionStore deletions) {
        this.backends = backends;
        this.deletions = deletions;
        this.store = store;
        this.runs = runs;
        this.sampleSets = sampleSets;
        this.vertx = vertx;
        this.registry = registry;
        this.records = inFlight.records(
                CHANNEL,
                GenerationRequest.class,
                GenerationRequestConsumer::setKey,
                config.generator().maxConcurrentRequests(),
                LOG);
    }

    @Incoming(CHANNEL)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<String> record) {
        return records.admit(record, this::generate);
    }

    /** The natural key of the set a request asks for. */
    private static String setKey(GenerationRequest request) {
        return EventKeys.of(request.runId(), request.prompt().id()) + "/"
                + request.variant().name();
    }

    private Uni<Void> generate(GenerationRequest request) {
        return deletions.isDeleted(request.runId()).chain(deleted -> {
            if (deleted) {
                // The run was cancelled or deleted: no model call, nothing published; the record is simply done.
                LOG.debugf(
                        "run %s is deleted; skipping prompt %s variant %s",
                        request.runId(),
                        request.prompt().id(),
                        request.variant().name());
                return Uni.createFrom().voidItem();
            }
            return generateLive(request);
        });
    }

    private Uni<Void> generateLive(GenerationRequest request) {
        return runs.find(request.runId())
                .invoke(run -> {
                    if (run == null) {
                        // Never spend model calls on a run this generator's database does not hold: the request
                        // belongs to another deployment or a deleted run. Dead-lettered, not retried.
                        throw new IllegalArgumentException("generation request for unknown run '" + request.runId()
                                + "' (prompt " + request.prompt().id() + ", variant "
                                + request.variant().name()
                                + ")");
                    }
                })
                .map(GenerationRequestConsumer::spec)
                .chain(spec -> store.find(
                                request.runId(),
                                request.prompt().id(),
                                request.variant().name(),
                                request.reference())
                        .chain(existing -> existing != null
                                ? Uni.createFrom().item(existing)
                                : sampleAndStore(request, selfSummary(spec, request)))
                        // The run's measure groups travel with each set, so that the scorer computes only those; the
                        // run (stored here when it was accepted) is where they are known, whoever sent the request.
                        .map(set -> set == null ? null : set.withMeasures(spec.measures())))
                .chain(set -> set == null
                        ? Uni.createFrom().voidItem()
                        : sampleSets.sendMessage(KeyedMessages.of(set.key(), EventJson.write(set))));
    }

    private static RunSpec spec(RunEntity run) {
        try {
            return EventJson.mapper().readValue(run.spec, RunSpec.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored run spec of " + run.id + " is not valid JSON", e);
        }
    }

    /**
     * Whether the request is for an in-context variant with a self-summary hint: its completions hold the model's own
     * summary, then the answer, and only the answer is stored (it is what gets scored).
     */
    private static boolean selfSummary(RunSpec spec, GenerationRequest request) {
        return request.renderedPrompt() != null
                && spec.icl().stream()
                        .anyMatch(v -> v.name().equals(request.variant().name()) && "self-summary".equals(v.hint()));
    }

    private Uni<SampleSet> sampleAndStore(GenerationRequest request, boolean selfSummary) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> sample(request, selfSummary)), false)
                .call(drawn -> deletions.isDeleted(request.runId()).invoke(deleted -> {
                    if (deleted) {
                        throw new RunDeletedMeanwhile();
                    }
                }))
                .onFailure(RunDeletedMeanwhile.class)
                .recoverWithItem((Drawn) null)
                .chain(drawn -> drawn == null
                        ? Uni.createFrom().<SampleSet>nullItem()
                        : store.insertIfAbsent(drawn.set(), drawn.usage())
                                .chain(inserted ->
                                        inserted ? Uni.createFrom().item(drawn.set()) : storedInstead(request)));
    }

    /** The run was deleted while its set was being drawn: the set is neither stored nor published. */
    private static final class RunDeletedMeanwhile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RunDeletedMeanwhile() {
            super("run deleted while its set was drawn", null, false, false);
        }
    }

    /** The set another delivery or instance stored first: that one counts, so that one is published. */
    private Uni<SampleSet> storedInstead(GenerationRequest request) {
        return store.find(
                request.runId(), request.prompt().id(), request.variant().name(), request.reference());
    }

    private Drawn sample(GenerationRequest request, boolean selfSummary) {
        String backendName = request.variant().backend();
        SamplingBackend backend = backends.get(backendName);
        long start = System.nanoTime();
        SampledSet drawn = backend == null
                ? SampledSet.failed("backend '" + backendName + "' is not available in this generator")
                : backend.sample(request);
        SampledSet result = selfSummary && !drawn.failed() ? answersOnly(drawn) : drawn;
        Timer.builder("overton.generation.latency")
                .description("Time to draw one sample set")
                .tag("backend", String.valueOf(backendName))
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - start));
        Counter.builder("overton.generation.sets")
                .description("Sample sets drawn, by backend, variant and outcome")
                .tag("backend", String.valueOf(backendName))
                .tag("variant", request.variant().name())
                .tag("outcome", result.failed() ? SampleSet.FAILED : SampleSet.GENERATED)
                .register(registry)
                .increment();
        if (result.failed()) {
            LOG.warnf(
                    "run %s prompt %s variant %s failed: %s",
                    request.runId(),
                    LogSafe.quote(request.prompt().id()),
                    LogSafe.quote(request.variant().name()),
                    LogSafe.quote(result.error()));
        }
        return new Drawn(
                new SampleSet(
                        SchemaVersions.V1,
                        request.runId(),
                        request.prompt().id(),
                        request.variant().name(),
                        request.reference(),
                        result.failed() ? SampleSet.FAILED : SampleSet.GENERATED,
                        result.error(),
                        result.samples(),
                        Instant.now().truncatedTo(ChronoUnit.MICROS)),
                result.usage());
    }

    /** Keeps only the answer part of self-summary completions; a completion without one stores empty text. */
    private static SampledSet answersOnly(SampledSet drawn) {
        List<Sample> answers = drawn.samples().stream()
                .map(s -> {
                    String answer = SelfSummaryAnswers.answerOf(s.text());
                    return answer == null
                            ? new Sample(s.index(), "", "no-answer")
                            : new Sample(s.index(), answer, s.finishReason());
                })
                .toList();
        return new SampledSet(answers, null, drawn.usage());
    }

    /** A drawn set and what its samples cost; the cost is stored here but not published (the event has no room). */
    private record Drawn(SampleSet set, List<SampleUsage> usage) {}
}

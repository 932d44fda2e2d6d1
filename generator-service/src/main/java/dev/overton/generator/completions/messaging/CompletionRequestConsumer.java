package dev.overton.generator.completions.messaging;

import java.time.Duration;
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

import dev.overton.contracts.Completion;
import dev.overton.contracts.CompletionRequest;
import dev.overton.generator.completions.CompletionCalls;
import dev.overton.generator.completions.persistence.CompletionStore;
import dev.overton.generator.config.GeneratorConfig;
import dev.overton.generator.messaging.AnswerOutbox;
import dev.overton.generator.messaging.AnswerRequests;
import dev.overton.generator.messaging.InFlightConsumers;
import dev.overton.generator.messaging.InFlightRecords;
import dev.overton.generator.messaging.PerKeySequencer;
import dev.overton.generator.sampling.Backends;
import dev.overton.support.log.LogSafe;

/**
 * Consumes completion requests (judge verdicts, hint summaries): calls the model named by the request through the
 * generator's backends, stores the answer in {@code completions}, then publishes exactly one {@link Completion} per
 * request id on {@code completions} ({@link AnswerOutbox}). The offset is committed only after that.
 *
 * <p>Idempotent: a request whose answer is stored already (a redelivery, a crash between the write and the publish) gets
 * the stored answer republished, without a second model call. The run need not be known here: a requester may ask
 * before the run reached this generator, or without a run it holds. A request the generator cannot serve (unknown or
 * {@code replay} backend, a missing endpoint) is answered with a failed completion naming the field; only a record that
 * cannot be parsed (not JSON, missing fields, unknown schema version) goes to {@code completion-requests-dlq}.
 *
 * <p>Up to {@code overton.generator.max-concurrent-completions} requests are worked on at a time ({@link
 * InFlightRecords}); two deliveries of one request id are handled one after the other ({@link PerKeySequencer}).
 *
 * <p>Metrics: {@value #COMPLETIONS} (counter; {@code backend}, {@code purpose}, {@code status}), {@value #LATENCY}
 * (timer of the whole call, retries included; {@code backend}, {@code purpose}), {@value #REPUBLISHED} (counter;
 * {@code purpose}).
 */
@ApplicationScoped
public class CompletionRequestConsumer {

    static final String CHANNEL = "completion-requests-in";

    /** The channel the answers are published on (topic {@code completions}). */
    static final String OUT_CHANNEL = "completions-out";

    /** Counter: completion requests answered with a model call (or refused), by backend, purpose and status. */
    public static final String COMPLETIONS = "overton.generation.completions";

    /** Timer: one completion request's model call, retries included, by backend and purpose. */
    public static final String LATENCY = "overton.generation.completion.latency";

    /** Counter: stored completions published again for a redelivered request, by purpose. */
    public static final String REPUBLISHED = "overton.generation.completions.republished";

    private static final Logger LOG = Logger.getLogger(CompletionRequestConsumer.class);

    private final CompletionCalls calls;
    private final MeterRegistry registry;
    private final AnswerRequests<CompletionRequest, Completion> requests;

    public CompletionRequestConsumer(
            Backends backends,
            CompletionStore store,
            @Channel(OUT_CHANNEL) MutinyEmitter<String> completions,
            InFlightConsumers inFlight,
            MeterRegistry registry,
            GeneratorConfig config) {
        this.calls = new CompletionCalls(backends::get, backends.names());
        this.registry = registry;
        this.requests = inFlight.answers(
                CHANNEL,
                CompletionRequest.class,
                CompletionRequest::requestId,
                CompletionRequest::model,
                store,
                completions,
                config.generator().maxConcurrentCompletions(),
                LOG);
    }

    @Incoming(CHANNEL)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<String> record) {
        return requests.admit(record, this::call, this::countRepublished);
    }

    /** The stored completions and their publishing, for the outbox sweep. */
    public AnswerOutbox<Completion> outbox() {
        return requests.outbox();
    }

    private void countRepublished(CompletionRequest request) {
        Counter.builder(REPUBLISHED)
                .description("Stored completions published again for a redelivered request, by purpose")
                .tag("purpose", request.purpose())
                .register(registry)
                .increment();
    }

    private Completion call(CompletionRequest request, String backend) {
        long start = System.nanoTime();
        Completion answer = calls.call(request);
        Timer.builder(LATENCY)
                .description("Time to answer one completion request, retries included")
                .tag("backend", backend)
                .tag("purpose", request.purpose())
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - start));
        Counter.builder(COMPLETIONS)
                .description("Completion requests answered, by backend, purpose and status")
                .tag("backend", backend)
                .tag("purpose", request.purpose())
                .tag("status", answer.status())
                .register(registry)
                .increment();
        if (answer.failed()) {
            LOG.warnf(
                    "completion %s (%s, run %s) failed: %s",
                    LogSafe.quote(request.requestId()),
                    LogSafe.quote(request.purpose()),
                    LogSafe.quote(request.runId()),
                    LogSafe.quote(answer.error()));
        }
        return answer;
    }
}

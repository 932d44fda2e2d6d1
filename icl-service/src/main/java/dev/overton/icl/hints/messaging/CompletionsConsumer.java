package dev.overton.icl.hints.messaging;

import java.time.Instant;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.Completion;
import dev.overton.icl.hints.SummaryRequests;
import dev.overton.icl.hints.persistence.SummaryStore;
import dev.overton.support.log.LogSafe;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

/**
 * Consumes {@code completions} (its own consumer group) and stores the answers to icl-service's summary requests:
 * the summary, or the failure (a failed call, or an empty summary). Completions of other purposes (judge verdicts) are
 * skipped. The store keeps only the first answer per request id, so a redelivered completion changes nothing; the
 * in-context request that waits for the summary is built by the orchestrator's next sweep, once, whatever the number of
 * deliveries.
 */
@ApplicationScoped
public class CompletionsConsumer {

    /** The channel. */
    public static final String CHANNEL = "completions-in";

    private static final Logger LOG = Logger.getLogger(CompletionsConsumer.class);

    private final SummaryStore store;
    private final ConsumerMetrics metrics;

    public CompletionsConsumer(SummaryStore store, ConsumerMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        return InboundRecords.handle(CHANNEL, json, Completion.class, metrics, LOG, completion -> {
            if (!SummaryRequests.PURPOSE.equals(completion.purpose())) {
                return Uni.createFrom().voidItem(); // another service's completion (e.g. a judge verdict)
            }
            return store.record(completion, Instant.now())
                    .invoke(recorded -> {
                        if (recorded == null) {
                            LOG.debugf(
                                    "summary %s: answered before, or not ours; nothing changed",
                                    completion.requestId());
                        } else if (SummaryStore.FAILED.equals(recorded.status())) {
                            LOG.warnf(
                                    "run %s: summary %s failed: %s",
                                    LogSafe.quote(recorded.runId()),
                                    LogSafe.quote(completion.requestId()),
                                    LogSafe.quote(recorded.error()));
                        } else {
                            LOG.debugf("run %s: summary %s stored", recorded.runId(), completion.requestId());
                        }
                    })
                    .replaceWithVoid();
        });
    }
}

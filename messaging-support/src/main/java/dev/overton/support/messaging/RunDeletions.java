package dev.overton.support.messaging;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

import dev.overton.contracts.RunDeletionConfirmed;
import dev.overton.contracts.RunDeletionRequested;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.json.EventJson;

/**
 * The part of handling a {@code run-deletions} record that every service holding run data does alike: delete, then
 * confirm on {@code run-deletion-confirmations} (key: run id) under the service's name, only once the deletion is
 * durable. What a service deletes, and which gauges it recomputes, stay in its own consumer.
 */
public final class RunDeletions {

    private RunDeletions() {}

    /**
     * Handles one {@code run-deletions} record as every consumer does ({@link InboundRecords}): parsed, then {@link
     * #deleteThenConfirm}.
     */
    public static Uni<Void> consume(
            String channel,
            String json,
            String service,
            Function<String, Uni<?>> delete,
            MutinyEmitter<String> confirmations,
            ConsumerMetrics counters,
            Logger log) {
        return InboundRecords.handle(
                channel,
                json,
                RunDeletionRequested.class,
                counters,
                log,
                deletion -> deleteThenConfirm(deletion, service, delete, confirmations));
    }

    /**
     * Runs {@code delete} for the run of {@code deletion}, then sends a {@link RunDeletionConfirmed} from {@code service}
     * on {@code confirmations}. A replayed deletion deletes nothing more and confirms again (harmless).
     */
    public static Uni<Void> deleteThenConfirm(
            RunDeletionRequested deletion,
            String service,
            Function<String, Uni<?>> delete,
            MutinyEmitter<String> confirmations) {
        String runId = deletion.runId();
        RunDeletionConfirmed confirmed = new RunDeletionConfirmed(
                SchemaVersions.V1, runId, service, Instant.now().truncatedTo(ChronoUnit.MICROS));
        return delete.apply(runId)
                .chain(() -> confirmations.sendMessage(KeyedMessages.of(runId, EventJson.write(confirmed))));
    }
}

package dev.overton.scorer.scoring.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import dev.overton.contracts.SampleSet;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;
import dev.overton.support.messaging.TransientFailures;

/**
 * Consumes sample sets in batches (one Kafka poll, at most {@code max.poll.records}): each batch is scored, stored and
 * published by {@link SampleSetBatch} in a handful of round trips, and acknowledged (its offsets committed) only after
 * all of that. The consumer handles one batch at a time, so the work in flight, and the memory it holds, is bounded by
 * the batch size however far the scorer falls behind.
 *
 * <p>Every record gets what {@link InboundRecords} gives a record handled alone: one that cannot be parsed, or carries
 * text PostgreSQL cannot store, goes to {@code sample-sets-dlq} at once (this consumer sends it there itself, so that
 * the rest of the batch goes on); transient failures (database or broker briefly away) are retried with back-off. When
 * a batch still fails, its transaction left nothing behind, and its sets are scored one by one: one bad set is
 * dead-lettered and never holds up or loses the others. A failed generation is stored (so it is visible) but has
 * nothing to score.
 */
@ApplicationScoped
public class SampleSetConsumer {

    static final String CHANNEL = "sample-sets-in";
    private static final Logger LOG = Logger.getLogger(SampleSetConsumer.class);

    private final SampleSetBatch batch;
    private final MutinyEmitter<String> deadLetters;
    private final ConsumerMetrics metrics;

    public SampleSetConsumer(
            SampleSetBatch batch,
            @Channel("sample-sets-dlq-out") MutinyEmitter<String> deadLetters,
            ConsumerMetrics metrics) {
        this.batch = batch;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<List<String>> records) {
        List<Inbound> parsed = new ArrayList<>();
        List<Uni<Void>> rejected = new ArrayList<>();
        for (Inbound in : inbound(records)) {
            try {
                parsed.add(in.with(InboundRecords.parse(CHANNEL, in.json(), SampleSet.class, metrics, LOG)));
            } catch (RuntimeException e) {
                rejected.add(deadLetter(in, e));
            }
        }
        Uni<Void> rejectedSent = rejected.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join().all(rejected).andFailFast().replaceWithVoid();
        return rejectedSent
                .chain(() -> score(parsed))
                .onItemOrFailure()
                .transformToUni((ok, failure) -> failure == null
                        ? Uni.createFrom().completionStage(records::ack)
                        : Uni.createFrom().completionStage(() -> records.nack(failure)));
    }

    /** The batch's records: from the Kafka batch metadata (with key, partition and offset), else the payloads. */
    @SuppressWarnings("unchecked")
    private static List<Inbound> inbound(Message<List<String>> records) {
        List<Inbound> inbound = new ArrayList<>();
        records.getMetadata(IncomingKafkaRecordBatchMetadata.class)
                .ifPresentOrElse(
                        m -> {
                            for (ConsumerRecord<?, ?> r : (Iterable<ConsumerRecord<?, ?>>) m.getRecords()) {
                                ConsumerRecord<String, String> record = (ConsumerRecord<String, String>) r;
                                inbound.add(new Inbound(record.value(), record, null));
                            }
                        },
                        () -> records.getPayload().forEach(json -> inbound.add(new Inbound(json, null, null))));
        return inbound;
    }

    /** The batch in one go; on failure, set by set. */
    private Uni<Void> score(List<Inbound> parsed) {
        if (parsed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // A set redelivered within the batch is stored once (a key twice in one upsert would fail it): the last wins.
        Map<String, SampleSet> unique = new LinkedHashMap<>();
        for (Inbound in : parsed) {
            unique.put(in.set().key() + '\u0000' + in.set().variant(), in.set());
        }
        List<SampleSet> sets = List.copyOf(unique.values());
        return InboundRecords.retryTransient(Uni.createFrom().deferred(() -> batch.score(sets)))
                .onItem()
                .invoke(() -> parsed.forEach(in -> metrics.processed(CHANNEL)))
                .onFailure()
                .recoverWithUni(failure -> {
                    LOG.warnf(
                            "%s: a batch of %d sample sets failed (%s); scoring them one by one",
                            CHANNEL, parsed.size(), failure.toString());
                    return oneByOne(parsed, !TransientFailures.isTransient(failure));
                });
    }

    /**
     * Each set in its own transaction, retried on transient failures only when the batch failed permanently (a batch
     * that used up its retries found the database away, and retrying each set as long would stall the partition).
     */
    private Uni<Void> oneByOne(List<Inbound> parsed, boolean retry) {
        return Multi.createFrom()
                .iterable(parsed)
                .onItem()
                .transformToUniAndConcatenate(in -> {
                    Uni<Void> attempt = Uni.createFrom().deferred(() -> batch.score(List.of(in.set())));
                    return (retry ? InboundRecords.retryTransient(attempt) : attempt)
                            .onItem()
                            .invoke(() -> metrics.processed(CHANNEL))
                            .onFailure()
                            .recoverWithUni(failure -> {
                                metrics.failed(CHANNEL, ConsumerMetrics.DeadLetterReason.HANDLER_FAILED);
                                LOG.warnf(
                                        "%s: dead-lettering a SampleSet after its handler failed: %s",
                                        CHANNEL, failure.toString());
                                return deadLetter(in, failure);
                            });
                })
                .collect()
                .last()
                .replaceWithVoid();
    }

    /**
     * Sends a record to {@code sample-sets-dlq} with its key and value, and the headers the connector's dead-letter
     * strategy writes ({@code dead-letter-reason}, {@code -cause}, {@code -topic}, {@code -partition}, {@code -offset}).
     */
    private Uni<Void> deadLetter(Inbound in, Throwable reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", bytes(String.valueOf(reason.getMessage())));
        if (reason.getCause() != null) {
            headers.add(
                    "dead-letter-cause", bytes(String.valueOf(reason.getCause().getMessage())));
        }
        ConsumerRecord<String, String> record = in.record();
        String key = null;
        if (record != null) {
            key = record.key();
            headers.add("dead-letter-topic", bytes(record.topic()));
            headers.add("dead-letter-partition", bytes(Integer.toString(record.partition())));
            headers.add("dead-letter-offset", bytes(Long.toString(record.offset())));
        }
        Message<String> message = Message.of(in.json() == null ? "" : in.json())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(key)
                        .withHeaders(headers)
                        .build());
        return deadLetters.sendMessage(message);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One record of a batch.
     *
     * @param json its value
     * @param record the Kafka record it came in (null outside Kafka, e.g. in-memory tests)
     * @param set the parsed set (null until parsed)
     */
    private record Inbound(String json, ConsumerRecord<String, String> record, SampleSet set) {

        Inbound with(SampleSet parsed) {
            return new Inbound(json, record, parsed);
        }
    }
}

package dev.overton.scorer;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;

import dev.overton.contracts.Event;
import dev.overton.contracts.json.EventJson;
import dev.overton.support.messaging.SentEvents;

/**
 * The base of the scorer's {@code @QuarkusTest}s (all on the {@link InMemoryChannels} profile) that play the other
 * services or look at the stored rows: what they inject (the connector, the database, the meters), the runs they
 * create (every run whose id starts with one of theirs is deleted from every run table after each test) and the
 * sending and reading of events. One place, so that each test holds only its own story.
 */
public abstract class InMemoryFlow {

    /** The incoming channel the scorer consumes in batches: a record is sent to it as a batch of one. */
    private static final String BATCHED = "sample-sets-in";

    @Inject
    @Any
    protected InMemoryConnector connector;

    @Inject
    protected AgroalDataSource dataSource;

    @Inject
    protected MeterRegistry registry;

    private final List<String> runPrefixes = new ArrayList<>();

    /**
     * A fresh run id starting with {@code prefix}; the rows of every run whose id starts with it (so also of ids the
     * test builds on it) are deleted after the test.
     */
    protected String newRun(String prefix) {
        String id = prefix + UUID.randomUUID();
        runPrefixes.add(id);
        return id;
    }

    @AfterEach
    void deleteRuns() {
        for (String prefix : runPrefixes) {
            tables().deleteRunsStartingWith(prefix);
        }
    }

    /** JDBC on the service's tables. */
    protected ScorerTables tables() {
        return new ScorerTables(dataSource);
    }

    /** The sink of the outgoing {@code channel}, emptied of what earlier tests left in it. */
    protected InMemorySink<String> clearedSink(String channel) {
        InMemorySink<String> sink = connector.sink(channel);
        sink.clear();
        return sink;
    }

    /** Sends {@code event} as JSON to the incoming {@code channel}. */
    protected void send(String channel, Object event) {
        sendJson(channel, EventJson.write(event));
    }

    /** Sends {@code json} as it is (a batch of one on the batched channel) to the incoming {@code channel}. */
    protected void sendJson(String channel, String json) {
        if (channel.equals(BATCHED)) {
            connector.source(channel).send(List.of(json));
        } else {
            connector.source(channel).send(json);
        }
    }

    /** The events the service sent to {@code sink}, as {@code type}, that {@code ours} keeps. */
    protected static <T extends Event> List<T> sent(InMemorySink<String> sink, Class<T> type, Predicate<T> ours) {
        return SentEvents.of(sink.received(), type, ours);
    }
}

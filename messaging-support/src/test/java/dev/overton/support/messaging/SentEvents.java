package dev.overton.support.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.microprofile.reactive.messaging.Message;

import dev.overton.contracts.Event;
import dev.overton.contracts.json.EventJson;

/**
 * Reads back what a service sent to an in-memory sink, as event records, keeping only those of one run (or request,
 * or monitor). The services' {@code @QuarkusTest}s share one Quarkus JVM and so one sink per channel: a test must look
 * only at its own events. Shared with the services' tests through this module's test jar.
 */
public final class SentEvents {

    private SentEvents() {}

    /**
     * The payloads of {@code received} (an {@code InMemorySink}'s {@code received()}) read as {@code type}, in the
     * order they were sent, that {@code ours} keeps. The list is copied first: the service may still be sending while
     * the test reads.
     */
    public static <T extends Event> List<T> of(
            List<? extends Message<String>> received, Class<T> type, Predicate<? super T> ours) {
        List<T> mine = new ArrayList<>();
        for (Message<String> message : List.copyOf(received)) {
            T event = EventJson.read(message.getPayload(), type);
            if (ours.test(event)) {
                mine.add(event);
            }
        }
        return mine;
    }
}

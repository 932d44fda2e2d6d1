package dev.overton.generator.testing;

import java.time.Duration;
import java.util.Optional;

import org.awaitility.Awaitility;

import io.smallrye.reactive.messaging.memory.InMemorySink;

import dev.overton.contracts.SampleSet;
import dev.overton.contracts.json.EventJson;

/** The sample sets the generator published on an in-memory {@code sample-sets} sink, as tests wait for them. */
public final class PublishedSets {

    private PublishedSets() {}

    /** The first set published for ({@code runId}, {@code promptId}), waited for up to 30 s. */
    public static SampleSet await(InMemorySink<String> sink, String runId, String promptId) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> find(sink, runId, promptId), Optional::isPresent)
                .orElseThrow();
    }

    private static Optional<SampleSet> find(InMemorySink<String> sink, String runId, String promptId) {
        return sink.received().stream()
                .map(m -> EventJson.read(m.getPayload(), SampleSet.class))
                .filter(s -> s.runId().equals(runId) && s.promptId().equals(promptId))
                .findFirst();
    }
}

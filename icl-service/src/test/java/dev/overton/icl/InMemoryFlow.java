package dev.overton.icl;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.Event;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.support.messaging.SentEvents;

/**
 * The base of icl-service's {@code @QuarkusTest}s that play the other services on the in-memory channels: what they
 * inject (the connector, the database, the meters), the runs they create (deleted from every icl table after each
 * test), the sending and reading of events and the generator's teacher side of a run. One place, so that each flow
 * test holds only its own story.
 */
public abstract class InMemoryFlow {

    @Inject
    @Any
    protected InMemoryConnector connector;

    @Inject
    protected AgroalDataSource dataSource;

    @Inject
    protected MeterRegistry registry;

    private final List<String> runs = new ArrayList<>();

    /** A fresh run id starting with {@code prefix}; its rows are deleted after the test. */
    protected String newRun(String prefix) {
        String id = prefix + UUID.randomUUID();
        runs.add(id);
        return id;
    }

    @AfterEach
    void deleteRuns() {
        tables().deleteRuns(runs.toArray(String[]::new));
    }

    /** JDBC on the service's tables. */
    protected IclTables tables() {
        return new IclTables(dataSource);
    }

    /** Sends {@code event} as JSON to the incoming {@code channel}. */
    protected void send(String channel, Object event) {
        connector.source(channel).send(EventJson.write(event));
    }

    /**
     * The teacher's side of a run as the generator sends it to icl-service: for each query (prompt id = its index), the
     * teacher variant's generation request and its generated sample set ({@code samples} of the prompt's index).
     */
    protected void sendTeacherSide(
            String runId, VariantSpec teacher, List<String> queries, IntFunction<List<Sample>> samples) {
        for (int i = 0; i < queries.size(); i++) {
            String id = String.valueOf(i);
            Prompt prompt = new Prompt(id, i, List.of(new ChatMessage("user", queries.get(i))));
            send(
                    "generation-requests-in",
                    new GenerationRequest(SchemaVersions.V1, runId, prompt, teacher, true, Instant.now()));
            send(
                    "sample-sets-in",
                    new SampleSet(
                            SchemaVersions.V1,
                            runId,
                            id,
                            teacher.name(),
                            true,
                            SampleSet.GENERATED,
                            null,
                            samples.apply(i),
                            Instant.now()));
        }
    }

    /**
     * Waits (up to {@code timeout}) until the plan of {@code runId} ({@code GET /runs/{id}/plan}) counts {@code prompts}
     * prompts and as many teacher sets received: the run and its teacher side are stored.
     */
    protected void awaitTeacherSideStored(String runId, int prompts, Duration timeout) {
        await().atMost(timeout)
                .untilAsserted(() -> given().get("/runs/{id}/plan", runId)
                        .then()
                        .statusCode(200)
                        .body("promptsReceived", equalTo(prompts))
                        .body("teacherSetsReceived", equalTo(prompts)));
    }

    /** The prompt rendered for prompt {@code promptId} among the {@code sent} requests; fails when none is for it. */
    protected static String renderedPrompt(List<GenerationRequest> sent, String promptId) {
        return sent.stream()
                .filter(r -> r.prompt().id().equals(promptId))
                .findFirst()
                .orElseThrow()
                .renderedPrompt();
    }

    /** The events of this test's runs ({@code run} names an event's run) the service sent to {@code sink}. */
    protected <T extends Event> List<T> ours(InMemorySink<String> sink, Class<T> type, Function<T, String> run) {
        return SentEvents.of(sink.received(), type, event -> runs.contains(run.apply(event)));
    }
}

package dev.overton.generator.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.RunDeletionConfirmed;
import dev.overton.contracts.RunDeletionRequested;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.sampling.openai.FakeOpenAiServer;
import dev.overton.generator.testing.RunPosts;
import dev.overton.generator.testing.Sql;

/**
 * The run catalog of issue 14 on the real PostgreSQL with in-memory channels: {@code GET /runs} (filters, newest first,
 * cursor pages, bad parameters), {@code DELETE /runs/{id}} (key, 202, deleting until every service confirmed, then 404),
 * the generator's deletion consumer (every table empty for the run, another run intact, a replay harmless) and the
 * cancellation of a deleted run's generation requests.
 */
@QuarkusTest
class CatalogTest {

    private static final String KEY = "test-key";

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    AgroalDataSource dataSource;

    private final String token = "cat" + UUID.randomUUID().toString().substring(0, 8);
    private final String old = token + "-old";
    private final String middle = token + "-middle";
    private final String newest = token + "-new";
    private Sql sql;

    @BeforeEach
    void insertRuns() {
        sql = new Sql(dataSource);
        insertRun(old, "alpha " + token, "v1", "2020-01-01T00:00:00Z");
        insertRun(middle, "beta " + token, "v2", "2020-01-02T00:00:00Z");
        insertRun(newest, "ALPHA two " + token, "v1", "2020-01-03T00:00:00Z");
        // The middle run has one variant and one prompt but no set yet: generating.
        sql.execute(
                "insert into generator.run_variants (run_id, variant, position, reference, spec)"
                        + " values (?, 'base', 0, true, '{}')",
                middle);
    }

    @AfterEach
    void cleanUp() {
        for (String id : List.of(old, middle, newest)) {
            sql.execute("delete from generator.runs where id = ?", id);
            sql.execute("delete from generator.completions where run_id = ?", id);
            sql.execute("delete from generator.run_deletions where run_id = ?", id);
            sql.execute("delete from generator.run_deletion_confirmations where run_id = ?", id);
        }
    }

    private void insertRun(String id, String name, String label, String createdAt) {
        sql.execute(
                "insert into generator.runs (id, name, reference, spec, prompt_count, created_at, published_at, label)"
                        + " values (?, ?, 'base', '{}', 1, ?::timestamptz, now(), ?)",
                id,
                name,
                createdAt,
                label);
    }

    @Test
    void listsRunsNewestFirstFilteredAndPagedByCursor() {
        JsonPath first = given().queryParam("name", token)
                .queryParam("limit", 2)
                .when()
                .get("/runs")
                .then()
                .statusCode(200)
                .body("items.id", contains(newest, middle))
                .body("items[1].status", equalTo("generating"))
                .body("items[1].variants", contains("base"))
                .body("items[0].label", equalTo("v1"))
                .body("items[0].prompts", equalTo(1))
                .body("next", notNullValue())
                .extract()
                .jsonPath();
        given().queryParam("name", token)
                .queryParam("limit", 2)
                .queryParam("cursor", first.getString("next"))
                .when()
                .get("/runs")
                .then()
                .statusCode(200)
                .body("items.id", contains(old))
                .body("next", nullValue());
        given().queryParam("name", "alpha " + token.toUpperCase())
                .when()
                .get("/runs")
                .then()
                .statusCode(200)
                .body("items.id", contains(old));
        given().queryParam("name", token)
                .queryParam("label", "v1")
                .queryParam("status", "complete")
                .when()
                .get("/runs")
                .then()
                .statusCode(200)
                .body("items.id", contains(newest, old));
        // These runs are no monitor's windows (the monitor filter itself: MonitorApiTest).
        given().queryParam("name", token)
                .queryParam("monitor", "no-such-monitor")
                .when()
                .get("/runs")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void badParametersGetAProblemNamingTheParameter() {
        for (Map.Entry<String, String> bad : List.of(
                Map.entry("cursor", "not-a-cursor!"),
                Map.entry("cursor", "bm90LWEtY3Vyc29y"),
                Map.entry("limit", "0"),
                Map.entry("limit", "501"),
                Map.entry("limit", "ten"),
                Map.entry("status", "finished"))) {
            given().queryParam(bad.getKey(), bad.getValue())
                    .when()
                    .get("/runs")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo(bad.getKey()))
                    .body("detail", containsString(bad.getKey()));
        }
    }

    @Test
    void deleteNeedsTheApiKeyAndAnExistingRun() {
        given().when().delete("/runs/" + old).then().statusCode(401).contentType("application/problem+json");
        given().header("X-API-Key", KEY)
                .when()
                .delete("/runs/no-such-run")
                .then()
                .statusCode(404);
        assertThat(sql.query("select 1 from generator.run_deletions where run_id = ?", old))
                .isEmpty();
    }

    @Test
    void deletedRunIsDeletingUntilEveryServiceConfirmedThenGone() {
        fillRun(old);
        fillRun(middle);
        InMemorySink<String> deletions = connector.sink("run-deletions-out");
        InMemorySink<String> confirmations = connector.sink("run-deletion-confirmations-out");

        given().header("X-API-Key", KEY)
                .when()
                .delete("/runs/" + old)
                .then()
                .statusCode(202)
                .body("status", equalTo("deleting"));
        RunDeletionRequested published = deletions.received().stream()
                .map(m -> EventJson.read(m.getPayload(), RunDeletionRequested.class))
                .filter(d -> d.runId().equals(old))
                .findFirst()
                .orElseThrow();
        assertThat(published.reason()).isEqualTo(RunDeletionRequested.BY_USER);
        given().when().get("/runs/" + old).then().statusCode(200).body("status", equalTo("deleting"));
        given().queryParam("name", token)
                .when()
                .get("/runs")
                .then()
                .body("items.find { it.id == '" + old + "' }.status", equalTo("deleting"));

        connector.source("run-deletions-in").send(EventJson.write(published));
        await().atMost(Duration.ofSeconds(10)).until(() -> rowsOf(old) == 0);
        assertThat(rowsOf(middle)).as("the other run is untouched").isEqualTo(7);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> confirmations.received().stream()
                        .map(m -> EventJson.read(m.getPayload(), RunDeletionConfirmed.class))
                        .anyMatch(c -> c.runId().equals(old) && c.service().equals("generator-service")));

        // A replayed deletion deletes nothing more and resurrects nothing.
        connector.source("run-deletions-in").send(EventJson.write(published));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> rowsOf(old) == 0);
        assertThat(rowsOf(middle)).isEqualTo(7);

        for (String service : RunDeletionConfirmed.SERVICES) {
            given().when().get("/runs/" + old).then().statusCode(200).body("status", equalTo("deleting"));
            connector
                    .source("run-deletion-confirmations-in")
                    .send(EventJson.write(new RunDeletionConfirmed(
                            SchemaVersions.V1, old, service, Instant.parse("2026-01-01T00:00:00Z"))));
            if (!service.equals(RunDeletionConfirmed.SERVICES.get(RunDeletionConfirmed.SERVICES.size() - 1))) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> sql.query(
                                                "select 1 from generator.run_deletion_confirmations where run_id = ? and service = ?",
                                                old,
                                                service)
                                        .size()
                                == 1);
            }
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().when().get("/runs/" + old).then().statusCode(404));
        given().header("X-API-Key", KEY).when().delete("/runs/" + old).then().statusCode(404);
        given().when().get("/runs/" + middle).then().statusCode(200).body("status", equalTo("generating"));
    }

    @Test
    void requestsOfADeletedRunAreSkippedWithoutAModelCall() {
        try (FakeOpenAiServer server = FakeOpenAiServer.healthy()) {
            InMemorySink<String> sets = connector.sink("sample-sets-out");
            given().header("X-API-Key", KEY)
                    .when()
                    .delete("/runs/" + newest)
                    .then()
                    .statusCode(202);
            requestSetOfNewest(server);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> server.received().isEmpty());
            assertNothingStoredOrPublishedForNewest(sets);
        }
    }

    @Test
    void failedModelCallOfARunDeletedMeanwhileIsNotRetried() {
        // The server fails every request with 503 after a second, so the backend would retry it (default settings: 4
        // attempts, the first retry within 0.5-1 s). The run is deleted while its first request is at the server.
        try (FakeOpenAiServer server =
                FakeOpenAiServer.start(r -> FakeOpenAiServer.Reply.of(503, "{\"error\":\"Model is overloaded\"}")
                        .after(Duration.ofSeconds(1)))) {
            InMemorySink<String> sets = connector.sink("sample-sets-out");
            requestSetOfNewest(server);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.received().size() == 1);
            given().header("X-API-Key", KEY)
                    .when()
                    .delete("/runs/" + newest)
                    .then()
                    .statusCode(202);

            await().during(Duration.ofSeconds(4))
                    .atMost(Duration.ofSeconds(6))
                    .until(() -> server.received().size() == 1);
            assertNothingStoredOrPublishedForNewest(sets);
        }
    }

    /** Asks for a set of two samples of the newest run, from {@code server}. */
    private void requestSetOfNewest(FakeOpenAiServer server) {
        connector
                .source("generation-requests-in")
                .send(EventJson.write(new GenerationRequest(
                        SchemaVersions.V1,
                        newest,
                        new Prompt("p0", 0, List.of(new ChatMessage("user", "Why is the sky blue?"))),
                        new VariantSpec("base", "openai", "test-model", null, server.baseUrl(), "chat", 2, Map.of()),
                        true,
                        Instant.now())));
    }

    private void assertNothingStoredOrPublishedForNewest(InMemorySink<String> sets) {
        assertThat(sets.received().stream()
                        .map(m -> EventJson.read(m.getPayload(), SampleSet.class))
                        .filter(s -> s.runId().equals(newest)))
                .isEmpty();
        assertThat(sql.query("select 1 from generator.sample_sets where run_id = ?", newest))
                .isEmpty();
    }

    @Test
    void labelIsCheckedAndShown() {
        String spec = "{\"name\":\"labelled " + token + "\",\"label\":%s,\"dataset\":{\"prompts\":[\"Hi?\"]},"
                + "\"reference\":\"chat\",\"variants\":[{\"name\":\"chat\",\"backend\":\"openai\","
                + "\"endpoint\":\"http://127.0.0.1:9/v1\",\"model\":\"m\",\"samples\":2}]}";
        RunPosts.post(String.format(spec, "\"line\\nbreak\"")).statusCode(400).body("errors.field", contains("label"));
        RunPosts.post(String.format(spec, "\"" + "x".repeat(201) + "\""))
                .statusCode(400)
                .body("errors.field", contains("label"));
        String id = RunPosts.accepted(String.format(spec, "\"model v7\""));
        try {
            given().when().get("/runs/" + id).then().statusCode(200).body("label", equalTo("model v7"));
            given().queryParam("name", "labelled " + token)
                    .when()
                    .get("/runs")
                    .then()
                    .body("items", hasSize(1))
                    .body("items[0].label", equalTo("model v7"));
        } finally {
            sql.execute("delete from generator.runs where id = ?", id);
        }
    }

    /** Adds a prompt, a variant, a sample set with one sample and a completion to the run. */
    private void fillRun(String id) {
        sql.execute(
                "insert into generator.run_prompts (run_id, prompt_id, prompt_index, messages) values (?, 'p0', 0, '[]')",
                id);
        sql.execute(
                "insert into generator.run_variants (run_id, variant, position, reference, spec)"
                        + " values (?, 'chat', 1, false, '{}')",
                id);
        sql.execute(
                "insert into generator.sample_sets (run_id, prompt_id, variant, status, generated_at)"
                        + " values (?, 'p0', 'chat', 'generated', now())",
                id);
        sql.execute(
                "insert into generator.samples (run_id, prompt_id, variant, sample_index, text)"
                        + " values (?, 'p0', 'chat', 0, 'hello')",
                id);
        sql.execute(
                "insert into generator.completions (request_id, run_id, purpose, backend, status, text, attributes,"
                        + " completed_at) values (?, ?, 'judge:quality', 'openai', 'completed', 'ok', '{}', now())",
                id + "-req",
                id);
    }

    /** Rows of the run in every generator table (tombstone and confirmations aside). */
    private long rowsOf(String id) {
        long rows = 0;
        for (String table : List.of("run_prompts", "run_variants", "sample_sets", "samples", "completions")) {
            rows += sql.query("select 1 from generator." + table + " where run_id = ?", id)
                    .size();
        }
        rows += sql.query("select 1 from generator.runs where id = ?", id).size();
        return rows;
    }
}

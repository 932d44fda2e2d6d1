package dev.overton.generator.monitors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.memory.InMemorySource;

import dev.overton.contracts.AlarmChanged;
import dev.overton.contracts.MonitorDefined;
import dev.overton.contracts.RunCreated;
import dev.overton.contracts.RunDeletionRequested;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.testing.Sql;
import dev.overton.support.messaging.SentEvents;

/**
 * The monitor API on the real PostgreSQL with in-memory channels: every monitor field checked at {@code POST
 * /monitors} with the field named, windows as ordinary runs ({@code <monitor> #<k>}, label, {@code GET
 * /runs?monitor=}, the {@code runs} event carrying the monitor window), paired and unpaired draws, pause and resume,
 * retention through the deletion path, deletion with a tombstone on {@code monitors}, and stream monitors fed over
 * HTTP and Kafka.
 */
@QuarkusTest
class MonitorApiTest {

    private static final String KEY = "test-key";

    static final String VARIANTS = "\"reference\":\"chat\",\"variants\":[{\"name\":\"chat\",\"backend\":\"openai\","
            + "\"endpoint\":\"http://127.0.0.1:9/v1\",\"model\":\"m\",\"samples\":2},{\"name\":\"base\","
            + "\"backend\":\"openai\",\"endpoint\":\"http://127.0.0.1:9/v1\",\"model\":\"b\",\"samples\":2}]";

    static final String DATASET = "\"dataset\":{\"prompts\":[\"one?\",\"two?\",\"three?\",\"four?\",\"five?\","
            + "\"six?\",\"seven?\",\"eight?\"]}";

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    AgroalDataSource dataSource;

    private static String name() {
        return "mon-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A monitor definition of a fresh name over {@link #DATASET} and {@link #VARIANTS}; {@code fields} are its other
     * members (JSON, without the braces).
     */
    private static String definition(String fields) {
        return "{\"name\":\"" + name() + "\"," + DATASET + "," + VARIANTS + "," + fields + "}";
    }

    /** Creates a monitor and returns its id. */
    static String create(String body) {
        return postJson("/monitors", body)
                .statusCode(201)
                .header("Location", containsString("/monitors/"))
                .extract()
                .path("id");
    }

    /** POSTs {@code body} as JSON to {@code path} with the API key. */
    private static ValidatableResponse postJson(String path, String body) {
        return given().header("X-API-Key", KEY)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post(path)
                .then();
    }

    /** POSTs to {@code path} with the API key and no body. */
    private static ValidatableResponse postKeyed(String path) {
        return given().header("X-API-Key", KEY).when().post(path).then();
    }

    /** Triggers {@code count} windows of monitor {@code id} one after the other; returns their runs' ids in order. */
    private static List<String> triggerWindows(String id, int count) {
        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runIds.add(trigger(id, null).getString("runId"));
        }
        return runIds;
    }

    private static JsonPath trigger(String id, String body) {
        var request = given().header("X-API-Key", KEY);
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.when()
                .post("/monitors/" + id + "/windows")
                .then()
                .statusCode(202)
                .extract()
                .jsonPath();
    }

    @Test
    void everyBadMonitorFieldIsNamedAtPost() {
        postJson(
                        "/monitors",
                        definition("\"windw\":{},"
                                + "\"window\":{\"prompts\":9,\"every\":\"PT5S\"},"
                                + "\"alarms\":{\"metrics\":[\"jacard_1\"],\"fdr\":1.5,"
                                + "\"minEffect\":{\"jaccard_2\":0.1}},"
                                + "\"retention\":{\"windows\":0}"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "errors.field",
                        hasItems(
                                "windw",
                                "window.prompts",
                                "window.every",
                                "alarms.metrics[0]",
                                "alarms.fdr",
                                "alarms.minEffect.jaccard_2",
                                "retention.windows"))
                .body("errors.find { it.field == 'window.prompts' }.message", containsString("dataset has 8"))
                .body("errors.find { it.field == 'window.every' }.message", containsString("PT10S"));
        // The run spec's own rules apply unchanged.
        postJson(
                        "/monitors",
                        "{\"name\":\"" + name() + "\"," + DATASET + ",\"reference\":\"nope\",\"variants\":[],"
                                + "\"window\":{\"prompts\":2}}")
                .statusCode(400)
                .body("errors.field", hasItems("variants"));
        postJson("/monitors", definition("\"source\":{\"topic\":\"monitor-prompts\"},\"window\":{\"prompts\":2}"))
                .statusCode(400)
                .body("errors.field", hasItem("source"));
        postJson("/monitors", definition("\"window\":{\"prompts\":2},\"baseline\":\"no-such-run\""))
                .statusCode(400)
                .body("errors[0].field", equalTo("baseline"))
                .body("errors[0].message", containsString("names no run"));
        given().contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post("/monitors")
                .then()
                .statusCode(401);
    }

    @Test
    void aNameIsTakenWhileItsMonitorLives() {
        String name = name();
        String body = "{\"name\":\"" + name + "\"," + DATASET + "," + VARIANTS + ",\"window\":{\"prompts\":2}}";
        String id = create(body);
        postJson("/monitors", body).statusCode(409);
        given().header("X-API-Key", KEY).when().delete("/monitors/" + id).then().statusCode(202);
        create(body);
    }

    @Test
    void eachWindowIsAnOrdinaryRunCarryingItsMonitorWindowAndLabel() {
        InMemorySink<String> runs = connector.sink("runs-out");
        InMemorySink<String> monitors = connector.sink("monitors-out");
        String name = name();
        String id = create("{\"name\":\"" + name + "\",\"label\":\"v1\"," + DATASET + "," + VARIANTS
                + ",\"window\":{\"prompts\":3},\"baseline\":\"previous\","
                + "\"alarms\":{\"metrics\":[\"jaccard_1\"],\"minEffect\":{\"jaccard_1\":0.02}}}");

        MonitorDefined defined = monitors.received().stream()
                .filter(m -> id.equals(key(m)))
                .map(m -> EventJson.read(m.getPayload(), MonitorDefined.class))
                .findFirst()
                .orElseThrow();
        assertThat(defined.name()).isEqualTo(name);
        assertThat(defined.state()).isEqualTo(MonitorDefined.ACTIVE);
        assertThat(defined.monitor().baseline()).isEqualTo("previous");
        assertThat(defined.monitor().window().paired()).isTrue();
        assertThat(defined.monitor().alarms().fdr()).isEqualTo(0.05);
        assertThat(defined.monitor().alarms().minEffect()).containsEntry("jaccard_1", 0.02);
        assertThat(defined.spec().reference()).isEqualTo("chat");

        JsonPath first = trigger(id, null);
        assertThat(first.getInt("window")).isEqualTo(1);
        assertThat(first.getString("trigger")).isEqualTo("manual");
        assertThat(first.getString("status")).isEqualTo("created");
        String firstRun = first.getString("runId");
        JsonPath second = trigger(id, "{\"label\":\"v2.1\"}");
        String secondRun = second.getString("runId");

        given().when()
                .get("/runs/" + firstRun)
                .then()
                .statusCode(200)
                .body("name", equalTo(name + " #1"))
                .body("label", equalTo("v1"));
        given().when()
                .get("/runs/" + secondRun)
                .then()
                .statusCode(200)
                .body("name", equalTo(name + " #2"))
                .body("label", equalTo("v2.1"));
        given().queryParam("monitor", id)
                .when()
                .get("/runs")
                .then()
                .statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains(secondRun, firstRun))
                .body("items[0].monitor", equalTo(id))
                .body("items[0].window", equalTo(2))
                .body("items[0].prompts", equalTo(3));

        List<RunCreated> created = SentEvents.of(
                runs.received(),
                RunCreated.class,
                r -> r.runId().equals(firstRun) || r.runId().equals(secondRun));
        assertThat(created).hasSize(2);
        assertThat(created).allSatisfy(r -> {
            assertThat(r.monitor().id()).isEqualTo(id);
            assertThat(r.monitor().name()).isEqualTo(name);
            assertThat(r.promptIds()).hasSize(3);
        });
        // Paired (the default): every window asks the same prompts.
        assertThat(created.get(0).promptIds()).isEqualTo(created.get(1).promptIds());
        assertThat(created.stream().map(r -> r.monitor().window())).containsExactlyInAnyOrder(1, 2);

        given().when()
                .get("/monitors/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo(name))
                .body("state", equalTo("active"))
                .body("windows", equalTo(2))
                .body("windowsKept", equalTo(2))
                .body("lastWindow.window", equalTo(2))
                .body("lastWindow.label", equalTo("v2.1"))
                .body("nextWindowAt", nullValue())
                .body("openAlarms", org.hamcrest.Matchers.empty());
        given().when().get("/monitors").then().statusCode(200).body("id", hasItem(id));

        // The scorer's alarm records: an open alarm is shown (once, however often delivered) until its cleared record.
        AlarmChanged raised = alarm(id, name, secondRun, firstRun, AlarmChanged.OPEN, Instant.now(), null, null);
        connector.source("alarms-in").send(EventJson.write(raised));
        connector.source("alarms-in").send(EventJson.write(raised));
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> given().when()
                        .get("/monitors/" + id)
                        .then()
                        .body("openAlarms.size()", equalTo(1))
                        .body("openAlarms[0].variant", equalTo("chat"))
                        .body("openAlarms[0].metric", equalTo("jaccard_1"))
                        .body("openAlarms[0].window", equalTo(2))
                        .body("openAlarms[0].runId", equalTo(secondRun)));
        connector
                .source("alarms-in")
                .send(EventJson.write(alarm(
                        id, name, secondRun, firstRun, AlarmChanged.CLEARED, raised.raisedAt(), 3, Instant.now())));
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() ->
                        given().when().get("/monitors/" + id).then().body("openAlarms", org.hamcrest.Matchers.empty()));

        postJson("/monitors/" + id + "/windows", "{\"label\":\"bad\\nlabel\",\"lable\":1}")
                .statusCode(400)
                .body("errors.field", hasItems("label", "lable"));
        postKeyed("/monitors/no-such-monitor/windows").statusCode(404);
    }

    @Test
    void unpairedWindowsDrawFreshPrompts() {
        InMemorySink<String> runs = connector.sink("runs-out");
        String id = create(definition("\"window\":{\"prompts\":3,\"paired\":false}"));
        List<String> runIds = triggerWindows(id, 3);
        List<List<String>> prompts =
                SentEvents.of(runs.received(), RunCreated.class, r -> runIds.contains(r.runId())).stream()
                        .map(RunCreated::promptIds)
                        .toList();
        assertThat(prompts).hasSize(3).allSatisfy(p -> assertThat(p).hasSize(3));
        assertThat(prompts.stream().distinct().count()).isGreaterThan(1);
    }

    @Test
    void pauseStopsTheScheduleAndResumeStartsItOnePeriodLater() {
        InMemorySink<String> monitors = connector.sink("monitors-out");
        String id = create(definition("\"window\":{\"prompts\":2,\"every\":\"PT1H\"}"));
        postKeyed("/monitors/" + id + "/pause")
                .statusCode(200)
                .body("state", equalTo("paused"))
                .body("nextWindowAt", nullValue());
        postKeyed("/monitors/" + id + "/resume")
                .statusCode(200)
                .body("state", equalTo("active"))
                .body("nextWindowAt", notNullValue());
        assertThat(monitors.received().stream()
                        .filter(m -> id.equals(key(m)))
                        .map(m -> EventJson.read(m.getPayload(), MonitorDefined.class)
                                .state()))
                .containsSubsequence("active", "paused", "active");
        postKeyed("/monitors/no-such/pause").statusCode(404);
    }

    @Test
    void windowsBeyondRetentionAreDeletedOldestFirstThroughTheDeletionPath() {
        InMemorySink<String> deletions = connector.sink("run-deletions-out");
        String id = create(
                definition("\"window\":{\"prompts\":2},\"baseline\":\"previous\",\"retention\":{\"windows\":2}"));
        List<String> runIds = triggerWindows(id, 4);
        List<String> deleted =
                SentEvents.of(deletions.received(), RunDeletionRequested.class, d -> runIds.contains(d.runId()))
                        .stream()
                        .peek(d -> assertThat(d.reason()).isEqualTo(RunDeletionRequested.BY_RETENTION))
                        .map(RunDeletionRequested::runId)
                        .toList();
        assertThat(deleted).containsExactly(runIds.get(0), runIds.get(1));
        given().when().get("/monitors/" + id).then().body("windows", equalTo(4)).body("windowsKept", equalTo(2));
    }

    @Test
    void aFirstBaselineWindowIsNeverDeletedByRetention() {
        InMemorySink<String> deletions = connector.sink("run-deletions-out");
        String id = create(definition("\"window\":{\"prompts\":2},\"retention\":{\"windows\":1}"));
        List<String> runIds = triggerWindows(id, 3);
        List<String> deleted =
                SentEvents.of(deletions.received(), RunDeletionRequested.class, d -> runIds.contains(d.runId()))
                        .stream()
                        .map(RunDeletionRequested::runId)
                        .toList();
        assertThat(deleted).containsExactly(runIds.get(1));
    }

    @Test
    void deletingAMonitorDeletesItsWindowsRunsAndPublishesATombstone() {
        InMemorySink<String> monitors = connector.sink("monitors-out");
        InMemorySink<String> deletions = connector.sink("run-deletions-out");
        String id = create(definition("\"window\":{\"prompts\":2}"));
        String one = trigger(id, null).getString("runId");
        String two = trigger(id, null).getString("runId");
        given().when().delete("/monitors/" + id).then().statusCode(401);
        given().header("X-API-Key", KEY)
                .when()
                .delete("/monitors/" + id)
                .then()
                .statusCode(202)
                .body("state", equalTo("deleted"))
                .body("runs", hasSize(2));
        assertThat(SentEvents.of(
                        deletions.received(),
                        RunDeletionRequested.class,
                        d -> d.runId().equals(one) || d.runId().equals(two)))
                .extracting(RunDeletionRequested::reason)
                .containsExactly(RunDeletionRequested.BY_USER, RunDeletionRequested.BY_USER);
        Message<String> last = monitors.received().stream()
                .filter(m -> id.equals(key(m)))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(last.getPayload()).isNull();
        given().when().get("/monitors/" + id).then().statusCode(404);
        given().header("X-API-Key", KEY).when().delete("/monitors/" + id).then().statusCode(404);
        Sql sql = new Sql(dataSource);
        assertThat(sql.query("select 1 from generator.monitors where id = ?", id))
                .isEmpty();
        assertThat(sql.query("select 1 from generator.monitor_windows where monitor_id = ?", id))
                .isEmpty();
    }

    @Test
    void aStreamMonitorTakesThePromptsThatArrivedSinceThePreviousWindow() {
        InMemorySink<String> runs = connector.sink("runs-out");
        String name = name();
        String id = create("{\"name\":\"" + name + "\",\"source\":{\"topic\":\"monitor-prompts\"}," + VARIANTS
                + ",\"window\":{\"prompts\":2}}");
        postJson(
                        "/monitors/" + id + "/prompts",
                        "[{\"prompt\":\"a?\"},{\"messages\":[{\"role\":\"user\",\"content\":\"b?\"}]},{\"prompt\":\"c?\"}]")
                .statusCode(202)
                .body("accepted", equalTo(3));
        postJson("/monitors/" + id + "/prompts", "{\"prompt\":\"\",\"extra\":1}")
                .statusCode(400)
                .body("errors.field", hasItems("extra", "prompt"));
        String first = trigger(id, null).getString("runId");
        given().when().get("/runs/" + first).then().body("name", equalTo(name + " #1"));
        RunCreated created = SentEvents.of(
                        runs.received(), RunCreated.class, r -> r.runId().equals(first))
                .get(0);
        assertThat(created.promptIds()).hasSize(2);

        // No prompt since: the window is recorded as empty, with no run.
        JsonPath empty = trigger(id, null);
        assertThat(empty.getString("status")).isEqualTo("empty");
        assertThat(empty.getString("runId")).isNull();

        // Prompts from Kafka; one for an unknown monitor is dropped.
        Sql sql = new Sql(dataSource);
        InMemorySource<String> topic = connector.source("monitor-prompts-in");
        topic.send("{\"monitor\":\"no-such-monitor\",\"prompt\":\"e?\"}");
        topic.send("{\"monitor\":\"" + name + "\",\"prompt\":\"d?\"}");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !sql.query("select 1 from generator.monitor_prompts where monitor_id = ?", id)
                        .isEmpty());
        JsonPath third = trigger(id, null);
        String thirdRun = third.getString("runId");
        RunCreated fromKafka = SentEvents.of(
                        runs.received(), RunCreated.class, r -> r.runId().equals(thirdRun))
                .get(0);
        assertThat(fromKafka.promptIds()).hasSize(1);
        assertThat(sql.query("select 1 from generator.monitor_prompts where monitor_id = ?", id))
                .isEmpty();

        String datasetMonitor = create(definition("\"window\":{\"prompts\":2}"));
        postJson("/monitors/" + datasetMonitor + "/prompts", "{\"prompt\":\"x?\"}")
                .statusCode(409);
    }

    /**
     * The scorer's alarm on variant chat, metric jaccard_1 of window 2 ({@code runId}, against {@code baselineRunId}):
     * open, or cleared by {@code clearedWindow}.
     */
    private static AlarmChanged alarm(
            String monitorId,
            String monitorName,
            String runId,
            String baselineRunId,
            String state,
            Instant raisedAt,
            Integer clearedWindow,
            Instant clearedAt) {
        return new AlarmChanged(
                SchemaVersions.V1,
                monitorId,
                monitorName,
                "chat",
                "jaccard_1",
                2,
                runId,
                baselineRunId,
                0.31,
                0.004,
                state,
                raisedAt,
                clearedWindow,
                clearedAt);
    }

    private static String key(Message<String> message) {
        return message.getMetadata(OutgoingKafkaRecordMetadata.class)
                .map(m -> (String) m.getKey())
                .orElse(null);
    }
}

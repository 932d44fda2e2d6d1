package dev.overton.generator.monitors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.memory.InMemorySink;

import dev.overton.contracts.AlarmChanged;
import dev.overton.contracts.MonitorDefined;
import dev.overton.contracts.RunCreated;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.json.EventJson;
import dev.overton.support.messaging.SentEvents;

/**
 * The monitor API's windows on the real PostgreSQL with in-memory channels: windows as ordinary runs ({@code
 * <monitor> #<k>}, label, {@code GET /runs?monitor=}, the {@code runs} event carrying the monitor window), the scorer's
 * alarms shown on the monitor, and paired and unpaired draws.
 */
@QuarkusTest
class MonitorApiWindowsTest extends MonitorApiFixture {

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
}

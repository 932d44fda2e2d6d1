package dev.overton.generator.monitors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemorySink;

import dev.overton.contracts.MonitorDefined;
import dev.overton.contracts.RunDeletionRequested;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.testing.Sql;
import dev.overton.support.messaging.SentEvents;

/**
 * The monitor API's lifecycle on the real PostgreSQL with in-memory channels: pause and resume, retention through
 * the deletion path, and deletion with a tombstone on {@code monitors}.
 */
@QuarkusTest
class MonitorApiLifecycleTest extends MonitorApiFixture {

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
}

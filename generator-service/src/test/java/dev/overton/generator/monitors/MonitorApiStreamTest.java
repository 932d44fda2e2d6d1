package dev.overton.generator.monitors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.memory.InMemorySource;

import dev.overton.contracts.RunCreated;
import dev.overton.generator.testing.Sql;
import dev.overton.support.messaging.SentEvents;

/**
 * The monitor API's stream monitors on the real PostgreSQL with in-memory channels: prompts fed over HTTP and Kafka,
 * each window taking the prompts that arrived since the previous one.
 */
@QuarkusTest
class MonitorApiStreamTest extends MonitorApiFixture {

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
}

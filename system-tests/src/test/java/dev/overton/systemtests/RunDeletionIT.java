package dev.overton.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.overton.contracts.RunDeletionRequested;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.Topics;
import dev.overton.contracts.json.EventJson;
import dev.overton.systemtests.ServiceProcesses.Service;

/**
 * Issue 14's deletion and retention through the real broker and database, on the shared stack (whose generator runs
 * retention with {@code overton.retention.max-age=PT1H}, {@link ServiceProcesses#shared()}): a run deleted while
 * still generating (a slow model server, 60 prompts) and one deleted after it completed leave no row in any of the
 * three schemas, the model server gets no more requests for the cancelled run, a third run stays intact, a replayed
 * deletion event changes nothing, and retention ({@code overton.retention.max-age=PT1H}) deletes only the run that is
 * older than that.
 */
class RunDeletionIT extends AllServicesRunning {

    private static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/overton_it";

    /** Tables that keep a tombstone or confirmations of a deleted run, on purpose. */
    private static final List<String> TOMBSTONES = List.of(
            "generator.run_deletions",
            "generator.run_deletion_confirmations",
            "scorer.deleted_runs",
            "icl.deleted_runs");

    private static FakeModelServer model;

    @BeforeAll
    static void startModelServer() throws Exception {
        model = new FakeModelServer(request -> {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "a slow answer about " + FakeModelServer.promptText(request).strip();
        });
    }

    @AfterAll
    static void stopModelServer() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void deletedRunsLeaveNoRowAnywhereAndRetentionDeletesOnlyOldRuns() throws Exception {
        String completed = Runs.submit(replaySpec("completed then deleted"));
        String kept = Runs.submit(replaySpec("kept"));
        Runs.awaitComplete(completed, Duration.ofMinutes(2));
        Runs.awaitComplete(kept, Duration.ofMinutes(2));

        String generating = Runs.submit(slowSpec());
        await().atMost(Duration.ofMinutes(1))
                .until(() -> !model.requests().isEmpty()
                        && "generating".equals(Runs.status(generating).getString("status")));

        delete(generating);
        delete(completed);
        for (String id : List.of(generating, completed)) {
            await().atMost(Duration.ofMinutes(2))
                    .untilAsserted(() -> given().baseUri(Service.GENERATOR.url())
                            .get("/runs/" + id)
                            .then()
                            .statusCode(404));
        }
        // In-flight calls may still finish; after that the cancelled run gets no more model calls.
        Thread.sleep(5000);
        int callsAfterDeletion = model.requests().size();
        Thread.sleep(5000);
        assertThat(model.requests()).as("no model call after the cancellation").hasSize(callsAfterDeletion);
        assertThat(callsAfterDeletion)
                .as("the cancelled run's 60 requests were not all sent")
                .isLessThan(60);

        Map<String, Long> keptRows = rowsOf(kept);
        assertThat(keptRows.get("generator.sample_sets")).isEqualTo(3);
        assertThat(keptRows.get("scorer.score_values")).isPositive();
        assertThat(keptRows.get("icl.answers")).isPositive();
        for (String id : List.of(generating, completed)) {
            assertThat(rowsOf(id))
                    .as("rows of deleted run %s", id)
                    .allSatisfy((table, n) -> assertThat(n).as(table).isZero());
        }

        // A replayed deletion event changes nothing.
        try (KafkaProducer<String, String> producer = KafkaClients.producer()) {
            producer.send(new ProducerRecord<>(
                    ServiceProcesses.TOPIC_PREFIX + Topics.RUN_DELETIONS,
                    completed,
                    EventJson.write(new RunDeletionRequested(
                            SchemaVersions.V1, completed, Instant.now(), RunDeletionRequested.BY_USER))));
            producer.flush();
        }
        Thread.sleep(5000);
        assertThat(rowsOf(completed))
                .allSatisfy((table, n) -> assertThat(n).as(table).isZero());
        assertThat(rowsOf(kept)).isEqualTo(keptRows);
        given().baseUri(Service.GENERATOR.url())
                .get("/runs/" + kept)
                .then()
                .statusCode(200)
                .body("status", equalTo("complete"));
        // The scorer's catalog consumer reads the runs topic from its start, so it may lag behind.
        await().atMost(Duration.ofMinutes(3))
                .untilAsserted(() -> given().baseUri(Service.SCORER.url())
                        .get("/")
                        .then()
                        .statusCode(200)
                        .body(org.hamcrest.Matchers.containsString(kept)));
        given().baseUri(Service.SCORER.url())
                .get("/")
                .then()
                .body(not(org.hamcrest.Matchers.containsString(completed)));

        // Comparison: the base replay against the kept chat run, paired over their three prompts; the figures are
        // those computed here from each run's own /values.
        String compared = Runs.submit("{\"name\":\"compared\",\"dataset\":{\"prompts\":[\"first\",\"second\","
                + "\"third\"]},\"reference\":\"llama-2-base\",\"variants\":["
                + PipelineItVariants.replay(fixtures, "llama-2-base") + "]}");
        Runs.awaitComplete(compared, Duration.ofMinutes(2));
        Map<String, Double> chat = setValues(kept, "llama-2-chat", "jaccard_1");
        Map<String, Double> base = setValues(compared, "llama-2-base", "jaccard_1");
        assertThat(base.keySet()).isEqualTo(chat.keySet()).hasSize(3);
        double expected = chat.keySet().stream()
                .mapToDouble(prompt -> base.get(prompt) - chat.get(prompt))
                .average()
                .orElseThrow();
        io.restassured.path.json.JsonPath comparison = given().baseUri(Service.SCORER.url())
                .queryParam("a", kept)
                .queryParam("b", compared)
                .queryParam("map", "llama-2-chat:llama-2-base")
                .queryParam("metrics", "jaccard_1")
                .get("/compare")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(comparison.getList("rows")).hasSize(1);
        assertThat(comparison.getBoolean("rows[0].paired")).isTrue();
        assertThat(comparison.getInt("rows[0].n")).isEqualTo(3);
        assertThat(comparison.getDouble("rows[0].difference"))
                .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(comparison.getDouble("rows[0].meanA"))
                .isCloseTo(
                        chat.values().stream()
                                .mapToDouble(Double::doubleValue)
                                .average()
                                .orElseThrow(),
                        org.assertj.core.data.Offset.offset(1e-6));
        // A run compared with itself: zero difference, nothing significant.
        given().baseUri(Service.SCORER.url())
                .queryParam("a", kept)
                .queryParam("b", kept)
                .get("/compare")
                .then()
                .statusCode(200)
                .body(
                        "rows.difference",
                        org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.anyOf(
                                org.hamcrest.Matchers.nullValue(), org.hamcrest.Matchers.equalTo(0.0f))))
                .body("rows.significant", org.hamcrest.Matchers.everyItem(equalTo(false)));

        // Retention: only the run created more than an hour ago goes.
        String aged = Runs.submit(replaySpec("aged"));
        Runs.awaitComplete(aged, Duration.ofMinutes(2));
        execute("update generator.runs set created_at = now() - interval '2 hours' where id = ?", aged);
        await().atMost(Duration.ofMinutes(2))
                .untilAsserted(() -> given().baseUri(Service.GENERATOR.url())
                        .get("/runs/" + aged)
                        .then()
                        .statusCode(404));
        assertThat(rowsOf(aged))
                .allSatisfy((table, n) -> assertThat(n).as(table).isZero());
        assertThat(rowsOf(kept)).isEqualTo(keptRows);
        given().baseUri(Service.GENERATOR.url())
                .queryParam("name", "kept")
                .get("/runs")
                .then()
                .statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(kept));
    }

    /** The whole-set values of {@code metric} for {@code variant} of a run, by prompt id, from its /values. */
    private static Map<String, Double> setValues(String runId, String variant, String metric) throws Exception {
        String lines = Runs.values(Service.SCORER.url(), runId);
        Map<String, Double> values = new java.util.TreeMap<>();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : lines.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            com.fasterxml.jackson.databind.JsonNode v = json.readTree(line);
            if (variant.equals(v.path("variant").asText())
                    && metric.equals(v.path("metric").asText())
                    && v.path("sample").isNull()
                    && v.path("reference").isNull()
                    && v.path("value").isNumber()) {
                values.put(v.path("promptId").asText(), v.path("value").asDouble());
            }
        }
        return values;
    }

    private static String replaySpec(String name) {
        return "{\"name\":\"" + name + "\",\"label\":\"deletion test\",\"dataset\":{\"prompts\":[\"first\",\"second\","
                + "\"third\"]},\"reference\":\"llama-2-chat\",\"variants\":["
                + PipelineItVariants.replay(fixtures, "llama-2-chat") + "]}";
    }

    private static String slowSpec() {
        String prompts =
                IntStream.range(0, 60).mapToObj(i -> "\"question " + i + "?\"").collect(Collectors.joining(","));
        return "{\"name\":\"deleted while generating\",\"dataset\":{\"prompts\":[" + prompts + "]},"
                + "\"reference\":\"chat\",\"variants\":[{\"name\":\"chat\",\"backend\":\"openai\",\"endpoint\":\""
                + model.endpoint() + "\",\"api\":\"chat\",\"model\":\"slow\",\"samples\":2}]}";
    }

    private static void delete(String runId) {
        given().baseUri(Service.GENERATOR.url())
                .header("X-API-Key", ServiceProcesses.API_KEY)
                .delete("/runs/" + runId)
                .then()
                .statusCode(202)
                .body("status", equalTo("deleting"));
    }

    /** Rows of the run in every table of the three schemas that has a run id column (tombstones aside). */
    private static Map<String, Long> rowsOf(String runId) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(JDBC, "overton", "overton")) {
            List<String[]> tables = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("select table_schema, table_name, column_name"
                            + " from information_schema.columns where table_schema in ('generator', 'scorer', 'icl')"
                            + " and (column_name = 'run_id' or (table_name = 'runs' and column_name = 'id'))"
                            + " order by 1, 2");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    tables.add(new String[] {
                        rs.getString("table_schema") + "." + rs.getString("table_name"), rs.getString("column_name")
                    });
                }
            }
            for (String[] table : tables) {
                if (TOMBSTONES.contains(table[0])) {
                    continue;
                }
                try (PreparedStatement st =
                        c.prepareStatement("select count(*) as n from " + table[0] + " where " + table[1] + " = ?")) {
                    st.setString(1, runId);
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        rows.put(table[0], rs.getLong("n"));
                    }
                }
            }
        }
        return rows;
    }

    private static void execute(String sql, String parameter) throws SQLException {
        try (Connection c = DriverManager.getConnection(JDBC, "overton", "overton");
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, parameter);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
    }
}

package dev.overton.scorer.report.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.json.EventJson;
import dev.overton.scorer.InMemoryChannels;
import dev.overton.scorer.InMemoryFlow;
import dev.overton.scorer.report.export.ExportFormat;
import dev.overton.scorer.report.export.ValueExport;
import dev.overton.scorer.scoring.persistence.ScoreStore;
import dev.overton.scorer.scoring.persistence.ScoreStore.StoredValue;

/**
 * {@code /runs/{id}/values} and {@code /runs/{id}/export} stream a run far larger than one cursor page and one written
 * chunk, and the streamed body is byte for byte what the whole-list rendering of the same rows gives (the rendering
 * before streaming). Rows are seeded straight into {@code scorer.score_values}.
 */
@QuarkusTest
@TestProfile(InMemoryChannels.class)
class StreamedValuesTest extends InMemoryFlow {

    /** Prompts x variants x metrics x (set value + per-sample values): 40 x 2 x 3 x 13 = 3,120 rows. */
    private static final int PROMPTS = 40;

    private static final int SAMPLES = 12;

    @Inject
    ScoreStore store;

    private final String runId = newRun("it-stream-");

    private int seeded;

    @BeforeEach
    void seed() throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement st = c.prepareStatement("insert into scorer.sample_sets (run_id, prompt_id, variant,"
                    + " reference, status, sample_count, received_at) values (?, ?, ?, ?, 'generated', ?, ?)")) {
                for (int p = 0; p < PROMPTS; p++) {
                    for (String variant : List.of("base", "chat")) {
                        st.setString(1, runId);
                        st.setString(2, "p" + p);
                        st.setString(3, variant);
                        st.setBoolean(4, variant.equals("chat"));
                        st.setInt(5, SAMPLES);
                        st.setTimestamp(6, now);
                        st.addBatch();
                    }
                }
                st.executeBatch();
            }
            try (PreparedStatement st = c.prepareStatement("insert into scorer.score_values (run_id, prompt_id,"
                    + " variant, metric, sample_key, reference_key, sample, reference, value, reason, settings,"
                    + " computed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int p = 0; p < PROMPTS; p++) {
                    for (String variant : List.of("base", "chat")) {
                        for (String metric : List.of("jaccard_1", "length_words", "pair_jaccard_1")) {
                            for (int s = -1; s < SAMPLES; s++) {
                                boolean pair = metric.startsWith("pair") && variant.equals("base");
                                boolean undefined = (p + s) % 17 == 0;
                                st.setString(1, runId);
                                // Hostile-looking ids and texts: a formula, a comma, a quote, a line break.
                                st.setString(2, p == 3 ? "=HYPERLINK(\"http://x\",\"p,3\")" : "p" + p);
                                st.setString(3, variant);
                                st.setString(4, metric);
                                st.setInt(5, s);
                                st.setString(6, pair ? "chat" : "");
                                if (s < 0) {
                                    st.setNull(7, Types.INTEGER);
                                } else {
                                    st.setInt(7, s);
                                }
                                st.setString(8, pair ? "chat" : null);
                                if (undefined) {
                                    st.setNull(9, Types.DOUBLE);
                                    st.setString(10, "no content words\nin \"either\" text");
                                } else {
                                    st.setDouble(9, (p * 31 + s) / 7.0);
                                    st.setNull(10, Types.VARCHAR);
                                }
                                st.setString(11, "{\"n\":1,\"tokenizer\":\"nltk\"}");
                                st.setTimestamp(12, now);
                                st.addBatch();
                                seeded++;
                            }
                        }
                    }
                }
                st.executeBatch();
            }
        }
    }

    @Test
    void exportStreamsEveryRowOfALargeRunExactlyAsTheWholeListRendering() {
        List<StoredValue> values = store.values(runId).await().atMost(Duration.ofSeconds(30));
        assertThat(values).hasSize(seeded);

        for (ExportFormat format : ExportFormat.values()) {
            String body = given().when()
                    .get("/runs/{id}/export?format=" + format.parameter(), runId)
                    .then()
                    .statusCode(200)
                    .contentType(containsString(format == ExportFormat.CSV ? "text/csv" : "application/x-ndjson"))
                    .header("Content-Disposition", containsString("-values." + format.parameter() + "\""))
                    .extract()
                    .asString();
            assertThat(body).isEqualTo(ValueExport.write(values, format));
        }
    }

    @Test
    void valuesStreamEveryRowAsOneJsonObjectPerLineInTheStoredOrder() throws Exception {
        List<StoredValue> values = store.values(runId).await().atMost(Duration.ofSeconds(30));

        String body = given().when()
                .get("/runs/{id}/values", runId)
                .then()
                .statusCode(200)
                .contentType(containsString("application/x-ndjson"))
                .extract()
                .asString();

        assertThat(body).endsWith("}\n");
        String[] lines = body.split("\n");
        assertThat(lines).hasSize(seeded);
        for (int i = 0; i < lines.length; i++) {
            JsonNode line = EventJson.mapper().readTree(lines[i]);
            StoredValue expected = values.get(i);
            assertThat(line.get("promptId").asText()).isEqualTo(expected.promptId());
            assertThat(line.get("variant").asText()).isEqualTo(expected.variant());
            assertThat(line.get("metric").asText()).isEqualTo(expected.metric());
            assertThat(line.get("sample").isNull() ? null : line.get("sample").asInt())
                    .isEqualTo(expected.sample());
            assertThat(line.get("value").isNull() ? null : line.get("value").asDouble())
                    .isEqualTo(expected.value());
            assertThat(line.has("reason")).isEqualTo(expected.reason() != null);
        }
    }

    @Test
    void streamsGiveTheirDatabaseConnectionBackWhenDone() {
        // More calls than the reactive pool has connections (20 by default): a leaked cursor connection would block.
        for (int i = 0; i < 30; i++) {
            given().when().get("/runs/{id}/values", runId).then().statusCode(200);
        }
        given().when()
                .get("/runs/{id}/export?format=jsonl", "no-such-run")
                .then()
                .statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(404));
        given().when().get("/runs/{id}/values", "no-such-run").then().statusCode(404);
    }
}

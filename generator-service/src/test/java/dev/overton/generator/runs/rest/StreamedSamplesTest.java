package dev.overton.generator.runs.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.overton.contracts.json.EventJson;
import dev.overton.generator.sampling.persistence.SampleSetStore;
import dev.overton.generator.testing.InMemoryFlow;

/**
 * {@code GET /runs/{id}/samples} streams a run far larger than one cursor page and one written chunk, and the streamed
 * body is byte for byte the whole-list rendering of the same rows (the answer before streaming): prompts in dataset
 * order, variants in spec order, samples by index. Rows are seeded straight into the generator's tables.
 */
@QuarkusTest
class StreamedSamplesTest extends InMemoryFlow {

    private static final int PROMPTS = 60;

    private static final int SAMPLES = 10;

    /** Spec order on purpose not alphabetical, so that the order by position is visible. */
    private static final List<String> VARIANTS = List.of("zeta", "alpha");

    @Inject
    SampleSetStore store;

    private final String runId = newRun("it-stream-");

    @BeforeEach
    void seed() throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement st = c.prepareStatement("insert into generator.runs (id, name, reference, spec,"
                    + " prompt_count, created_at, published_at) values (?, 'streamed', 'alpha', '{}', ?, ?, ?)")) {
                st.setString(1, runId);
                st.setInt(2, PROMPTS);
                st.setTimestamp(3, now);
                st.setTimestamp(4, now);
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("insert into generator.run_variants (run_id, variant,"
                    + " position, reference, spec) values (?, ?, ?, ?, '{}')")) {
                for (int v = 0; v < VARIANTS.size(); v++) {
                    st.setString(1, runId);
                    st.setString(2, VARIANTS.get(v));
                    st.setInt(3, v);
                    st.setBoolean(4, VARIANTS.get(v).equals("alpha"));
                    st.addBatch();
                }
                st.executeBatch();
            }
            try (PreparedStatement st = c.prepareStatement("insert into generator.run_prompts (run_id, prompt_id,"
                    + " prompt_index, messages) values (?, ?, ?, '[]')")) {
                for (int p = 0; p < PROMPTS; p++) {
                    st.setString(1, runId);
                    // Prompt ids whose text order differs from the dataset order.
                    st.setString(2, "q" + (PROMPTS - p));
                    st.setInt(3, p);
                    st.addBatch();
                }
                st.executeBatch();
            }
            try (PreparedStatement sets = c.prepareStatement("insert into generator.sample_sets (run_id, prompt_id,"
                            + " variant, status, generated_at) values (?, ?, ?, 'generated', ?)");
                    PreparedStatement samples = c.prepareStatement("insert into generator.samples (run_id, prompt_id,"
                            + " variant, sample_index, text, finish_reason) values (?, ?, ?, ?, ?, ?)")) {
                for (int p = 0; p < PROMPTS; p++) {
                    for (String variant : VARIANTS) {
                        sets.setString(1, runId);
                        sets.setString(2, "q" + (PROMPTS - p));
                        sets.setString(3, variant);
                        sets.setTimestamp(4, now);
                        sets.addBatch();
                        for (int s = 0; s < SAMPLES; s++) {
                            samples.setString(1, runId);
                            samples.setString(2, "q" + (PROMPTS - p));
                            samples.setString(3, variant);
                            samples.setInt(4, s);
                            samples.setString(
                                    5, "Sample " + s + " of " + variant + ": «naïve» \"quoted\"\nsecond line");
                            samples.setString(6, s % 3 == 0 ? "length" : "stop");
                            samples.addBatch();
                        }
                    }
                }
                sets.executeBatch();
                samples.executeBatch();
            }
        }
    }

    @Test
    void samplesStreamEveryRowExactlyAsTheWholeListRendering() {
        List<SampleSetStore.StoredSample> stored = store.samples(runId).await().atMost(Duration.ofSeconds(30));
        assertThat(stored).hasSize(PROMPTS * VARIANTS.size() * SAMPLES);
        StringBuilder expected = new StringBuilder();
        for (SampleSetStore.StoredSample s : stored) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("promptId", s.promptId());
            line.put("variant", s.variant());
            line.put("sample", s.sample());
            line.put("text", s.text());
            line.put("finishReason", s.finishReason());
            expected.append(EventJson.write(line)).append('\n');
        }

        String body = given().when()
                .get("/runs/{id}/samples", runId)
                .then()
                .statusCode(200)
                .contentType(containsString("application/x-ndjson"))
                .extract()
                .asString();

        assertThat(body).isEqualTo(expected.toString());
        assertThat(body.lines().findFirst().orElseThrow())
                .startsWith("{\"promptId\":\"q" + PROMPTS + "\",\"variant\":\"zeta\",\"sample\":0,");
    }

    @Test
    void samplesGiveTheirDatabaseConnectionBackAndUnknownRunsAreNotFound() {
        // More calls than the reactive pool has connections (20 by default): a leaked cursor connection would block.
        for (int i = 0; i < 30; i++) {
            given().when().get("/runs/{id}/samples", runId).then().statusCode(200);
        }
        given().when()
                .get("/runs/{id}/samples", "no-such-run")
                .then()
                .statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(404));
    }
}

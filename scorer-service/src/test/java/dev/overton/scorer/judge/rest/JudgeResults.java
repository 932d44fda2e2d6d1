package dev.overton.scorer.judge.rest;

import static io.restassured.RestAssured.given;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.json.EventJson;

/**
 * Reads a run's judge results as the scorer serves them ({@code GET /runs/{id}/values}, the aggregates of {@code
 * /scores}, JSON lines), for the judge tests ({@link JudgeFlowTest}, {@link JudgeReplayTest}).
 */
final class JudgeResults {

    private JudgeResults() {}

    /** Every stored value of run {@code runId}, as {@code GET /runs/{id}/values} serves them. */
    static List<JsonNode> values(String runId) {
        return given().get("/runs/{id}/values", runId)
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .lines()
                .map(JudgeResults::json)
                .toList();
    }

    static JsonNode find(List<JsonNode> values, String metric) {
        return values.stream()
                .filter(v -> v.get("metric").asText().equals(metric))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no value " + metric));
    }

    static JsonNode metric(JsonNode scores, String variant, String metric) {
        for (JsonNode v : scores.get("variants")) {
            if (v.get("name").asText().equals(variant)) {
                JsonNode m = v.get("metrics").get(metric);
                if (m != null) {
                    return m;
                }
            }
        }
        throw new AssertionError("no aggregate " + metric + " of " + variant + " in " + scores);
    }

    static JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}

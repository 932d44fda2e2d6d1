package dev.overton.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import dev.overton.systemtests.ServiceProcesses.Service;

/** Submitting runs and checking their outcome, shared by the system tests. */
final class Runs {

    private Runs() {}

    /** Submits a run over the LIMA-OE prompts with the given replayed variants; the first is the reference. */
    static String submitLimaOe(Path fixtures, String reference, List<String> variants) {
        String spec = "{\"name\":\"system test\",\"dataset\":{\"path\":\"" + fixtures.resolve("instances/data.jsonl")
                + "\"},\"reference\":\"" + reference + "\",\"variants\":["
                + variants.stream()
                        .map(v -> PipelineItVariants.replay(fixtures, v))
                        .collect(Collectors.joining(","))
                + "]}";
        return submit(spec);
    }

    /** Submits the run spec {@code spec} (JSON) to the generator and returns the new run's id. */
    static String submit(String spec) {
        return post(spec, 201).getString("id");
    }

    /** Posts the run spec {@code spec} (JSON) to the generator's {@code /runs}; the answer must have {@code status}. */
    static JsonPath post(String spec, int status) {
        return given().baseUri(Service.GENERATOR.url())
                .header("X-API-Key", ServiceProcesses.API_KEY)
                .contentType(ContentType.JSON)
                .body(spec)
                .post("/runs")
                .then()
                .statusCode(status)
                .extract()
                .jsonPath();
    }

    /** The generator's view of the run ({@code GET /runs/{id}}): status and counts per variant. */
    static JsonPath status(String runId) {
        return ok(Service.GENERATOR.url(), "/runs/" + runId).jsonPath();
    }

    /** Waits, polling each second up to {@code timeout}, until the generator's view of the run passes {@code check}. */
    static void awaitStatus(String runId, Duration timeout, Consumer<JsonPath> check) {
        await().atMost(timeout).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> check.accept(status(runId)));
    }

    /** The answer to a GET of {@code path} on {@code baseUrl}, which must be 200 OK. */
    static ExtractableResponse<Response> ok(String baseUrl, String path) {
        return given().baseUri(baseUrl).get(path).then().statusCode(200).extract();
    }

    /** The scorer's stored values of the run, one JSON object per line ({@code GET /runs/{id}/values}). */
    static String values(String scorerUrl, String runId) {
        return ok(scorerUrl, "/runs/" + runId + "/values").asString();
    }

    /** The scorer's aggregates of the run ({@code GET /runs/{id}/scores}). */
    static JsonPath scores(String runId) {
        return ok(Service.SCORER.url(), "/runs/" + runId + "/scores").jsonPath();
    }

    /** Every stored sample of the run, one JSON object per line ({@code GET /runs/{id}/samples}). */
    static String samples(String runId) {
        return ok(Service.GENERATOR.url(), "/runs/" + runId + "/samples").asString();
    }

    /**
     * The sum over the run's variants of the generator's count {@code count} ({@code generated}, {@code scored}, ...);
     * 0 while the generator does not know the run yet.
     */
    static int total(String runId, String count) {
        List<Integer> counts = given().baseUri(Service.GENERATOR.url())
                .get("/runs/" + runId)
                .then()
                .extract()
                .jsonPath()
                .getList("variants." + count, Integer.class);
        return counts == null ? 0 : counts.stream().mapToInt(Integer::intValue).sum();
    }

    /** Waits until the generator reports the run complete, and checks that no sample set failed. */
    static void awaitComplete(String runId, Duration timeout) {
        await().atMost(timeout)
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(given().baseUri(Service.GENERATOR.url())
                                .get("/runs/" + runId)
                                .then()
                                .extract()
                                .jsonPath()
                                .getString("status"))
                        .isEqualTo("complete"));
        assertThat(given().baseUri(Service.GENERATOR.url())
                        .get("/runs/" + runId)
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("variants.failed", Integer.class))
                .as("failed sample sets")
                .containsOnly(0);
    }

    /**
     * Asserts that the scorer holds every expected value of the run exactly once: one {@code jaccard_1} per set, the
     * expected number of pair values, and no value key twice.
     */
    static void assertEveryScoreExactlyOnce(String scorerUrl, String runId, int sets, int pairs) {
        String values = values(scorerUrl, runId);
        List<String> keys = values.lines()
                .map(l -> l.replaceAll("\"value\":[^,]*,", "").replaceAll("\"settings\":\"[^\"]*\"", ""))
                .toList();
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(values.lines().filter(l -> l.contains("\"metric\":\"jaccard_1\"")))
                .hasSize(sets);
        assertThat(values.lines().filter(l -> l.contains("\"metric\":\"pair_jaccard_1\"")))
                .hasSize(pairs);
    }
}

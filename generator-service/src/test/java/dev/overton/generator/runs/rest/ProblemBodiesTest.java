package dev.overton.generator.runs.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.overton.generator.testing.OversizedRunPost;
import dev.overton.support.http.ProblemChecks;

/**
 * Issue 13: hostile ids in the path get a 400 problem naming the parameter (never a 500 from the database), and the
 * answers the framework makes on its own (405, 415, 413) carry problem bodies like every other error.
 */
@QuarkusTest
class ProblemBodiesTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aNulIdIsA400ProblemNotA500() {
        for (String path : new String[] {"/runs/%00", "/runs/run%00x", "/runs/%00/samples"}) {
            given().urlEncodingEnabled(false)
                    .when()
                    .get(path)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://overton.dev/problems/invalid-parameter"))
                    .body("errors[0].field", equalTo("id"))
                    .body("detail", not(containsString("\u0000")));
        }
    }

    @Test
    void controlCharactersDotDotAndTenThousandCharacterIdsAre400Problems() {
        for (String id : new String[] {"a%0Ab", "%1B%5B2J", "..", "a..b", "..%2F..%2Fetc", "x".repeat(10_000)}) {
            int status = given().urlEncodingEnabled(false)
                    .when()
                    .get("/runs/" + id)
                    .then()
                    .contentType("application/problem+json")
                    .extract()
                    .statusCode();
            assertThat(status)
                    .as(id.length() > 20 ? id.length() + " characters" : id)
                    .isIn(400, 404);
        }
        given().when()
                .get("/runs/" + "x".repeat(10_000))
                .then()
                .statusCode(400)
                .body("errors[0].message", containsString("10000 characters"));
    }

    @Test
    void aWellFormedUnknownIdIsStillA404Problem() {
        given().when()
                .get("/runs/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://overton.dev/problems/not-found"))
                .body("title", equalTo("Not found"));
    }

    @Test
    void aWrongMethodIsA405Problem() {
        given().header("X-API-Key", "test-key")
                .when()
                .put("/runs/" + UUID.randomUUID())
                .then()
                .statusCode(405)
                .contentType("application/problem+json")
                .body("type", equalTo("https://overton.dev/problems/method-not-allowed"))
                .body("status", equalTo(405));
    }

    @Test
    void aWrongContentTypeIsA415Problem() {
        given().header("X-API-Key", "test-key")
                .contentType(ContentType.TEXT)
                .body("name: r")
                .when()
                .post("/runs")
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("https://overton.dev/problems/unsupported-media-type"))
                .body("detail", containsString("application/json"));
    }

    @Test
    void aBodyOverTheLimitIsA413Problem() throws IOException {
        String answer = OversizedRunPost.answer(base);
        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(answer).containsIgnoringCase("content-type: application/problem+json");
        assertThat(answer).contains("\"type\":\"https://overton.dev/problems/body-too-large\"");
        assertThat(answer).contains("\"status\":413");
    }

    @Test
    void randomUnknownPathsAndMethodsAddNoMetricSeries() {
        URI uri = URI.create(base.toString());
        ProblemChecks.assertAddsNoHttpSeries(uri, round -> {
            given().get("/nope-" + UUID.randomUUID() + "/x" + round).then().statusCode(404);
            given().header("X-API-Key", "test-key")
                    .put("/runs/" + UUID.randomUUID())
                    .then()
                    .statusCode(405);
            given().get("/runs/" + UUID.randomUUID()).then().statusCode(404);
            given().urlEncodingEnabled(false).get("/runs/bad%00" + round).then().statusCode(400);
        });
        assertThat(ProblemChecks.httpSeries(uri)).noneMatch(s -> s.contains("nope-"));
    }
}

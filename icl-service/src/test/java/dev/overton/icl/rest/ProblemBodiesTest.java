package dev.overton.icl.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.overton.support.http.ProblemChecks;

/**
 * Issue 13: every GET of icl-service answers a hostile id with a 400 problem (never a 500 from the database), a wrong
 * method with a 405 problem, and random paths add no HTTP metric series.
 */
@QuarkusTest
class ProblemBodiesTest {

    private static final String[] ENDPOINTS = {"/runs/%s/plan", "/runs/%s/summaries", "/runs/%s/recovery"};

    @TestHTTPResource("/")
    URI base;

    @Test
    void hostileIdsAre400ProblemsOnEveryGet() {
        for (String endpoint : ENDPOINTS) {
            ProblemChecks.assertHostileIdsRefused(base, endpoint);
            given().urlEncodingEnabled(false)
                    .when()
                    .get(String.format(endpoint, "%00"))
                    .then()
                    .body("errors[0].field", equalTo("id"));
        }
    }

    @Test
    void anUnknownRunIsA404ProblemWithTheSharedTypeScheme() {
        ProblemChecks.assertProblem(base, "GET", "/runs/" + UUID.randomUUID() + "/plan", 404, "not-found");
    }

    @Test
    void aWrongMethodIsA405Problem() {
        ProblemChecks.assertProblem(base, "PUT", "/runs/" + UUID.randomUUID() + "/recovery", 405, "method-not-allowed");
    }

    @Test
    void randomPathsAndMethodsAddNoMetricSeries() {
        ProblemChecks.assertAddsNoHttpSeries(base, round -> {
            given().get("/nope-" + UUID.randomUUID()).then().statusCode(404);
            given().delete("/runs/" + UUID.randomUUID() + "/plan").then().statusCode(405);
        });
    }
}

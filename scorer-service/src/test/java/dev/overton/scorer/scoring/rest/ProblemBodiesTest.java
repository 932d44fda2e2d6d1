package dev.overton.scorer.scoring.rest;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.overton.support.http.ProblemChecks;

/**
 * Issue 13: every GET of the scorer answers a hostile id with a 400 problem (never a 500 from the database), a wrong
 * method with a 405 problem, and random paths add no HTTP metric series.
 */
@QuarkusTest
class ProblemBodiesTest {

    private static final String[] ENDPOINTS = {
        "/runs/%s/scores",
        "/runs/%s/values",
        "/runs/%s/judge",
        "/runs/%s/judge/verdicts",
        "/runs/%s/token-shift",
        "/runs/%s/export?format=csv",
        "/runs/%s/report",
        "/runs/%s/report/verdicts",
        "/runs/%s/report/prompts/p1",
        "/runs/r1/report/prompts/%s"
    };

    @TestHTTPResource("/")
    URI base;

    @Test
    void hostileIdsAre400ProblemsOnEveryGet() {
        for (String endpoint : ENDPOINTS) {
            ProblemChecks.assertHostileIdsRefused(base, endpoint);
        }
    }

    @Test
    void anUnknownRunIsA404ProblemWithTheSharedTypeScheme() {
        ProblemChecks.assertProblem(base, "GET", "/runs/" + UUID.randomUUID() + "/scores", 404, "not-found");
    }

    @Test
    void aWrongMethodIsA405Problem() {
        ProblemChecks.assertProblem(base, "POST", "/runs/" + UUID.randomUUID() + "/scores", 405, "method-not-allowed");
    }

    @Test
    void randomPathsAndMethodsAddNoMetricSeries() {
        ProblemChecks.assertAddsNoHttpSeries(base, round -> {
            given().get("/nope-" + UUID.randomUUID()).then().statusCode(404);
            given().delete("/runs/" + UUID.randomUUID() + "/scores").then().statusCode(405);
            given().delete("/runs/" + UUID.randomUUID() + "/report/prompts/p" + round)
                    .then()
                    .statusCode(405);
        });
    }
}

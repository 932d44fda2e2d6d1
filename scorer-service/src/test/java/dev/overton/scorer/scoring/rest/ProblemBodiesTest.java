package dev.overton.scorer.scoring.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

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

    @Test
    void hostileIdsAre400ProblemsOnEveryGet() {
        for (String endpoint : ENDPOINTS) {
            for (String id : new String[] {"%00", "a%0Ab", "%1B%5B2J", "..", "..%2F..%2Fetc", "x".repeat(10_000)}) {
                if (id.equals("..") && endpoint.endsWith("%s")) {
                    continue; // a last segment ".." is resolved by the HTTP layer: /runs/r1/report is another page
                }
                String path = String.format(endpoint, id);
                var answer = given().urlEncodingEnabled(false)
                        .when()
                        .get(path)
                        .then()
                        .extract();
                String what = path.length() > 80 ? endpoint + " with a long id" : path;
                assertThat(answer.statusCode()).as(what).isIn(400, 404);
                assertThat(answer.contentType()).as(what).isEqualTo("application/problem+json");
            }
            given().urlEncodingEnabled(false)
                    .when()
                    .get(String.format(endpoint, "%00"))
                    .then()
                    .statusCode(400)
                    .body("type", equalTo("https://overton.dev/problems/invalid-parameter"));
        }
    }

    @Test
    void anUnknownRunIsA404ProblemWithTheSharedTypeScheme() {
        given().when()
                .get("/runs/" + UUID.randomUUID() + "/scores")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://overton.dev/problems/not-found"));
    }

    @Test
    void aWrongMethodIsA405Problem() {
        given().when()
                .post("/runs/" + UUID.randomUUID() + "/scores")
                .then()
                .statusCode(405)
                .contentType("application/problem+json")
                .body("type", equalTo("https://overton.dev/problems/method-not-allowed"));
    }

    @Test
    void randomPathsAndMethodsAddNoMetricSeries() {
        given().get("/nope-" + UUID.randomUUID()).then().statusCode(404);
        given().delete("/runs/" + UUID.randomUUID() + "/scores").then().statusCode(405);
        given().delete("/runs/" + UUID.randomUUID() + "/report/prompts/p1")
                .then()
                .statusCode(405);
        Set<String> before = httpSeries();
        for (int i = 0; i < 100; i++) {
            given().get("/nope-" + UUID.randomUUID()).then().statusCode(404);
            given().delete("/runs/" + UUID.randomUUID() + "/scores").then().statusCode(405);
            given().delete("/runs/" + UUID.randomUUID() + "/report/prompts/p" + i)
                    .then()
                    .statusCode(405);
        }
        assertThat(httpSeries()).isEqualTo(before);
    }

    private static Set<String> httpSeries() {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^http_server_requests_seconds_count\\{(.*)\\} ")
                .matcher(metrics);
        Set<String> series = new TreeSet<>();
        while (m.find()) {
            series.add(m.group(1));
        }
        return series;
    }
}

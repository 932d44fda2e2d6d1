package dev.overton.generator.runs.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

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
        // Announces an 11 MB body and sends none (see SecurityTest.bodyOverTheLimitIs413).
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /runs HTTP/1.1\r\nHost: localhost\r\nX-API-Key: test-key\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + (11 * 1024 * 1024) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readAll(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).containsIgnoringCase("content-type: application/problem+json");
            assertThat(answer).contains("\"type\":\"https://overton.dev/problems/body-too-large\"");
            assertThat(answer).contains("\"status\":413");
        }
    }

    @Test
    void randomUnknownPathsAndMethodsAddNoMetricSeries() {
        // Warm up: one request of each kind, so their (fixed) series exist.
        given().get("/nope-" + UUID.randomUUID()).then().statusCode(404);
        given().header("X-API-Key", "test-key")
                .put("/runs/" + UUID.randomUUID())
                .then()
                .statusCode(405);
        given().get("/runs/%00").then().statusCode(400);
        Set<String> before = httpSeries();
        for (int i = 0; i < 100; i++) {
            given().get("/nope-" + UUID.randomUUID() + "/x" + i).then().statusCode(404);
            given().header("X-API-Key", "test-key")
                    .put("/runs/" + UUID.randomUUID())
                    .then()
                    .statusCode(405);
            given().get("/runs/" + UUID.randomUUID()).then().statusCode(404);
            given().urlEncodingEnabled(false).get("/runs/bad%00" + i).then().statusCode(400);
        }
        Set<String> after = httpSeries();
        assertThat(after).as("series added by 400 random requests").isEqualTo(before);
        assertThat(after).noneMatch(s -> s.contains("nope-"));
    }

    private Set<String> httpSeries() {
        return ProblemChecks.httpSeries(URI.create(base.toString()));
    }

    private static String readAll(InputStream in) throws IOException {
        StringBuilder answer = new StringBuilder();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                if (answer.indexOf("}") >= 0) {
                    break;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            // the answer is complete; the server keeps the connection
        }
        return answer.toString();
    }
}

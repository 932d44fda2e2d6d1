package dev.overton.generator.runs.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import dev.overton.generator.testing.OversizedRunPost;
import dev.overton.generator.testing.RunPosts;

/**
 * The refusals of issue 7 (Secure): writes without a valid X-API-Key (401), bodies over the size limit (413), files
 * outside the allowed folders (400 naming the field). The %test profile turns the check on with key "test-key".
 */
@QuarkusTest
class SecurityTest {

    @TestHTTPResource("/")
    URL base;

    private static final String SPEC = "{\"name\":\"r\",\"dataset\":{\"prompts\":[\"Hi?\"]},\"reference\":\"base\","
            + "\"variants\":[{\"name\":\"base\",\"backend\":\"replay\",\"source\":\"samples.jsonl\"}]}";

    @Test
    void writeWithoutKeyIs401() {
        postIsUnauthorized(given()).body("title", equalTo("Unauthorized")).body("detail", containsString("X-API-Key"));
    }

    @Test
    void writeWithWrongKeyIs401() {
        postIsUnauthorized(given().header("X-API-Key", "not-the-key"))
                .body("detail", containsString("X-API-Key"))
                .body("detail", org.hamcrest.Matchers.not(containsString("not-the-key")));
    }

    /** Posts the valid {@link #SPEC} as {@code request} and expects a 401 problem. */
    private static ValidatableResponse postIsUnauthorized(RequestSpecification request) {
        return request.contentType(ContentType.JSON)
                .body(SPEC)
                .when()
                .post("/runs")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void rightKeyWithBadSpecIs400AsBefore() {
        RunPosts.post("{}").statusCode(400).body("title", equalTo("Invalid run spec"));
    }

    @Test
    void readsNeedNoKey() {
        given().when().get("/runs/no-such-run").then().statusCode(404);
    }

    @Test
    void bodyOverTheLimitIs413() throws IOException {
        // Announces an 11 MB body and sends none: the server answers 413 from the Content-Length alone (see
        // OversizedRunPost for why not through REST Assured).
        assertThat(OversizedRunPost.answer(base)).startsWith("HTTP/1.1 413");
    }

    @Test
    void datasetPathOutsideTheAllowedFoldersIs400() {
        // The base dir (and only allowed folder) in the tests is the module folder; its parent holds the root pom.
        RunPosts.post("{\"name\":\"r\",\"dataset\":{\"path\":\"../pom.xml\"},\"reference\":\"base\",\"variants\":["
                        + "{\"name\":\"base\",\"backend\":\"replay\",\"source\":\"samples.jsonl\"}]}")
                .statusCode(400)
                .body("errors.field", hasItem("dataset.path"))
                .body("errors.find { it.field == 'dataset.path' }.message", containsString("outside the folders"));
    }

    @Test
    void replaySourceOutsideTheAllowedFoldersIs400() {
        RunPosts.post("{\"name\":\"r\",\"dataset\":{\"prompts\":[\"Hi?\"]},\"reference\":\"base\",\"variants\":["
                        + "{\"name\":\"base\",\"backend\":\"replay\",\"source\":\"/etc/hostname\"}]}")
                .statusCode(400)
                .body("errors.field", hasItem("variants[0].source"))
                .body(
                        "errors.find { it.field == 'variants[0].source' }.message",
                        containsString("outside the folders"));
    }
}

package dev.overton.generator.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** {@code POST /runs} as the tests send it: a JSON body with the test profile's API key, the answer to check. */
public final class RunPosts {

    /** The API key the {@code %test} profile accepts. */
    public static final String KEY = "test-key";

    private RunPosts() {}

    /** Posts {@code body} (text, or raw bytes) as a run spec with the test key. */
    public static ValidatableResponse post(Object body) {
        return given().header("X-API-Key", KEY)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/runs")
                .then();
    }

    /** Posts {@code body}, expects 201 and returns the new run's id. */
    public static String accepted(String body) {
        return post(body).statusCode(201).extract().path("id");
    }
}

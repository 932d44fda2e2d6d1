package dev.overton.generator.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** {@code POST /runs} as the tests send it: a JSON body with the test profile's API key, the answer to check. */
public final class RunPosts {

    /** The API key the {@code %test} profile accepts. */
    public static final String KEY = "test-key";

    private RunPosts() {}

    private static RequestSpecification request() {
        return given().header("X-API-Key", KEY).contentType(ContentType.JSON);
    }

    /** Posts {@code body} as a run spec with the test key. */
    public static ValidatableResponse post(String body) {
        return request().body(body).when().post("/runs").then();
    }

    /** Posts the raw bytes {@code body} (sent as they are, not as JSON of an array) with the test key. */
    public static ValidatableResponse post(byte[] body) {
        return request().body(body).when().post("/runs").then();
    }

    /** Posts {@code body}, expects 201 and returns the new run's id. */
    public static String accepted(String body) {
        return post(body).statusCode(201).extract().path("id");
    }
}

package dev.overton.scorer.scoring.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.overton.support.http.OpenApiCoverage;

/**
 * Issue 12: the JSON bodies are records, so /q/openapi documents each response's schema with its fields; every
 * operation's answers, streamed and HTML ones included, have a schema ({@link OpenApiCoverage}).
 */
@QuarkusTest
class OpenApiSchemaTest {

    @Test
    void everyResponseOfEveryOperationHasASchema() {
        String doc = given().accept("application/json")
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(OpenApiCoverage.untypedResponses(doc)).isEmpty();
    }

    @Test
    void jsonResponsesHaveADocumentedSchema() {
        JsonPath doc = given().accept("application/json")
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertFields(doc, "/runs/{id}/scores", "get", "200", "runId", "variants", "differences");
        assertFields(doc, "/runs/{id}/judge", "get", "200", "runId", "status", "error", "requests", "verdicts");
        assertFields(doc, "/monitors/{id}/history", "get", "200", "monitorId", "name", "metrics", "windows", "alarms");
        assertFields(doc, "/monitors/{id}/alarms", "get", "200", "monitorId", "name", "open", "alarms");
    }

    private static void assertFields(JsonPath doc, String path, String method, String status, String... fields) {
        String schema =
                "paths.'" + path + "'." + method + ".responses.'" + status + "'.content.'application/json'.schema";
        String ref = doc.getString(schema + ".$ref");
        if (ref == null) {
            ref = doc.getString(schema + ".items.$ref");
        }
        assertThat(ref).as(method + " " + path + " " + status + " schema").isNotNull();
        Map<String, Object> properties =
                doc.getMap("components.schemas." + ref.substring(ref.lastIndexOf('/') + 1) + ".properties");
        assertThat(properties).as(ref).containsKeys(fields);
    }
}

package dev.overton.scorer.scoring.rest;

import java.net.URI;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.overton.support.http.OpenApiCoverage;

/**
 * Issue 12: the JSON bodies are records, so /q/openapi documents each response's schema with its fields; every
 * operation's answers, streamed and HTML ones included, have a schema ({@link OpenApiCoverage}).
 */
@QuarkusTest
class OpenApiSchemaTest {

    @TestHTTPResource("/q/openapi")
    URI openApi;

    @Test
    void everyResponseOfEveryOperationHasASchema() {
        OpenApiCoverage.assertEveryResponseTyped(openApi);
    }

    @Test
    void jsonResponsesHaveADocumentedSchema() {
        String doc = OpenApiCoverage.read(openApi);
        OpenApiCoverage.assertJsonFields(doc, "/runs/{id}/scores", "get", "200", "runId", "variants", "differences");
        OpenApiCoverage.assertJsonFields(
                doc, "/runs/{id}/judge", "get", "200", "runId", "status", "error", "requests", "verdicts");
        OpenApiCoverage.assertJsonFields(
                doc, "/monitors/{id}/history", "get", "200", "monitorId", "name", "metrics", "windows", "alarms");
        OpenApiCoverage.assertJsonFields(
                doc, "/monitors/{id}/alarms", "get", "200", "monitorId", "name", "open", "alarms");
    }
}

package dev.overton.generator.runs.rest;

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
        OpenApiCoverage.assertJsonFields(
                doc,
                "/runs/{id}",
                "get",
                "200",
                "id",
                "name",
                "reference",
                "createdAt",
                "status",
                "prompts",
                "variants");
        OpenApiCoverage.assertJsonFields(doc, "/runs", "post", "201", "id");
    }
}

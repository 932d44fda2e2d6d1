package dev.overton.icl.rest;

import static org.assertj.core.api.Assertions.assertThat;

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
        OpenApiCoverage.assertJsonFields(doc, "/runs/{id}/summaries", "get", "200", "runId", "hints", "requested");
        OpenApiCoverage.assertJsonFields(doc, "/runs/{id}/recovery", "get", "200", "variant", "measure");
        OpenApiCoverage.assertJsonFields(
                doc, "/runs/{id}/plan", "get", "200", "runId", "teacherSetsReceived", "iclProblems", "icl");
        // A valid entry's settings and its summarizer are written inline (@JsonUnwrapped), and documented so.
        assertThat(OpenApiCoverage.schemaFields(doc, "IclProgress"))
                .contains("variant", "valid", "seed", "embedder", "summarizerModel", "summaries", "status")
                .doesNotContain("settings");
    }
}

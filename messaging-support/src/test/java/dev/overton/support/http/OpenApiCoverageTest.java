package dev.overton.support.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The check behind every service's OpenApiSchemaTest finds each kind of untyped response and passes typed ones. */
class OpenApiCoverageTest {

    private static String document(String responses) {
        return """
                {"paths": {"/runs/{id}": {"parameters": [], "get": {"responses": %s}}},
                 "components": {"schemas": {
                   "RunStatus": {"type": "object", "properties": {"id": {"type": "string"}}},
                   "Loose": {"type": "object", "additionalProperties": {}}}}}
                """.formatted(responses);
    }

    @Test
    void typedJsonStreamedAndHtmlResponsesPass() {
        assertThat(OpenApiCoverage.untypedResponses(document("""
                        {"200": {"content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/RunStatus"}},
                            "application/x-ndjson": {"schema": {"type": "array",
                                "items": {"$ref": "#/components/schemas/RunStatus"}}},
                            "text/html": {"schema": {"type": "string"}}}},
                         "204": {"description": "nothing"},
                         "404": {"content": {"application/problem+json": {"schema": {"type": "object",
                            "properties": {"type": {"type": "string"}}}}}},
                         "500": {"description": "not checked"}}
                        """))).isEmpty();
    }

    @Test
    void aMapBodyAMissingSchemaAndAMissingContentAreEachReported() {
        assertThat(OpenApiCoverage.untypedResponses(document("""
                        {"200": {"content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Loose"}},
                            "application/x-ndjson": {},
                            "text/html": {"schema": {}}}},
                         "400": {"description": "bad"}}
                        """)))
                .containsExactly(
                        "GET /runs/{id} 200 application/json: schema has no properties:"
                                + " {\"$ref\":\"#/components/schemas/Loose\"}",
                        "GET /runs/{id} 200 application/x-ndjson: no schema",
                        "GET /runs/{id} 200 text/html: no schema",
                        "GET /runs/{id} 400: no content documented");
    }

    @Test
    void anOperationWithoutASuccessAnswerIsReported() {
        assertThat(OpenApiCoverage.untypedResponses(document("{\"500\": {\"description\": \"x\"}}")))
                .containsExactly("GET /runs/{id}: no 2xx answer documented");
    }

    @Test
    void jsonFieldsAreThePropertiesOfTheReferredSchemaDirectlyOrAsArrayItems() {
        String direct = document(
                "{\"200\": {\"content\": {\"application/json\": {\"schema\": {\"$ref\": \"#/components/schemas/RunStatus\"}}}}}");
        String array = document("{\"200\": {\"content\": {\"application/json\": {\"schema\": {\"type\": \"array\","
                + " \"items\": {\"$ref\": \"#/components/schemas/RunStatus\"}}}}}}");
        assertThat(OpenApiCoverage.jsonFields(direct, "/runs/{id}", "get", "200"))
                .containsExactly("id");
        assertThat(OpenApiCoverage.jsonFields(array, "/runs/{id}", "get", "200"))
                .containsExactly("id");
        assertThatThrownBy(() -> OpenApiCoverage.jsonFields(direct, "/runs/{id}", "get", "404"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("get /runs/{id} 404 refers to no schema");
        assertThat(OpenApiCoverage.schemaFields(direct, "Loose")).isEmpty();
    }
}

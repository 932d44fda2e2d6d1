package dev.overton.support.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.json.EventJson;

/**
 * Checks an OpenAPI document ({@code /q/openapi?format=json}) for response bodies without a schema, so that each
 * service's {@code OpenApiSchemaTest} fails as soon as an endpoint returns an untyped body (a {@code Map}, a bare
 * {@code Response}, a stream without its line record). Shared with the services' tests through this module's test jar.
 *
 * <p>Every operation must document a 2xx answer. Every documented 2xx and 4xx answer other than 204 must have content,
 * and each of its media types a schema: a JSON one ({@code application/json}, {@code application/problem+json},
 * {@code application/x-ndjson}, whose schema is the record of one line) an object with properties, directly, by
 * {@code $ref} or as the items of an array; any other ({@code text/html}, {@code text/csv}) a schema with a type.
 */
public final class OpenApiCoverage {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private OpenApiCoverage() {}

    /**
     * The OpenAPI document as JSON that the service at {@code openApi} (its {@code /q/openapi}, as a test's
     * {@code @TestHTTPResource("/q/openapi")} gives it) serves; fails unless the service answers 200.
     */
    public static String read(URI openApi) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(openApi + "?format=json"))
                .header("Accept", "application/json")
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new AssertionError(openApi + " answered " + answer.statusCode());
            }
            return answer.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The fields of the JSON body documented for {@code method path status}: the properties of the schema its {@code
     * application/json} content refers to, directly or as the items of an array. Fails naming the answer when it
     * refers to no schema.
     */
    public static Set<String> jsonFields(String openApiJson, String path, String method, String status) {
        JsonNode schema = tree(openApiJson)
                .path("paths")
                .path(path)
                .path(method)
                .path("responses")
                .path(status)
                .path("content")
                .path("application/json")
                .path("schema");
        String ref =
                schema.path("$ref").asText(schema.path("items").path("$ref").asText(""));
        if (ref.isEmpty()) {
            throw new AssertionError(method + " " + path + " " + status + " refers to no schema");
        }
        return schemaFields(openApiJson, ref.substring(ref.lastIndexOf('/') + 1));
    }

    /** Asserts that the JSON body documented for {@code method path status} has (at least) {@code fields}. */
    public static void assertJsonFields(
            String openApiJson, String path, String method, String status, String... fields) {
        assertThat(jsonFields(openApiJson, path, method, status))
                .as(method + " " + path + " " + status + " schema")
                .contains(fields);
    }

    /** Asserts that every response of every operation of the service at {@code openApi} has a schema. */
    public static void assertEveryResponseTyped(URI openApi) {
        assertThat(untypedResponses(read(openApi))).isEmpty();
    }

    /** The property names of the component schema {@code name} (empty when there is none). */
    public static Set<String> schemaFields(String openApiJson, String name) {
        Set<String> fields = new LinkedHashSet<>();
        JsonNode properties =
                tree(openApiJson).path("components").path("schemas").path(name).path("properties");
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            fields.add(property.getKey());
        }
        return fields;
    }

    /** What is untyped in {@code openApiJson}, one line per response ({@code GET /path 200 text/html: ...}). */
    public static List<String> untypedResponses(String openApiJson) {
        JsonNode doc = tree(openApiJson);
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                String where = operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
                check(doc, where, operation.getValue().path("responses"), found);
            }
        }
        return found;
    }

    private static void check(JsonNode doc, String where, JsonNode responses, List<String> found) {
        boolean success = false;
        for (Map.Entry<String, JsonNode> response : responses.properties()) {
            String status = response.getKey();
            success |= status.startsWith("2");
            if (!(status.startsWith("2") || status.startsWith("4")) || status.equals("204")) {
                continue;
            }
            JsonNode content = response.getValue().path("content");
            if (content.isEmpty()) {
                found.add(where + " " + status + ": no content documented");
                continue;
            }
            for (Map.Entry<String, JsonNode> media : content.properties()) {
                String problem = problem(doc, media.getKey(), media.getValue().path("schema"));
                if (problem != null) {
                    found.add(where + " " + status + " " + media.getKey() + ": " + problem);
                }
            }
        }
        if (!success) {
            found.add(where + ": no 2xx answer documented");
        }
    }

    private static String problem(JsonNode doc, String mediaType, JsonNode schema) {
        if (schema.isMissingNode() || schema.isEmpty()) {
            return "no schema";
        }
        if (!mediaType.contains("json")) {
            return schema.hasNonNull("type") || schema.hasNonNull("$ref") ? null : "schema without a type";
        }
        JsonNode resolved = resolve(doc, schema);
        if ("array".equals(resolved.path("type").asText())) {
            resolved = resolve(doc, resolved.path("items"));
        }
        return resolved.path("properties").isEmpty() ? "schema has no properties: " + schema : null;
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/components/schemas/")) {
            return doc.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return schema;
    }

    private static JsonNode tree(String openApiJson) {
        try {
            return EventJson.mapper().readTree(openApiJson);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

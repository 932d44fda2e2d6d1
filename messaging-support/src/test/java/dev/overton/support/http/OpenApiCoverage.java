package dev.overton.support.http;

import java.io.UncheckedIOException;
import java.util.ArrayList;
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

    /** What is untyped in {@code openApiJson}, one line per response ({@code GET /path 200 text/html: ...}). */
    public static List<String> untypedResponses(String openApiJson) {
        JsonNode doc;
        try {
            doc = EventJson.mapper().readTree(openApiJson);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
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
}

package dev.overton.support.messaging;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.json.EventJson;

/**
 * Finds text in a record that PostgreSQL cannot store: the NUL character (U+0000; a {@code text} value rejects it with
 * SQLSTATE 22021, a JSON escape of it, cast to {@code jsonb} or read with {@code ->}, with 22P05) and unpaired UTF-16 surrogates (not
 * characters at all: the driver's UTF-8 encoder would silently replace them with {@code ?}). Such a record parses, but
 * storing it fails the same way on every attempt, and storing part of it would half-write the event; a consumer
 * therefore checks the whole record before its handler runs and dead-letters it at once, naming the field.
 *
 * <p>Records are JSON as {@link EventJson} writes them: characters outside printable ASCII are escaped only when they
 * are control characters, so a record without a backslash-u escape needs no tree walk.
 */
public final class StorableText {

    private StorableText() {}

    /**
     * The first field (object key or string value) of {@code json} that PostgreSQL cannot store, with why, or empty when
     * every string is storable or the text is not JSON (parsing reports that).
     */
    public static Optional<String> problem(String json) {
        if (json == null || (json.indexOf("\\u") < 0 && json.indexOf('\u0000') < 0)) {
            return Optional.empty();
        }
        JsonNode tree;
        try {
            tree = EventJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        return problem(tree, "");
    }

    /** What is wrong with {@code text} for PostgreSQL, or {@code null} when it can be stored as it is. */
    public static String problemOf(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "carries U+0000 (NUL) at character " + i + ", which PostgreSQL text cannot store";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "carries an unpaired surrogate at character " + i + ", which is not text";
            }
            if (Character.isLowSurrogate(c)) {
                return "carries an unpaired surrogate at character " + i + ", which is not text";
            }
        }
        return null;
    }

    private static Optional<String> problem(JsonNode node, String path) {
        if (node.isTextual()) {
            String problem = problemOf(node.textValue());
            return problem == null ? Optional.empty() : Optional.of(name(path) + " " + problem);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<String> found = problem(node.get(i), path + "[" + i + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String problem = problemOf(field.getKey());
                if (problem != null) {
                    return Optional.of("a field name under " + name(path) + " " + problem);
                }
                Optional<String> found =
                        problem(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The path as a log-safe name: control characters escaped (keys are user text), at most 200 characters. */
    private static String name(String path) {
        if (path.isEmpty()) {
            return "the record";
        }
        StringBuilder safe = new StringBuilder();
        for (int i = 0; i < path.length() && safe.length() < 200; i++) {
            char c = path.charAt(i);
            safe.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return safe.length() < 200 ? safe.toString() : safe + "…";
    }
}

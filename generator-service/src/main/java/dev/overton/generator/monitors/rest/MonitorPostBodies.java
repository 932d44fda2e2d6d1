package dev.overton.generator.monitors.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.spec.FieldError;
import dev.overton.contracts.spec.SpecJson;
import dev.overton.generator.monitors.StreamPrompt;
import dev.overton.generator.runs.InvalidRunSpecException;

/**
 * Reads the bodies of the monitor API's two small writes, {@code POST /monitors/{id}/windows} (an optional label) and
 * {@code POST /monitors/{id}/prompts} (stream prompts), as strictly as a run spec: no unknown field, every wrong field
 * named in one 400. Kept apart from {@link MonitorResource} so that the resource only routes and answers.
 */
final class MonitorPostBodies {

    /** Most prompts one {@code POST /monitors/{id}/prompts} may carry. */
    static final int MAX_PROMPTS_PER_POST = 1_000;

    private MonitorPostBodies() {}

    /**
     * The {@code label} of {@code POST /monitors/{id}/windows}'s optional body {@code {"label": "v2.1"}}: {@code null}
     * for an empty body or no label; a wrong body is refused naming the field.
     */
    static String label(byte[] body) {
        JsonNode root = readBody(body);
        if (root == null) {
            return null;
        }
        List<FieldError> errors = new ArrayList<>();
        if (!root.isObject()) {
            errors.add(new FieldError("(body)", "must be a JSON object {\"label\": \"v2.1\"}, or empty"));
        } else {
            SpecJson.refuseUnknownFields(root, "", Set.of("label"), errors);
            JsonNode label = root.get("label");
            if (label != null && !label.isNull()) {
                if (!label.isTextual()) {
                    errors.add(new FieldError("label", "must be a string, e.g. the model version \"v2.1\""));
                } else if (RunSpec.labelProblem(label.asText()) != null) {
                    errors.add(new FieldError("label", RunSpec.labelProblem(label.asText())));
                } else if (errors.isEmpty()) {
                    return label.asText();
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRunSpecException(errors);
        }
        return null;
    }

    /**
     * The prompts of {@code POST /monitors/{id}/prompts}'s body: one prompt object or a list of 1 to {@link
     * #MAX_PROMPTS_PER_POST}; a wrong body is refused naming each wrong field.
     */
    static List<List<ChatMessage>> prompts(byte[] body) {
        JsonNode root = readBody(body);
        List<FieldError> errors = new ArrayList<>();
        List<List<ChatMessage>> prompts = new ArrayList<>();
        if (root != null && root.isArray()) {
            if (root.isEmpty() || root.size() > MAX_PROMPTS_PER_POST) {
                errors.add(new FieldError(
                        "(body)", "must hold 1 to " + MAX_PROMPTS_PER_POST + " prompts; send more in several posts"));
            }
            for (int i = 0; i < root.size() && i < MAX_PROMPTS_PER_POST; i++) {
                prompts.add(StreamPrompt.read(root.get(i), "[" + i + "]", errors));
            }
        } else {
            prompts.add(StreamPrompt.read(root, "", errors));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRunSpecException(errors);
        }
        return prompts;
    }

    /** The body's JSON tree, {@code null} when empty; a body that is no JSON is refused naming where. */
    private static JsonNode readBody(byte[] body) {
        SpecJson.Read read = SpecJson.read(body);
        if (read.problem() != null) {
            throw new InvalidRunSpecException(List.of(read.problem()));
        }
        return read.tree();
    }
}

package dev.overton.generator.monitors;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.spec.FieldError;
import dev.overton.contracts.spec.PromptRules;
import dev.overton.contracts.spec.SpecJson;

/**
 * One prompt sent to a stream monitor, on topic {@code monitor-prompts} or {@code POST /monitors/{id}/prompts}: {@code
 * {"prompt": "..."}} (one user message) or {@code {"messages": [...]}}, plus {@code "monitor": "<name>"} on the topic.
 * Checked by the same {@link PromptRules} as a dataset's prompt.
 */
public final class StreamPrompt {

    /** The fields of a streamed prompt. */
    public static final Set<String> FIELDS = Set.of("monitor", "prompt", "messages");

    private StreamPrompt() {}

    /**
     * The prompt's messages; {@code null} (with errors naming the field under {@code at}) when it is wrong.
     *
     * @param at the path of the prompt in the body, e.g. {@code prompts[2]}; empty for the top level
     */
    public static List<ChatMessage> read(JsonNode node, String at, List<FieldError> errors) {
        String prefix = at.isEmpty() ? "" : at + ".";
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(
                    at.isEmpty() ? "(body)" : at, "must be an object {\"prompt\": \"...\"} or {\"messages\": [...]}"));
            return null;
        }
        SpecJson.refuseUnknownFields(node, at, FIELDS, errors);
        JsonNode text = node.get("prompt");
        JsonNode messages = node.get("messages");
        boolean hasText = text != null && !text.isNull();
        boolean hasMessages = messages != null && !messages.isNull();
        if (hasText == hasMessages) {
            errors.add(new FieldError(
                    prefix + "prompt", "give exactly one of 'prompt' (a user message) or 'messages' (a chat)"));
            return null;
        }
        Prompt prompt;
        if (hasText) {
            if (!text.isTextual()) {
                errors.add(new FieldError(prefix + "prompt", "must be a string"));
                return null;
            }
            prompt = PromptRules.text(text.asText(), 0, prefix + "prompt", errors);
        } else {
            int before = errors.size();
            prompt = PromptRules.read(node, 0, at, errors);
            // At the top level the rules' paths start with '.': name the field itself.
            for (int i = before; i < errors.size(); i++) {
                FieldError e = errors.get(i);
                if (e.field().startsWith(".")) {
                    errors.set(i, new FieldError(e.field().substring(1), e.message()));
                }
            }
        }
        return prompt == null ? null : prompt.messages();
    }
}

package dev.overton.contracts.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.Prompt;

/**
 * The checks of one prompt, given inline ({@code dataset.prompts[i]}) or read from a dataset line: its messages (at
 * most {@link SpecLimits#MESSAGES}, free text of at most {@link SpecLimits#TEXT_LENGTH}), at least one user message,
 * and its id ({@link SpecText#PROMPT_ID}; ids end up in keys, rows and report links). Other fields of a prompt
 * object are ignored: dataset lines often carry their own metadata.
 */
public final class PromptRules {

    /** The fields Overton reads from a prompt object. */
    public static final Set<String> FIELDS = Set.of("id", "messages");

    private PromptRules() {}

    /** A prompt given as plain text: one user message; its id is its index. */
    public static Prompt text(String text, int index, String at, List<FieldError> errors) {
        if (text.isBlank()) {
            errors.add(new FieldError(at, "is blank; a prompt needs text"));
            return null;
        }
        if (!SpecText.checkText(at, text, SpecLimits.TEXT_LENGTH, errors)) {
            return null;
        }
        return new Prompt(String.valueOf(index), index, List.of(new ChatMessage("user", text)));
    }

    /** A prompt object {@code {"id"?, "messages": [...]}}; {@code null} (with errors) when it is wrong. */
    public static Prompt read(JsonNode node, int index, String at, List<FieldError> errors) {
        if (!node.isObject()) {
            errors.add(new FieldError(at, "must be an object {\"messages\":[{\"role\":\"user\",\"content\":...}]}"));
            return null;
        }
        JsonNode messages = node.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            errors.add(new FieldError(at + ".messages", "must be a non-empty list of {\"role\",\"content\"} messages"));
            return null;
        }
        if (!SpecFields.withinCount(messages, at + ".messages", SpecLimits.MESSAGES, "messages", errors)) {
            return null;
        }
        List<ChatMessage> chat = new ArrayList<>();
        boolean hasUser = false;
        int before = errors.size();
        for (int m = 0; m < messages.size(); m++) {
            JsonNode msg = messages.get(m);
            JsonNode role = msg.get("role");
            JsonNode content = msg.get("content");
            String item = at + ".messages[" + m + "]";
            if (role == null || !role.isTextual() || content == null || !content.isTextual()) {
                errors.add(new FieldError(item, "must have string 'role' and 'content'"));
                return null;
            }
            SpecText.checkName(item + ".role", role.asText(), SpecLimits.LABEL_LENGTH, errors);
            SpecText.checkText(item + ".content", content.asText(), SpecLimits.TEXT_LENGTH, errors);
            hasUser |= "user".equals(role.asText());
            chat.add(new ChatMessage(role.asText(), content.asText()));
        }
        if (errors.size() > before) {
            return null;
        }
        if (!hasUser) {
            errors.add(new FieldError(at + ".messages", "needs at least one message with role 'user'"));
            return null;
        }
        JsonNode id = node.get("id");
        String promptId;
        if (id == null || id.isNull()) {
            promptId = String.valueOf(index);
        } else if (id.isTextual() || id.isIntegralNumber()) {
            promptId = id.asText();
        } else {
            errors.add(new FieldError(at + ".id", "must be a string or a whole number"));
            return null;
        }
        String problem = SpecText.characterProblem(promptId, false);
        if (problem != null) {
            errors.add(new FieldError(at + ".id", problem));
            return null;
        }
        if (!SpecText.isPromptId(promptId)) {
            errors.add(new FieldError(at + ".id", SpecText.PROMPT_ID_RULE));
            return null;
        }
        return new Prompt(promptId, index, List.copyOf(chat));
    }
}

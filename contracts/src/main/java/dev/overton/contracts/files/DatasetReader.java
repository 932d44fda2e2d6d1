package dev.overton.contracts.files;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.json.EventJson;

/**
 * Reads JSONL files a user names (a dataset of prompts, a released output file) through a {@link FileSandbox}.
 *
 * <p>Problems name the line, the field and the fix but never quote the file: the file may be any file under the
 * allowed folders, and a parser message ("Unrecognized token 'root'") would hand its content to whoever named it.
 */
public final class DatasetReader {

    /** How many problems a dataset may have before reading stops. */
    public static final int MAX_PROBLEMS = 20;

    private static final ObjectMapper MAPPER = EventJson.mapper();

    private DatasetReader() {}

    /**
     * One problem of a file.
     *
     * @param at where: {@code <field>:line <n>}, optionally followed by the field inside the line
     * @param message what is wrong and how to fix it, without the file's content
     */
    public record Problem(String at, String message) {}

    /**
     * A dataset file's prompts, or its problems.
     *
     * @param prompts the good lines' prompts in file order
     * @param problems what is wrong, at most {@link #MAX_PROBLEMS} plus a closing note
     */
    public record Dataset(List<Prompt> prompts, List<Problem> problems) {

        /** Whether the file is a usable dataset. */
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * One non-blank line of a JSONL file.
     *
     * @param number the 1-based line number in the file
     * @param json the parsed value, or {@code null} when the line is not valid JSON
     * @param error why it is not, without its content, or {@code null}
     */
    public record JsonLine(int number, JsonNode json, String error) {}

    /**
     * Reads a dataset: one JSON object per non-blank line, {@code {"id"?: ..., "messages": [{"role", "content"}, ...]}}
     * with at least one {@code user} message; ids (default: the prompt's index) unique and without {@code /}.
     *
     * @param sandbox the folder policy
     * @param path the path as the user gave it
     * @param field the field that named the file, for problem locations (e.g. {@code dataset.path})
     * @throws FileRefusedException when the file may not be read
     */
    public static Dataset prompts(FileSandbox sandbox, String path, String field) {
        List<JsonLine> lines = jsonLines(sandbox, path);
        List<Problem> problems = new ArrayList<>();
        List<Prompt> prompts = new ArrayList<>();
        Map<String, Integer> lineOfId = new HashMap<>();
        int index = 0;
        for (JsonLine line : lines) {
            String at = field + ":line " + line.number();
            if (line.json() == null) {
                problems.add(new Problem(at, line.error()));
            } else {
                Prompt prompt = prompt(line.json(), index, at, problems);
                if (prompt != null) {
                    Integer first = lineOfId.putIfAbsent(prompt.id(), line.number());
                    if (first != null) {
                        problems.add(new Problem(
                                at + ".id", "repeats the prompt id of line " + first + "; ids must be unique"));
                    } else {
                        prompts.add(prompt);
                    }
                }
            }
            index++;
            if (problems.size() > MAX_PROBLEMS) {
                problems.add(new Problem(field, "stopped after " + MAX_PROBLEMS + " problems; fix these first"));
                break;
            }
        }
        if (prompts.isEmpty() && problems.isEmpty()) {
            problems.add(new Problem(field, sandbox.resolve(path) + " holds no prompts"));
        }
        return new Dataset(List.copyOf(prompts), List.copyOf(problems));
    }

    /**
     * Reads the non-blank lines of a JSONL file, each parsed or with the reason it is not JSON.
     *
     * @throws FileRefusedException when the file may not be read
     */
    public static List<JsonLine> jsonLines(FileSandbox sandbox, String path) {
        List<String> text = sandbox.readLines(path);
        List<JsonLine> lines = new ArrayList<>(text.size());
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                lines.add(new JsonLine(i + 1, MAPPER.readTree(line), null));
            } catch (JsonProcessingException e) {
                lines.add(new JsonLine(i + 1, null, jsonProblem(e)));
            }
        }
        return lines;
    }

    /** Why a line is not valid JSON, by position only: the parser's own message quotes the text. */
    public static String jsonProblem(JsonProcessingException e) {
        String where = e.getLocation() == null || e.getLocation().getColumnNr() < 1
                ? ""
                : " at column " + e.getLocation().getColumnNr();
        String what = e instanceof JsonEOFException ? "it ends in the middle of a value" : "unexpected text";
        return "is not valid JSON (" + what + where + "); each line must be one JSON object";
    }

    /**
     * One dataset line (or inline prompt object) as a prompt.
     *
     * @param node the line's JSON
     * @param index the prompt's 0-based position in the dataset
     * @param at where, for problems
     * @param problems where problems go
     * @return the prompt, or {@code null} after adding a problem
     */
    public static Prompt prompt(JsonNode node, int index, String at, List<Problem> problems) {
        if (!node.isObject()) {
            problems.add(new Problem(at, "must be an object {\"messages\":[{\"role\":\"user\",\"content\":...}]}"));
            return null;
        }
        JsonNode messages = node.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            problems.add(new Problem(at + ".messages", "must be a non-empty list of {\"role\",\"content\"} messages"));
            return null;
        }
        List<ChatMessage> chat = new ArrayList<>();
        boolean hasUser = false;
        for (int m = 0; m < messages.size(); m++) {
            JsonNode msg = messages.get(m);
            JsonNode role = msg.get("role");
            JsonNode content = msg.get("content");
            if (role == null || !role.isTextual() || content == null || !content.isTextual()) {
                problems.add(new Problem(at + ".messages[" + m + "]", "must have string 'role' and 'content'"));
                return null;
            }
            hasUser |= "user".equals(role.asText());
            chat.add(new ChatMessage(role.asText(), content.asText()));
        }
        if (!hasUser) {
            problems.add(new Problem(at + ".messages", "needs at least one message with role 'user'"));
            return null;
        }
        JsonNode id = node.get("id");
        String promptId = id == null || id.isNull() ? String.valueOf(index) : id.asText();
        if (promptId.isBlank() || promptId.contains("/")) {
            problems.add(new Problem(at + ".id", "must be non-blank and must not contain '/'"));
            return null;
        }
        return new Prompt(promptId, index, List.copyOf(chat));
    }
}

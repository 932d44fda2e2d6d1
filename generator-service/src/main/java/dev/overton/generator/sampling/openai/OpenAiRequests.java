package dev.overton.generator.sampling.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.sampling.PromptFrames;

/**
 * Builds the body of an OpenAI API request from a prompt and a variant: the chat messages, or the raw prompt (icl's
 * rendered prompt as it is, or the variant's template / the zero-shot frame); every param passed through except the
 * fields Overton sets and its own switches; the closing fence as the stop string when the raw prompt leaves the model
 * inside one and the variant gives no {@code stop}. Plain functions, no I/O.
 */
final class OpenAiRequests {

    private static final ObjectMapper MAPPER = EventJson.mapper();

    private OpenAiRequests() {}

    /**
     * One request's body and the stop strings to cut the answers at.
     *
     * @param path the API path below the endpoint ({@code /chat/completions} or {@code /completions})
     * @param body the JSON body, without {@code n}
     * @param stops the stop strings
     */
    record Built(String path, ObjectNode body, List<String> stops) {}

    /**
     * The variant's {@code api}, after checking the fields a request needs.
     *
     * @throws CallFailed naming the field and the fix
     */
    static String api(VariantSpec variant) throws CallFailed {
        if (blank(variant.endpoint())) {
            throw new CallFailed("openai variant '" + variant.name() + "' names no endpoint; set its 'endpoint'"
                    + " to the server's base URL, e.g. http://localhost:8000/v1");
        }
        if (blank(variant.model())) {
            throw new CallFailed("openai variant '" + variant.name()
                    + "' names no model; set its 'model' to a name the server lists at <endpoint>/models");
        }
        String api = variant.api() == null ? OpenAiBackend.CHAT : variant.api();
        if (!OpenAiBackend.CHAT.equals(api) && !OpenAiBackend.COMPLETIONS.equals(api)) {
            throw new CallFailed(
                    "openai variant '" + variant.name() + "' has api '" + api + "'; use 'chat' or 'completions'");
        }
        return api;
    }

    /**
     * The request for {@code prompt} ({@code renderedPrompt}: icl-service's, sent as it is, or {@code null}).
     *
     * @throws CallFailed when a rendered prompt meets the chat API
     */
    static Built build(Prompt prompt, VariantSpec variant, String api, String renderedPrompt) throws CallFailed {
        boolean chat = OpenAiBackend.CHAT.equals(api);
        if (renderedPrompt != null && chat) {
            throw new CallFailed("openai variant '" + variant.name() + "' got a rendered (in-context) prompt but uses"
                    + " the chat API; in-context variants need a base variant with api 'completions'");
        }
        Map<String, Object> params = variant.params() == null ? Map.of() : variant.params();
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", variant.model());
        String rawPrompt = null;
        if (chat) {
            ArrayNode messages = body.putArray("messages");
            for (ChatMessage m : prompt.messages()) {
                messages.addObject().put("role", m.role()).put("content", m.content());
            }
        } else if (renderedPrompt != null) {
            // Built by icl-service (examples, hints, budget already applied): sent exactly as it is.
            rawPrompt = renderedPrompt;
            body.put("prompt", rawPrompt);
        } else {
            String template = params.get(OpenAiBackend.TEMPLATE) instanceof String t ? t : PromptFrames.ZERO_SHOT;
            rawPrompt = PromptFrames.render(template, prompt.userText());
            body.put("prompt", rawPrompt);
        }
        for (Map.Entry<String, Object> param : params.entrySet()) {
            String key = param.getKey();
            if (!OpenAiBackend.RESERVED.contains(key)
                    && !OpenAiBackend.N_SUPPORTED.equals(key)
                    && !OpenAiBackend.TEMPLATE.equals(key)) {
                body.set(key, MAPPER.valueToTree(param.getValue()));
            }
        }
        List<String> stops = stops(params.get("stop"));
        if (!params.containsKey("stop") && rawPrompt != null && PromptFrames.endsInsideFence(rawPrompt)) {
            stops = List.of(PromptFrames.FENCE);
            body.putArray("stop").add(PromptFrames.FENCE);
        }
        return new Built(chat ? "/chat/completions" : "/completions", body, stops);
    }

    /** {@code body} asking for {@code n} choices in one request. */
    static ObjectNode withN(ObjectNode body, int n) {
        ObjectNode withN = body.deepCopy();
        withN.put("n", n);
        return withN;
    }

    /**
     * Bodies of separate requests for samples {@code from} to {@code to - 1}: with a {@code seed}, sample i gets {@code
     * seed + i} (the same seed would give identical samples).
     */
    static List<ObjectNode> separate(ObjectNode body, int from, int to) {
        JsonNode seed = body.get("seed");
        List<ObjectNode> bodies = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            ObjectNode one = body.deepCopy();
            if (seed != null && seed.canConvertToLong()) {
                one.put("seed", seed.asLong() + i);
            }
            bodies.add(one);
        }
        return bodies;
    }

    private static List<String> stops(Object stop) {
        if (stop instanceof String s) {
            return List.of(s);
        }
        if (stop instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

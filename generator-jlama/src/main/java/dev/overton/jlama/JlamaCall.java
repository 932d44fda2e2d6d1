package dev.overton.jlama;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One request to draw one sample from an embedded model: what to condition on and how to sample.
 *
 * <p>N samples of a variant are N calls. The engine derives nothing from a call's position in a set, so the caller
 * gives each sample its own seed; the generator's convention is {@code seed + i} for sample {@code i} (the same seed
 * would give N identical samples), as it does for OpenAI servers that draw samples one request at a time.
 *
 * @param model a Hugging Face repo id such as {@value JlamaModels#SMOLLM2_INSTRUCT}, or the path of a local folder
 *     holding {@code config.json}, the tokenizer files and {@code *.safetensors}
 * @param api {@link Api#CHAT} to render {@code messages} with the model's own chat template, {@link Api#COMPLETIONS}
 *     to continue {@code prompt} as it is
 * @param messages the conversation for {@link Api#CHAT}; empty for {@link Api#COMPLETIONS}
 * @param prompt the raw text for {@link Api#COMPLETIONS}; {@code null} for {@link Api#CHAT}
 * @param temperature softmax temperature, 0 for greedy (argmax) decoding
 * @param maxTokens the most tokens to generate for this sample (the prompt does not count)
 * @param seed seeds the sampler, so that the same call on the same model gives the same text; {@code null} for a fresh
 *     random seed
 * @param stop strings that end the sample; the text is cut before the first one that occurs
 */
public record JlamaCall(
        String model,
        Api api,
        List<Message> messages,
        String prompt,
        double temperature,
        int maxTokens,
        Long seed,
        List<String> stop) {

    /** Validates the call; every message names the offending field. */
    public JlamaCall {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model is required: a Hugging Face repo id (owner/name) or a folder");
        }
        Objects.requireNonNull(api, "api is required: chat or completions");
        messages = messages == null ? List.of() : List.copyOf(messages);
        stop = stop == null ? List.of() : List.copyOf(stop);
        if (api == Api.CHAT) {
            if (messages.isEmpty()) {
                throw new IllegalArgumentException("messages must not be empty when api is chat");
            }
            if (prompt != null) {
                throw new IllegalArgumentException("prompt must be null when api is chat: put the text in messages");
            }
        } else {
            if (prompt == null) {
                throw new IllegalArgumentException("prompt is required when api is completions");
            }
            if (!messages.isEmpty()) {
                throw new IllegalArgumentException(
                        "messages must be empty when api is completions: give the raw text as prompt");
            }
        }
        if (!Double.isFinite(temperature) || temperature < 0) {
            throw new IllegalArgumentException("temperature must be a finite number >= 0, was " + temperature);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
        }
        for (String s : stop) {
            if (s == null || s.isEmpty()) {
                throw new IllegalArgumentException("stop strings must not be null or empty");
            }
        }
    }

    /** A chat call: {@code messages} rendered with the model's chat template. */
    public static JlamaCall chat(
            String model, List<Message> messages, double temperature, int maxTokens, Long seed, List<String> stop) {
        return new JlamaCall(model, Api.CHAT, messages, null, temperature, maxTokens, seed, stop);
    }

    /** A completions call: {@code prompt} continued as it is, for base models. */
    public static JlamaCall completion(
            String model, String prompt, double temperature, int maxTokens, Long seed, List<String> stop) {
        return new JlamaCall(model, Api.COMPLETIONS, List.of(), prompt, temperature, maxTokens, seed, stop);
    }

    /** The same call with another seed; the caller's way to draw sample {@code i} with {@code seed + i}. */
    public JlamaCall withSeed(Long newSeed) {
        return new JlamaCall(model, api, messages, prompt, temperature, maxTokens, newSeed, stop);
    }

    /** How the model is prompted, named as in the run spec's {@code variants[].api}. */
    public enum Api {
        /** Render the messages with the model's chat template (aligned and instruct models). */
        CHAT("chat"),
        /** Continue a raw prompt as it is (base models). */
        COMPLETIONS("completions");

        private final String wireName;

        Api(String wireName) {
            this.wireName = wireName;
        }

        /** The name used in run specs: {@code chat} or {@code completions}. */
        public String wireName() {
            return wireName;
        }

        /**
         * The api a run spec names.
         *
         * @throws IllegalArgumentException for anything but {@code chat} or {@code completions}
         */
        public static Api fromWireName(String name) {
            for (Api api : values()) {
                if (api.wireName.equals(name)) {
                    return api;
                }
            }
            throw new IllegalArgumentException("api must be chat or completions, was " + name);
        }
    }

    /**
     * One chat message.
     *
     * @param role {@code system}, {@code user} or {@code assistant} (the roles jlama's template rendering knows)
     * @param content the message text
     */
    public record Message(String role, String content) {

        /** Validates the role and content. */
        public Message {
            if (role == null) {
                throw new IllegalArgumentException("message role is required: system, user or assistant");
            }
            role = role.toLowerCase(Locale.ROOT);
            if (!role.equals("system") && !role.equals("user") && !role.equals("assistant")) {
                throw new IllegalArgumentException("message role must be system, user or assistant, was " + role);
            }
            Objects.requireNonNull(content, "message content is required");
        }

        /** A {@code system} message. */
        public static Message system(String content) {
            return new Message("system", content);
        }

        /** A {@code user} message. */
        public static Message user(String content) {
            return new Message("user", content);
        }

        /** An {@code assistant} message. */
        public static Message assistant(String content) {
            return new Message("assistant", content);
        }
    }
}

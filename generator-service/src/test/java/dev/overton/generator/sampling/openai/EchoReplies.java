package dev.overton.generator.sampling.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the answer of an OpenAI-compatible server to a legacy completions request with {@code echo: true} and {@code
 * logprobs: K}, in vLLM's shape ({@code choices[0].logprobs} with {@code tokens}, {@code token_logprobs}, {@code
 * top_logprobs}, {@code text_offset} in code points; the chosen token added to {@code top_logprobs} when it is not
 * among the top K), with every token's rank chosen by the test. The "tokenizer" splits the prompt into runs of
 * whitespace followed by non-whitespace (so a newline merges with the word after it, as real tokenizers often do
 * across the context/answer boundary).
 */
public final class EchoReplies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN = Pattern.compile("\\s*\\S+|\\s+");

    private EchoReplies() {}

    /** The tokens of {@code prompt} as this fake tokenizes it. */
    public static List<String> tokens(String prompt) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(prompt);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    /**
     * The 200 body for {@code prompt}: token {@code t} (after the first) gets log-probability {@code -0.25 * rank} and
     * {@code rank - 1} alternatives above it, where {@code rank = rankOf(t)}.
     */
    public static String body(String prompt, int topK, ToIntFunction<String> rankOf) {
        List<String> tokens = tokens(prompt);
        tokens.add("\n"); // the one generated token (max_tokens 1)
        ObjectNode root = JSON.createObjectNode()
                .put("id", "cmpl-echo")
                .put("object", "text_completion")
                .put("created", 1_765_000_000L)
                .put("model", "base-model");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("text", prompt + "\n");
        ObjectNode logprobs = choice.putObject("logprobs");
        ArrayNode offsets = logprobs.putArray("text_offset");
        ArrayNode values = logprobs.putArray("token_logprobs");
        ArrayNode texts = logprobs.putArray("tokens");
        ArrayNode tops = logprobs.putArray("top_logprobs");
        int offset = 0;
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            offsets.add(offset);
            offset += token.codePointCount(0, token.length());
            texts.add(token);
            if (i == 0) {
                values.addNull();
                tops.addNull();
                continue;
            }
            int rank = rankOf.applyAsInt(token);
            double logprob = -0.25 * rank;
            values.add(logprob);
            ObjectNode top = tops.addObject();
            for (int r = 1; r <= Math.max(topK, rank); r++) {
                if (r == rank) {
                    top.put(token, logprob);
                } else if (r <= topK) {
                    top.put("alt" + r, -0.25 * r);
                }
            }
        }
        choice.put("finish_reason", "length");
        root.putObject("usage")
                .put("prompt_tokens", tokens.size() - 1)
                .put("completion_tokens", 1)
                .put("total_tokens", tokens.size());
        return root.toString();
    }
}

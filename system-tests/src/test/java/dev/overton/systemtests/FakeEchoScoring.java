package dev.overton.systemtests;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fake model server's answer to a token-scoring request ({@code POST /v1/completions} with {@code echo: true} and
 * {@code logprobs: K}), in the OpenAI completions shape vLLM serves: the choice's text is the prompt followed by one
 * generated token, and {@code logprobs} holds the parallel arrays {@code tokens}, {@code token_logprobs}, {@code
 * top_logprobs} (null for the first token, as the servers send it) and {@code text_offset} (in code points, as
 * Python counts). The "tokenizer" cuts the prompt into whitespace-led words ({@code \s*\S+}), so a token may straddle
 * the boundary between context and answer as real ones do.
 *
 * <p>Each token's rank is the test's choice ({@code rank}), so the expected shares are known exactly: a token of rank
 * r ≤ K gets log-probability −0.1·r and is listed among K alternatives, r − 1 of them more likely; a token of rank K + 1
 * is left out of K alternatives that are all more likely.
 */
final class FakeEchoScoring {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN = Pattern.compile("\\s*\\S+|\\s+$");

    private FakeEchoScoring() {}

    /** The prompt cut into tokens whose concatenation is the prompt. */
    static List<String> tokens(String prompt) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(prompt);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    /** The one choice of an echo response to {@code prompt}, each token ranked by {@code rank} among {@code topK}. */
    static ObjectNode choice(String prompt, int topK, ToIntFunction<String> rank) {
        ObjectNode choice = JSON.createObjectNode();
        choice.put("index", 0);
        choice.put("text", prompt + " ok");
        choice.put("finish_reason", "length");
        ObjectNode logprobs = choice.putObject("logprobs");
        ArrayNode tokens = logprobs.putArray("tokens");
        ArrayNode values = logprobs.putArray("token_logprobs");
        ArrayNode tops = logprobs.putArray("top_logprobs");
        ArrayNode offsets = logprobs.putArray("text_offset");
        List<String> all = new ArrayList<>(tokens(prompt));
        all.add(" ok"); // the one generated token (max_tokens 1), after the prompt
        int offset = 0;
        for (int i = 0; i < all.size(); i++) {
            String token = all.get(i);
            tokens.add(token);
            offsets.add(offset);
            offset += token.codePointCount(0, token.length());
            if (i == 0) {
                values.addNull();
                tops.addNull();
                continue;
            }
            int r = Math.max(1, Math.min(topK + 1, rank.applyAsInt(token)));
            double logprob = -0.1 * r;
            values.add(logprob);
            ObjectNode top = tops.addObject();
            for (int j = 1; j < r && j <= topK; j++) {
                top.put("alt" + j, -0.1 * j);
            }
            if (r <= topK) {
                top.put(token, logprob);
                for (int j = r + 1; j <= topK; j++) {
                    top.put("low" + j, -5.0 - j);
                }
            }
        }
        return choice;
    }
}

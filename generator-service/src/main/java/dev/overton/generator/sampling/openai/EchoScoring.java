package dev.overton.generator.sampling.openai;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.overton.contracts.ScoredToken;
import dev.overton.contracts.TokenScores;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.tokenshift.ScoredAnswer;

/**
 * Token scoring through the legacy completions API: the context and the answer go out as one raw prompt with {@code
 * echo: true}, {@code logprobs: K} and {@code max_tokens: 1} (some servers refuse 0; the one generated token is
 * ignored), and the server returns, for every prompt token, its text, log-probability, its top K alternatives and its
 * character offset.
 *
 * <p>The wire shape is the OpenAI API reference's for {@code POST /v1/completions} ({@code choices[].logprobs} with
 * the parallel arrays {@code tokens}, {@code token_logprobs}, {@code top_logprobs} — one object token → logprob per
 * position, {@code null} for the first token — and {@code text_offset}), which vLLM's OpenAI-compatible server serves
 * for {@code echo} with {@code logprobs} (its {@code CompletionLogProbs}; vLLM puts the chosen token into {@code
 * top_logprobs} as well, so a position may list K + 1 entries).
 *
 * <p><b>The boundary.</b> The answer's tokens are the prompt's tokens that cover at least one character of the answer:
 * token {@code i} spans {@code [text_offset[i], text_offset[i+1])} and belongs to the answer when that span ends
 * after the context's last character (a token the tokenizer merged across the boundary, such as a newline and the
 * answer's first word, is counted with the answer; its {@link ScoredToken#offset()} is negative). Offsets count
 * characters as the servers' Python does, i.e. Unicode code points, not Java's UTF-16 units: the context's length is
 * taken in code points, and offsets are mapped back to UTF-16 indexes for {@link ScoredToken#offset()}. The offsets
 * are not trusted blindly: every token whose text is plain (not a byte token such as {@code bytes:\xe2\x80} or one
 * holding U+FFFD) must appear in the prompt at its offset, and the choice's text must begin with the prompt, else the
 * result fails with the reason (a server that reports raw tokenizer pieces such as {@code Ġthe}, or that ignored
 * {@code echo}).
 *
 * <p><b>The rank</b> of a token is 1 + the number of other alternatives at its position with a strictly higher
 * log-probability (ties share the better rank), and {@code K + 1} ("not among the top K") when K or more are higher.
 * A token below every listed alternative with fewer than K of them listed (a server that caps {@code logprobs} below
 * K) cannot be ranked and fails the result rather than get a rank that is only a lower bound.
 *
 * <p>Plain functions, no I/O.
 */
final class EchoScoring {

    /** The API path below the endpoint. */
    static final String PATH = "/completions";

    private EchoScoring() {}

    /** The request body scoring {@code context + answer} with {@code topK} alternatives per token. */
    static ObjectNode body(String model, String context, String answer, int topK) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("model", model);
        body.put("prompt", context + answer);
        body.put("echo", true);
        body.put("logprobs", topK);
        body.put("max_tokens", 1);
        return body;
    }

    /**
     * The answer's tokens from a 2xx response {@code root}, or a failed result with the reason.
     *
     * @param latencyMs the call's wall time, recorded with the result
     */
    static ScoredAnswer parse(JsonNode root, String context, String answer, int topK, Long latencyMs) {
        String method = TokenScores.ECHO;
        String prompt = context + answer;
        JsonNode choice = root == null ? null : root.path("choices").path(0);
        if (choice == null || !choice.isObject()) {
            return ScoredAnswer.failed(method, "the server's response has no choices[0]");
        }
        JsonNode text = choice.get("text");
        if (text == null || !text.isTextual() || !text.asText().startsWith(prompt)) {
            return ScoredAnswer.failed(
                    method,
                    "the server ignored echo: its answer does not begin with the prompt, so the prompt's tokens were"
                            + " not scored; use a server whose /completions supports echo with logprobs (vLLM;"
                            + " docs/backends.md, Token scoring)");
        }
        JsonNode logprobs = choice.get("logprobs");
        if (logprobs == null || !logprobs.isObject()) {
            return ScoredAnswer.failed(
                    method,
                    "the server returned no logprobs (it ignores 'logprobs' on /completions); use a server that"
                            + " supports echo with logprobs (vLLM; docs/backends.md, Token scoring)");
        }
        JsonNode tokens = logprobs.path("tokens");
        JsonNode values = logprobs.path("token_logprobs");
        JsonNode tops = logprobs.path("top_logprobs");
        JsonNode offsets = logprobs.path("text_offset");
        if (!tokens.isArray() || !values.isArray() || !tops.isArray() || !offsets.isArray()) {
            return ScoredAnswer.failed(
                    method,
                    "the server's logprobs lack one of tokens, token_logprobs, top_logprobs, text_offset (the OpenAI"
                            + " completions shape); the answer's tokens cannot be located");
        }
        int n = tokens.size();
        if (values.size() != n || tops.size() != n || offsets.size() != n) {
            return ScoredAnswer.failed(
                    method,
                    "the server's logprobs arrays differ in length (tokens " + n + ", token_logprobs "
                            + values.size() + ", top_logprobs " + tops.size() + ", text_offset " + offsets.size()
                            + ")");
        }
        int promptCp = prompt.codePointCount(0, prompt.length());
        int boundaryCp = context.codePointCount(0, context.length());
        int[] utf16 = utf16Indexes(prompt, promptCp);
        int promptTokens = 0;
        int previous = 0;
        for (int i = 0; i < n; i++) {
            JsonNode offset = offsets.get(i);
            if (!offset.canConvertToInt() || offset.asInt() < previous || (i == 0 && offset.asInt() != 0)) {
                return ScoredAnswer.failed(
                        method,
                        "the server's text_offset is not a non-decreasing list of character offsets from 0 (at token "
                                + i + "); the answer's tokens cannot be located");
            }
            previous = offset.asInt();
            if (previous < promptCp) {
                promptTokens = i + 1;
            }
        }
        if (promptTokens == 0) {
            return ScoredAnswer.failed(method, "the server echoed no token of the prompt");
        }
        for (int i = 0; i < promptTokens; i++) {
            String token = tokens.get(i).asText();
            int at = utf16[offsets.get(i).asInt()];
            if (plain(token) && !prompt.startsWith(token, at)) {
                return ScoredAnswer.failed(
                        method,
                        "the server's token " + i + " (" + EventJson.write(token) + ") is not the prompt's text at its"
                                + " text_offset " + offsets.get(i).asInt() + " (the server reports raw tokenizer"
                                + " pieces or counts offsets in another unit); the boundary between context and"
                                + " answer cannot be located");
            }
        }
        List<ScoredToken> scored = new ArrayList<>();
        for (int i = 0; i < promptTokens; i++) {
            int start = offsets.get(i).asInt();
            int end = i + 1 < promptTokens ? offsets.get(i + 1).asInt() : promptCp;
            if (end <= boundaryCp && start < boundaryCp) {
                continue;
            }
            JsonNode value = values.get(i);
            if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
                return ScoredAnswer.failed(
                        method,
                        "the server returned no log-probability for answer token " + scored.size() + " (prompt token "
                                + i + ")");
            }
            String token = tokens.get(i).asText();
            double logprob = Math.min(0, value.asDouble());
            Integer rank = rank(token, logprob, tops.get(i), topK);
            if (rank == null) {
                return ScoredAnswer.failed(
                        method,
                        "the server returned fewer than topK = " + topK + " alternatives at answer token "
                                + scored.size() + " and not the token itself, so its rank is unknown; lower"
                                + " tokenShift.topK to what the server serves (OpenAI: 5; vLLM: --max-logprobs)");
            }
            scored.add(new ScoredToken(token, utf16[start] - context.length(), logprob, rank));
        }
        if (scored.isEmpty()) {
            return ScoredAnswer.failed(method, "no token of the echoed prompt covers the answer");
        }
        return ScoredAnswer.of(scored, method, latencyMs);
    }

    /**
     * The rank of {@code token} (log-probability {@code logprob}) among {@code alternatives} (token → logprob), capped
     * at {@code topK + 1}; {@code null} when it cannot be told.
     */
    static Integer rank(String token, double logprob, JsonNode alternatives, int topK) {
        if (alternatives == null || !alternatives.isObject()) {
            return null;
        }
        int higher = 0;
        boolean listed = false;
        int others = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = alternatives.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(token)) {
                listed = true;
                continue;
            }
            others++;
            if (e.getValue().isNumber() && e.getValue().asDouble() > logprob) {
                higher++;
            }
        }
        if (higher >= topK) {
            return topK + 1;
        }
        if (higher < others) {
            // It beats a listed alternative, so it is inside the server's top list: every token above it is listed.
            return higher + 1;
        }
        // Below every listed alternative with fewer than K above it: exact only when it is the K-th of a top-K list.
        return listed && others + 1 >= topK ? higher + 1 : null;
    }

    /** Whether {@code token} is plain text that must appear in the prompt as it is. */
    private static boolean plain(String token) {
        return !token.isEmpty() && !token.startsWith("bytes:") && token.indexOf('\uFFFD') < 0;
    }

    /** For each code point index 0..count, its UTF-16 index in {@code text}. */
    private static int[] utf16Indexes(String text, int count) {
        int[] indexes = new int[count + 1];
        int at = 0;
        for (int cp = 0; cp < count; cp++) {
            indexes[cp] = at;
            at += Character.charCount(text.codePointAt(at));
        }
        indexes[count] = at;
        return indexes;
    }
}

package dev.overton.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A model server for the system tests that speaks the OpenAI wire format ({@code POST /v1/chat/completions} and {@code
 * POST /v1/completions}, {@code n}, streaming off). What it answers is up to the test: {@code answer} gets the request
 * body and returns the text of one choice (called once per choice). The real services reach it over loopback like any
 * vLLM or TGI server.
 *
 * <p>A completions request with {@code "echo": true} and {@code logprobs: K} (token scoring for the token-shift measure)
 * is answered as vLLM answers it: every prompt token with its log-probability, top-K alternatives and {@code
 * text_offset} (code points), plus one generated token. The "tokenizer" splits the prompt into runs of whitespace
 * followed by non-whitespace; {@link #echoRanks} decides each token's rank (its log-probability is {@code -0.25 *
 * rank}, and {@code rank - 1} listed alternatives lie above it), so a test knows every rank the scorer will see.
 */
final class FakeModelServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final java.util.function.BiFunction<JsonNode, Integer, String> answer;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile BiFunction<String, String, Integer> echoRanks = (prompt, token) -> 1;

    FakeModelServer(Function<JsonNode, String> answer) throws IOException {
        this((request, sample) -> answer.apply(request));
    }

    /**
     * A server whose {@code answer} also gets the sample's number: the choice's index plus the request's {@code seed}
     * (0 without one), so that one request with {@code n} choices and {@code n} requests with seeds {@code seed + i}
     * number their samples alike.
     */
    FakeModelServer(java.util.function.BiFunction<JsonNode, Integer, String> answer) throws IOException {
        this.answer = answer;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/v1/chat/completions", exchange -> respond(exchange, true));
        server.createContext("/v1/completions", exchange -> respond(exchange, false));
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    /** The base URL a run spec names as {@code endpoint}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Sets the rank each echoed token gets (by its text, leading whitespace included); by default 1. */
    void echoRanks(ToIntFunction<String> ranks) {
        this.echoRanks = (prompt, token) -> ranks.applyAsInt(token);
    }

    /**
     * Sets the rank each echoed token gets by the whole prompt and the token's text (e.g. another rank after an
     * in-context prompt than after the plain frame).
     */
    void echoRanks(BiFunction<String, String, Integer> ranks) {
        this.echoRanks = ranks;
    }

    /** Every request body received so far. */
    List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** The text of every message of a chat request, or the prompt of a completions request, joined by newlines. */
    static String promptText(JsonNode request) {
        if (request.has("prompt")) {
            return request.get("prompt").asText();
        }
        StringBuilder text = new StringBuilder();
        request.path("messages")
                .forEach(m -> text.append(m.path("content").asText()).append('\n'));
        return text.toString();
    }

    private void respond(HttpExchange exchange, boolean chat) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "{\"error\":{\"message\":\"POST only\"}}");
                return;
            }
            JsonNode request;
            try (InputStream in = exchange.getRequestBody()) {
                request = JSON.readTree(in);
            }
            requests.add(request);
            if (!chat
                    && request.path("echo").asBoolean(false)
                    && request.path("logprobs").isInt()) {
                send(
                        exchange,
                        200,
                        echoBody(
                                request.path("prompt").asText(),
                                request.get("logprobs").asInt()));
                return;
            }
            int n = Math.max(1, request.path("n").asInt(1));
            ObjectNode body = JSON.createObjectNode();
            body.put("id", "fake-" + requests.size());
            body.put("object", chat ? "chat.completion" : "text_completion");
            body.put("model", request.path("model").asText());
            ArrayNode choices = body.putArray("choices");
            int completionTokens = 0;
            for (int i = 0; i < n; i++) {
                String text = answer.apply(request, i + request.path("seed").asInt(0));
                completionTokens += text.split("\\s+").length;
                ObjectNode choice = choices.addObject();
                choice.put("index", i);
                if (chat) {
                    ObjectNode message = choice.putObject("message");
                    message.put("role", "assistant");
                    message.put("content", text);
                } else {
                    choice.put("text", text);
                }
                choice.put("finish_reason", "stop");
            }
            ObjectNode usage = body.putObject("usage");
            int promptTokens = promptText(request).split("\\s+").length;
            usage.put("prompt_tokens", promptTokens);
            usage.put("completion_tokens", completionTokens);
            usage.put("total_tokens", promptTokens + completionTokens);
            send(exchange, 200, JSON.writeValueAsString(body));
        } catch (RuntimeException e) {
            send(exchange, 500, "{\"error\":{\"message\":\"fake server: " + e.getMessage() + "\"}}");
        }
    }

    /** vLLM's answer to an echo/logprobs request for {@code prompt}, with the ranks of {@link #echoRanks}. */
    private String echoBody(String prompt, int topK) throws IOException {
        List<String> tokens = new ArrayList<>();
        Matcher m = Pattern.compile("\\s*\\S+|\\s+").matcher(prompt);
        while (m.find()) {
            tokens.add(m.group());
        }
        tokens.add("\n"); // the one generated token
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "fake-echo-" + requests.size()).put("object", "text_completion");
        ObjectNode choice = body.putArray("choices").addObject();
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
            int rank = echoRanks.apply(prompt, token);
            values.add(-0.25 * rank);
            ObjectNode top = tops.addObject();
            for (int r = 1; r <= Math.max(topK, rank); r++) {
                if (r == rank) {
                    top.put(token, -0.25 * rank);
                } else if (r <= topK) {
                    top.put("alt" + r, -0.25 * r);
                }
            }
        }
        choice.put("finish_reason", "length");
        body.putObject("usage")
                .put("prompt_tokens", tokens.size() - 1)
                .put("completion_tokens", 1)
                .put("total_tokens", tokens.size());
        return JSON.writeValueAsString(body);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

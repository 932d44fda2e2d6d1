package dev.overton.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Function;

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
 */
final class FakeModelServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Function<JsonNode, String> answer;
    private final BiFunction<JsonNode, String, Integer> ranks;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    FakeModelServer(Function<JsonNode, String> answer) throws IOException {
        this(answer, null);
    }

    /**
     * A server that also scores tokens: a completions request with {@code echo: true} is answered with the prompt's
     * tokens ranked by {@code ranks} (request, token text → rank; {@link FakeEchoScoring}).
     */
    FakeModelServer(Function<JsonNode, String> answer, BiFunction<JsonNode, String, Integer> ranks) throws IOException {
        this.answer = answer;
        this.ranks = ranks;
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
            int n = Math.max(1, request.path("n").asInt(1));
            ObjectNode body = JSON.createObjectNode();
            body.put("id", "fake-" + requests.size());
            body.put("object", chat ? "chat.completion" : "text_completion");
            body.put("model", request.path("model").asText());
            ArrayNode choices = body.putArray("choices");
            if (!chat && ranks != null && request.path("echo").asBoolean(false)) {
                String prompt = request.path("prompt").asText();
                choices.add(FakeEchoScoring.choice(
                        prompt, request.path("logprobs").asInt(5), token -> ranks.apply(request, token)));
                send(exchange, 200, JSON.writeValueAsString(body));
                return;
            }
            int completionTokens = 0;
            for (int i = 0; i < n; i++) {
                String text = answer.apply(request);
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

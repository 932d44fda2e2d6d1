package dev.overton.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpServer;

/**
 * The three services' HTTP APIs as a local JDK {@link HttpServer} answering canned responses, so that the client's
 * flows are tested over real HTTP without the stack. Answers are registered per "METHOD path?query"; a supplier may
 * answer differently on each call (a run's progress). Request bodies are recorded.
 */
final class FakeServices implements AutoCloseable {

    /** One canned answer. */
    record Canned(int status, String contentType, String body) {}

    private final HttpServer server;
    private final Map<String, Supplier<Canned>> routes = new ConcurrentHashMap<>();
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> bodies = new ConcurrentHashMap<>();
    /** The X-API-Key header of each request that carried one. */
    final Map<String, String> apiKeys = new ConcurrentHashMap<>();

    FakeServices() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String key = exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
            requests.add(key);
            String apiKey = exchange.getRequestHeaders().getFirst("X-API-Key");
            if (apiKey != null) {
                apiKeys.put(key, apiKey);
            }
            bodies.put(key, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Supplier<Canned> route = routes.get(key);
            Canned answer = route == null
                    ? new Canned(404, "application/problem+json", "{\"title\":\"Not found\",\"status\":404}")
                    : route.get();
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** The base URL. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeServices json(String route, int status, String body) {
        routes.put(route, () -> new Canned(status, "application/json", body));
        return this;
    }

    /** Answers {@code route} with a problem body ({@code application/problem+json}) of {@code status}. */
    FakeServices problem(String route, int status, String body) {
        routes.put(route, () -> new Canned(status, "application/problem+json", body));
        return this;
    }

    FakeServices answer(String route, Supplier<Canned> answer) {
        routes.put(route, answer);
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

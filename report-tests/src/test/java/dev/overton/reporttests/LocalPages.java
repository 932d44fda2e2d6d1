package dev.overton.reporttests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server on the loopback interface and a free port, answering every path with one handler: how the
 * browser tests serve pages rendered by the scorer's own renderers without starting the service.
 */
final class LocalPages implements AutoCloseable {

    private final HttpServer server;
    private final URI root;

    private LocalPages(HttpServer server) {
        this.server = server;
        this.root = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Starts a server that answers every request with {@code handler}. */
    static LocalPages serve(HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.start();
        return new LocalPages(server);
    }

    /** Answers {@code exchange} with {@code status} and {@code html} as a UTF-8 page (headers set before are kept). */
    static void sendHtml(HttpExchange exchange, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** The server's root, {@code http://127.0.0.1:<port>/}. */
    URI root() {
        return root;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

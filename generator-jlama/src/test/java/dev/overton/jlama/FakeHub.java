package dev.overton.jlama;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for the Hugging Face hub speaking the two endpoints the downloader uses: {@code GET
 * /api/models/<repo>/tree/main} (a JSON array of {@code {type, path, size}}) and {@code GET
 * /<repo>/resolve/main/<file>} (the file's bytes).
 */
final class FakeHub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Path> repos = new ConcurrentHashMap<>();
    private final Set<String> failingFiles = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, String> authorizationByPath = new ConcurrentHashMap<>();
    private volatile String weightsHost;

    FakeHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves the files of {@code folder} as the repo {@code repoId}. */
    FakeHub serve(String repoId, Path folder) {
        repos.put(repoId, folder);
        return this;
    }

    /** Answers HTTP 500 for {@code file} from now on. */
    FakeHub failOn(String file) {
        failingFiles.add(file);
        return this;
    }

    /**
     * Redirects downloads of {@code *.safetensors} to {@code /cdn/...} on {@code host} (this same server under
     * another name), as the real hub sends weights to its CDN.
     */
    FakeHub redirectWeightsTo(String host) {
        weightsHost = host;
        return this;
    }

    /** The Authorization header each path was requested with ({@code "none"} when absent). */
    Map<String, String> authorizationByPath() {
        return authorizationByPath;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizationByPath.put(path, authorization == null ? "none" : authorization);
        try (exchange) {
            if (path.startsWith("/cdn/")) {
                String[] parts = path.substring("/cdn/".length()).split("/", 2);
                respond(
                        exchange,
                        200,
                        Files.readAllBytes(repos.get(parts[0].replace('~', '/')).resolve(parts[1])));
                return;
            }
            for (Map.Entry<String, Path> repo : repos.entrySet()) {
                if (path.equals("/api/models/" + repo.getKey() + "/tree/main")) {
                    ArrayNode tree = JSON.createArrayNode();
                    try (Stream<Path> files = Files.list(repo.getValue())) {
                        for (Path f : files.sorted().toList()) {
                            tree.addObject()
                                    .put("type", "file")
                                    .put("path", f.getFileName().toString())
                                    .put("size", Files.size(f));
                        }
                    }
                    tree.addObject().put("type", "directory").put("path", "onnx");
                    respond(exchange, 200, JSON.writeValueAsBytes(tree));
                    return;
                }
                String prefix = "/" + repo.getKey() + "/resolve/main/";
                if (path.startsWith(prefix)) {
                    String file = path.substring(prefix.length());
                    Path f = repo.getValue().resolve(file);
                    if (weightsHost != null && file.endsWith(".safetensors")) {
                        String cdn = "http://" + weightsHost + ":"
                                + server.getAddress().getPort() + "/cdn/"
                                + repo.getKey().replace('/', '~') + "/" + file;
                        exchange.getResponseHeaders().add("Location", cdn);
                        respond(exchange, 302, new byte[0]);
                    } else if (failingFiles.contains(file)) {
                        respond(exchange, 500, "broken".getBytes(StandardCharsets.UTF_8));
                    } else if (Files.isRegularFile(f)) {
                        respond(exchange, 200, Files.readAllBytes(f));
                    } else {
                        respond(exchange, 404, new byte[0]);
                    }
                    return;
                }
            }
            respond(exchange, 404, "{\"error\":\"Repository not found\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The model files a test repo consists of, for assertions on what arrived. */
    static List<String> modelFiles() {
        return List.of("config.json", "tokenizer.json", "tokenizer_config.json", "model.safetensors");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

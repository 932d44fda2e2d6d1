package dev.overton.generator.sampling.openai;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for an OpenAI-compatible model server: a real HTTP server on an ephemeral port that records every
 * request and answers with the wire format of {@code /v1/chat/completions} and {@code /v1/completions} (as vLLM and
 * OpenAI send it), or with whatever status a test scripts.
 *
 * <p>It can also die like a real server: {@link #dieAfter(int)} makes it close its listening socket and every open
 * connection right after its k-th answer (exchanges still running get no answer, later connections are refused), and
 * {@link #dieAfter(int, Duration)} brings it back on the same port after a while.
 */
public final class FakeOpenAiServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the server saw it. */
    public record Received(String method, String path, Headers headers, JsonNode body) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** One scripted answer. */
    public record Reply(int status, String body, Map<String, String> headers, Duration delay) {
        public static Reply of(int status, String body) {
            return new Reply(status, body, Map.of(), Duration.ZERO);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, body, h, delay);
        }

        public Reply after(Duration wait) {
            return new Reply(status, body, headers, wait);
        }
    }

    /** One choice of a completion response. */
    public record Choice(String text, String finishReason) {}

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger answers = new AtomicInteger();
    private final AtomicInteger deaths = new AtomicInteger();
    private final AtomicInteger held = new AtomicInteger();
    private final int port;
    private volatile HttpServer server;
    private volatile Function<Received, Reply> responder;
    private volatile int dieAt;
    private volatile Duration downFor;
    private volatile CountDownLatch died = new CountDownLatch(1);

    private FakeOpenAiServer(Function<Received, Reply> responder) throws IOException {
        this.responder = responder;
        this.server = listen(0);
        this.port = server.getAddress().getPort();
    }

    private HttpServer listen(int onPort) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
        s.createContext("/", this::handle);
        s.setExecutor(executor);
        s.start();
        return s;
    }

    /** Starts a server that answers every request with {@code responder}. */
    public static FakeOpenAiServer start(Function<Received, Reply> responder) {
        try {
            return new FakeOpenAiServer(responder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a server that answers as a healthy server would: {@code n} choices "answer 0", "answer 1", .... */
    public static FakeOpenAiServer healthy() {
        return start(FakeOpenAiServer::echo);
    }

    /** Answers in order, repeating the last one. */
    public static Function<Received, Reply> sequence(Reply... replies) {
        AtomicInteger next = new AtomicInteger();
        return r -> replies[Math.min(next.getAndIncrement(), replies.length - 1)];
    }

    /** The base URL a variant names: {@code http://127.0.0.1:<port>/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    /**
     * Dies for good right after its {@code k}-th answer from now on: closes its socket and every connection, so that
     * exchanges still running get no answer and new connections are refused. The {@code k}-th answer is given only once
     * a request past it has arrived (or after 5 s), so that the death always cuts at least that exchange off.
     */
    public void dieAfter(int k) {
        dieAfter(k, null);
    }

    /** Dies right after its {@code k}-th answer from now on, and listens again on the same port after {@code down}. */
    public void dieAfter(int k, Duration down) {
        answers.set(0);
        held.set(0);
        died = new CountDownLatch(1);
        downFor = down;
        dieAt = k;
    }

    /** How often the server died. */
    public int deaths() {
        return deaths.get();
    }

    /** Whether it is listening now. */
    public boolean isUp() {
        return server != null;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public void respond(Function<Received, Reply> next) {
        this.responder = next;
    }

    @Override
    public void close() {
        dieAt = 0;
        HttpServer s = server;
        server = null;
        if (s != null) {
            s.stop(0);
        }
        died.countDown();
        executor.shutdownNow();
    }

    /** Closes the socket and every connection, as a crashed server would; comes back after {@link #downFor}. */
    private synchronized void die() {
        HttpServer s = server;
        if (s == null) {
            return;
        }
        server = null;
        dieAt = 0;
        deaths.incrementAndGet();
        s.stop(0);
        died.countDown();
        Duration down = downFor;
        if (down != null) {
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(down);
                    comeBack();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    private synchronized void comeBack() {
        if (executor.isShutdown()) {
            return;
        }
        // The old socket is closed; the port may take a moment to be free again.
        for (int attempt = 1; ; attempt++) {
            try {
                server = listen(port);
                return;
            } catch (IOException e) {
                if (attempt == 50) {
                    throw new UncheckedIOException("cannot listen on port " + port + " again", e);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** A healthy answer to {@code request}: as many choices as its {@code n}, in its endpoint's format. */
    public static Reply echo(Received request) {
        int n = request.body().path("n").asInt(1);
        List<Choice> choices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            choices.add(new Choice("answer " + i, "stop"));
        }
        return Reply.of(200, body(request, choices, 12, 5 * n));
    }

    /** A 200 body in the format of the endpoint {@code request} went to. */
    public static String body(Received request, List<Choice> choices, int promptTokens, int completionTokens) {
        return request.path().endsWith("/chat/completions")
                ? chatBody(choices, promptTokens, completionTokens)
                : completionBody(choices, promptTokens, completionTokens);
    }

    /** A {@code chat.completion} object as vLLM and OpenAI send it. */
    public static String chatBody(List<Choice> choices, int promptTokens, int completionTokens) {
        return choicesBody(
                "chatcmpl-1",
                "chat.completion",
                choices,
                promptTokens,
                completionTokens,
                (c, choice) -> c.putObject("message").put("role", "assistant").put("content", choice.text()));
    }

    /** A {@code text_completion} object as vLLM and OpenAI send it. */
    public static String completionBody(List<Choice> choices, int promptTokens, int completionTokens) {
        return choicesBody(
                "cmpl-1",
                "text_completion",
                choices,
                promptTokens,
                completionTokens,
                (c, choice) -> c.put("text", choice.text()));
    }

    /** The envelope of both APIs, each choice's text written by {@code text} after its index. */
    private static String choicesBody(
            String id,
            String object,
            List<Choice> choices,
            int promptTokens,
            int completionTokens,
            BiConsumer<ObjectNode, Choice> text) {
        ObjectNode root = envelope(id, object);
        ArrayNode array = root.putArray("choices");
        for (int i = 0; i < choices.size(); i++) {
            ObjectNode c = array.addObject();
            c.put("index", i);
            text.accept(c, choices.get(i));
            c.putNull("logprobs");
            c.put("finish_reason", choices.get(i).finishReason());
        }
        usage(root, promptTokens, completionTokens);
        return root.toString();
    }

    /** OpenAI's error body. */
    public static String openAiError(String message, String type) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error")
                .put("message", message)
                .put("type", type)
                .putNull("param")
                .putNull("code");
        return root.toString();
    }

    /** vLLM's error body. */
    public static String vllmError(String message, int code) {
        return JSON.createObjectNode()
                .put("object", "error")
                .put("message", message)
                .put("type", "BadRequestError")
                .putNull("param")
                .put("code", code)
                .toString();
    }

    private static ObjectNode envelope(String id, String object) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", id);
        root.put("object", object);
        root.put("created", 1_700_000_000L);
        root.put("model", "test-model");
        return root;
    }

    private static void usage(ObjectNode root, int promptTokens, int completionTokens) {
        root.putObject("usage")
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        int dyingAt = dieAt;
        int answer = dyingAt > 0 ? answers.incrementAndGet() : 0;
        try (exchange) {
            byte[] raw;
            try (InputStream in = exchange.getRequestBody()) {
                raw = in.readAllBytes();
            }
            JsonNode body = raw.length == 0 ? JSON.nullNode() : JSON.readTree(raw);
            Received request = new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(),
                    body);
            received.add(request);
            if (dyingAt > 0 && answer > dyingAt) {
                // Past the last answer: hold the exchange until the server dies, which drops the connection unanswered.
                held.incrementAndGet();
                died.await(30, TimeUnit.SECONDS);
                return;
            }
            Reply reply = responder.apply(request);
            if (dyingAt > 0 && answer == dyingAt) {
                // The last answer waits until a request past it is held open, so that the death always cuts one off.
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (held.get() == 0 && System.nanoTime() < until) {
                    Thread.sleep(5);
                }
            }
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay());
            }
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // the client went away (e.g. timed out), or the server died under the exchange: nothing to answer
        } finally {
            inFlight.decrementAndGet();
            if (dyingAt > 0 && answer == dyingAt) {
                die();
            }
        }
    }
}

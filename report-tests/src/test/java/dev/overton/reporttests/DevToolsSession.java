package dev.overton.reporttests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One headless Chromium driven over the Chrome DevTools protocol, for tests that act on a page as a user would: load
 * it, click an element with real mouse events ({@code Input.dispatchMouseEvent} at the element's centre, so the browser
 * itself toggles check boxes and submits forms), and read the address and the DOM the browser ends up with.
 *
 * <p>The protocol runs over a WebSocket ({@link java.net.http.WebSocket}, no library): Chromium is started with {@code
 * --remote-debugging-port=0}, prints the port it chose on standard error, and lists its page targets at {@code
 * /json/list}. Nothing is injected into the page; the one script the session evaluates reads an element's position
 * and the page's markup, in DevTools' own context. The flags of {@link HeadlessChromium#OFFLINE} keep the browser off the
 * network; the profile folder is deleted on {@link #close()}.
 */
final class DevToolsSession implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^\\s]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final Path stderr;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();

    private DevToolsSession(Process process, Path profile, Path stderr, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.stderr = stderr;
        this.socket = socket;
    }

    /** Starts {@code executable} headless with an empty page and connects to that page. */
    static DevToolsSession start(Path executable) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("overton-chromium-");
        Path stderr = Files.createTempFile("overton-chromium-", ".err");
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(HeadlessChromium.OFFLINE);
        command.addAll(List.of(
                "--window-size=1280,900",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--user-data-dir=" + profile,
                "about:blank"));
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile())
                .start();
        try {
            URI browser = URI.create(awaitListening(process, stderr));
            HttpClient http = HttpClient.newHttpClient();
            String page = blankPage(http, URI.create("http://" + browser.getAuthority() + "/json/list"));
            Listener listener = new Listener();
            WebSocket socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create(page), listener)
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            DevToolsSession session = new DevToolsSession(process, profile, stderr, socket);
            listener.session = session;
            session.call("Page.enable", JSON.createObjectNode());
            return session;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(process, profile, stderr);
            throw e;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            stop(process, profile, stderr);
            throw new IOException("cannot connect to chromium's DevTools", e);
        }
    }

    /** Loads {@code page} and waits for its load event. */
    void navigate(URI page) throws IOException, InterruptedException {
        int loadsBefore = count("Page.loadEventFired");
        ObjectNode params = JSON.createObjectNode().put("url", page.toString());
        JsonNode result = call("Page.navigate", params);
        if (result.hasNonNull("errorText")) {
            throw new IOException("chromium cannot load " + page + ": "
                    + result.get("errorText").asText());
        }
        awaitEvent("Page.loadEventFired", loadsBefore);
    }

    /**
     * Clicks the first element matching the CSS {@code selector} with the left mouse button: the element is scrolled
     * into view, and a press and a release are dispatched at its centre.
     */
    void click(String selector) throws IOException, InterruptedException {
        JsonNode box = evaluate("(() => { const e = document.querySelector(" + JSON.writeValueAsString(selector)
                + "); if (!e) return null; e.scrollIntoView({block: 'center'});"
                + " const r = e.getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
        if (box == null || box.isNull()) {
            throw new IOException("no element matches " + selector);
        }
        for (String type : List.of("mouseMoved", "mousePressed", "mouseReleased")) {
            ObjectNode event = JSON.createObjectNode()
                    .put("type", type)
                    .put("x", box.get("x").asDouble())
                    .put("y", box.get("y").asDouble())
                    .put("button", type.equals("mouseMoved") ? "none" : "left")
                    .put("clickCount", type.equals("mouseMoved") ? 0 : 1);
            call("Input.dispatchMouseEvent", event);
        }
    }

    /** Clicks {@code selector} and waits until the page loaded after it has an address matching {@code arrived}. */
    String clickAndAwaitPage(String selector, Predicate<String> arrived) throws IOException, InterruptedException {
        int loadsBefore = count("Page.loadEventFired");
        click(selector);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            awaitEvent("Page.loadEventFired", loadsBefore);
            String url = url();
            if (arrived.test(url)) {
                return url;
            }
            loadsBefore = count("Page.loadEventFired");
        }
        throw new IOException("no page matching the expectation loaded within " + TIMEOUT + "; at " + url());
    }

    /** The page's address. */
    String url() throws IOException, InterruptedException {
        return evaluate("location.href").asText();
    }

    /** The page's DOM, serialised. */
    String html() throws IOException, InterruptedException {
        return evaluate("document.documentElement.outerHTML").asText();
    }

    /** Whether the element matching {@code selector} is checked. */
    boolean checked(String selector) throws IOException, InterruptedException {
        return evaluate("document.querySelector(" + JSON.writeValueAsString(selector) + ").checked")
                .asBoolean();
    }

    /**
     * Saves a PNG of the first element matching the CSS {@code selector}, whole even where it runs past the window
     * ({@code Page.captureScreenshot} clipped to the element's box in page coordinates).
     */
    void screenshot(String selector, Path png) throws IOException, InterruptedException {
        JsonNode box = evaluate("(() => { const e = document.querySelector(" + JSON.writeValueAsString(selector)
                + "); if (!e) return null; const r = e.getBoundingClientRect();"
                + " return {x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height};"
                + " })()");
        if (box == null || box.isNull()) {
            throw new IOException("no element matches " + selector);
        }
        ObjectNode clip = JSON.createObjectNode()
                .put("x", box.get("x").asDouble())
                .put("y", box.get("y").asDouble())
                .put("width", box.get("width").asDouble())
                .put("height", box.get("height").asDouble())
                .put("scale", 1);
        ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        params.set("clip", clip);
        byte[] image = Base64.getDecoder()
                .decode(call("Page.captureScreenshot", params).path("data").asText());
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, image);
    }

    /** The value of the script {@code expression} evaluated in the page (by DevTools, not by the page's own scripts). */
    JsonNode value(String expression) throws IOException, InterruptedException {
        return evaluate(expression);
    }

    private JsonNode evaluate(String expression) throws IOException, InterruptedException {
        ObjectNode params =
                JSON.createObjectNode().put("expression", expression).put("returnByValue", true);
        JsonNode result = call("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new IOException("evaluation failed: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    private JsonNode call(String method, ObjectNode params) throws IOException, InterruptedException {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(JSON.writeValueAsString(message), true).join();
        try {
            JsonNode reply = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IOException(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException(method + " got no answer within " + TIMEOUT, e);
        } finally {
            pending.remove(id);
        }
    }

    private int count(String event) {
        synchronized (events) {
            return (int) events.stream()
                    .filter(e -> e.path("method").asText().equals(event))
                    .count();
        }
    }

    private void awaitEvent(String event, int seenBefore) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (events) {
            while (count(event) <= seenBefore) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new IOException("no " + event + " within " + TIMEOUT);
                }
                events.wait(left);
            }
        }
    }

    private void received(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
        } else {
            synchronized (events) {
                events.add(message);
                events.notifyAll();
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.abort();
        stop(process, profile, stderr);
    }

    /** The blank page's WebSocket address, once Chromium lists it (it may list the browser before its first page). */
    private static String blankPage(HttpClient http, URI list) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        JsonNode targets = null;
        while (System.nanoTime() < deadline) {
            targets = JSON.readTree(http.send(
                            HttpRequest.newBuilder(list).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString())
                    .body());
            for (JsonNode target : targets) {
                if (target.path("type").asText().equals("page")
                        && target.path("url").asText().equals("about:blank")) {
                    return target.path("webSocketDebuggerUrl").asText();
                }
            }
            Thread.sleep(100);
        }
        throw new IOException("chromium lists no blank page target: " + targets);
    }

    private static String awaitListening(Process process, Path stderr) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(stderr, StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1);
            }
            if (!process.isAlive()) {
                throw new IOException("chromium exited with " + process.exitValue() + ": "
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            Thread.sleep(100);
        }
        throw new IOException("chromium did not open DevTools within " + TIMEOUT);
    }

    private static void stop(Process process, Path profile, Path stderr) throws IOException {
        // Chromium's helper processes may outlive the browser for a moment and still write into the profile folder.
        java.util.List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle helper : helpers) {
                helper.destroy();
                helper.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            helpers.forEach(ProcessHandle::destroyForcibly);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(stderr);
        HeadlessChromium.deleteTree(profile);
    }

    /** Collects the WebSocket's text frames into protocol messages. */
    private static final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();
        private volatile DevToolsSession session;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode message = JSON.readTree(text);
                    if (session != null) {
                        session.received(message);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}

package dev.overton.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.json.EventJson;

/**
 * One Overton service's HTTP API, through the JDK's {@link HttpClient}. Turns what can go wrong into {@link
 * CliException}s a user can act on: a service that does not answer names its URL (exit 3); a 404 names the run (exit
 * 4); a problem body's field errors are listed.
 */
public final class ServiceClient {

    /** What a request answered. */
    public record Answer(int status, String body, String contentType) {

        /** Whether the status is 2xx. */
        public boolean ok() {
            return status / 100 == 2;
        }

        /** Writes the body to {@code path} (creating its folders), and returns the file written. */
        public Path save(Path path) throws IOException {
            Path file = path.toAbsolutePath().normalize();
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, body, StandardCharsets.UTF_8);
            return file;
        }

        /** The body as JSON. */
        public JsonNode json() {
            try {
                return EventJson.mapper().readTree(body);
            } catch (IOException e) {
                throw CliException.failed("expected JSON, got: " + abbreviate(body));
            }
        }
    }

    /** The request header that carries the API key. */
    public static final String API_KEY_HEADER = "X-API-Key";

    private final String name;
    private final URI base;
    private final HttpClient http;
    private final Duration timeout;
    private final String apiKey;

    /**
     * @param name the service's name, for messages (e.g. {@code generator-service})
     * @param base its base URL
     * @param http the client
     * @param timeout the longest a request may take
     */
    public ServiceClient(String name, URI base, HttpClient http, Duration timeout) {
        this(name, base, http, timeout, null);
    }

    /**
     * @param name the service's name, for messages (e.g. {@code generator-service})
     * @param base its base URL
     * @param http the client
     * @param timeout the longest a request may take
     * @param apiKey sent as header {@code X-API-Key} with writes, or {@code null} / blank for none
     */
    public ServiceClient(String name, URI base, HttpClient http, Duration timeout, String apiKey) {
        this.name = name;
        this.base = base;
        this.http = http;
        this.timeout = timeout;
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    }

    /** The service's name. */
    public String name() {
        return name;
    }

    /** The URL of {@code path} (which starts with {@code /}). */
    public String url(String path) {
        String b = base.toString();
        return (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path;
    }

    /** {@code GET path}. */
    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(timeout)
                .GET()
                .build());
    }

    /**
     * {@code POST path} with a JSON body, and the API key (header {@code X-API-Key}) if one is set. A 401 is bad input
     * (exit 4) that says how to give the key.
     */
    public Answer postJson(String path, String json) {
        return sendWithKey(
                "POST",
                path,
                HttpRequest.newBuilder(URI.create(url(path)))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /**
     * {@code DELETE path} with the API key (header {@code X-API-Key}) if one is set. A 401 is bad input (exit 4) that
     * says how to give the key.
     */
    public Answer delete(String path) {
        return sendWithKey(
                "DELETE", path, HttpRequest.newBuilder(URI.create(url(path))).DELETE());
    }

    /** Sends a write with the API key, if one is set; a 401 is bad input that says how to give the key. */
    private Answer sendWithKey(String method, String path, HttpRequest.Builder request) {
        request.timeout(timeout).header("Accept", "application/json");
        if (apiKey != null) {
            request.header(API_KEY_HEADER, apiKey);
        }
        Answer answer = send(request.build());
        if (answer.status() == 401) {
            throw CliException.badInput(name + " refused " + method + " " + path + " (401 Unauthorized: "
                    + problemText(answer) + "). "
                    + (apiKey == null
                            ? "Give its API key with --api-key KEY or the environment variable OVERTON_API_KEY."
                            : "The key given with --api-key or OVERTON_API_KEY is not one it accepts."));
        }
        return answer;
    }

    /** {@code GET path} as JSON; a 404 is bad input naming {@code what}, any other error status a failure. */
    public JsonNode getJson(String path, String what) {
        Answer answer = get(path);
        if (answer.status() == 404) {
            throw CliException.badInput(what + " (" + name + " answered 404 for " + url(path) + ")");
        }
        return requireOk(answer, url(path)).json();
    }

    /**
     * {@code answer} if its status is 2xx; otherwise a failure (exit 1) naming the service, the status, {@code request}
     * (what was asked, e.g. a URL) and the problem the service gave.
     */
    public Answer requireOk(Answer answer, String request) {
        if (!answer.ok()) {
            throw CliException.failed(
                    name + " answered " + answer.status() + " for " + request + ": " + problemText(answer));
        }
        return answer;
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw CliException.unreachable(name, base.toString(), describe(e));
        } catch (HttpTimeoutException e) {
            throw CliException.unreachable(name, base.toString(), "no answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw CliException.unreachable(name, base.toString(), describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted");
        }
    }

    /** A problem body's detail and field errors as text, or the body's start. */
    public static String problemText(Answer answer) {
        if (answer.contentType().contains("json")) {
            try {
                JsonNode problem = answer.json();
                StringBuilder text = new StringBuilder(
                        problem.path("detail").asText(problem.path("title").asText("")));
                for (JsonNode error : problem.path("errors")) {
                    text.append("\n  ")
                            .append(error.path("field").asText())
                            .append(": ")
                            .append(error.path("message").asText());
                }
                if (!text.isEmpty()) {
                    return text.toString();
                }
            } catch (CliException e) {
                // not JSON after all: fall through to the raw body
            }
        }
        return abbreviate(answer.body());
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if ((message == null || message.isBlank()) && e instanceof ConnectException) {
            return "connection refused";
        }
        if (message == null || message.isBlank()) {
            Throwable cause = e.getCause();
            message = cause == null || cause.getMessage() == null ? e.getClass().getSimpleName() : cause.getMessage();
        }
        return message.isBlank() ? "connection refused" : message;
    }

    private static String abbreviate(String body) {
        String s = body == null ? "" : body.strip();
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}

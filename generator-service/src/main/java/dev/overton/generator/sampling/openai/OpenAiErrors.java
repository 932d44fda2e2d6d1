package dev.overton.generator.sampling.openai;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.overton.contracts.json.EventJson;

/**
 * The words of the openai backend's failures: what the server said (OpenAI's, vLLM's, TGI's and FastAPI's error
 * shapes), where, and what to do about it, cut to a readable length and with the API key blanked if the server echoed
 * it. These messages are stored with failed sets, so they are what a user sees.
 */
final class OpenAiErrors {

    private static final ObjectMapper MAPPER = EventJson.mapper();
    private static final int EXCERPT_CHARS = 500;
    private static final String REDACTED = "[redacted]";

    private OpenAiErrors() {}

    /** "HTTP 400 from <uri>: <the server's message>", with {@code apiKey} blanked if the server echoed it. */
    static String describe(Exchange x, URI uri, String apiKey) {
        String message = serverMessage(x.body());
        String where = x.status() >= 300 && x.status() < 400 && x.location() != null
                ? " (redirects to " + x.location() + "; use that as the endpoint)"
                : "";
        return "HTTP " + x.status() + " from " + uri + where
                + (message.isEmpty() ? "" : ": " + excerpt(message, apiKey));
    }

    /** A 2xx body without choices. */
    static String noChoices(Exchange x, URI uri, String apiKey) {
        return "HTTP " + x.status() + " from " + uri + " without choices: " + excerpt(x.body(), apiKey);
    }

    /**
     * The error text of a response body: OpenAI's {@code error.message}, vLLM's {@code message}, TGI's {@code error},
     * FastAPI's {@code detail}, or the body itself.
     */
    static String serverMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode root = MAPPER.readTree(body);
            JsonNode error = root.path("error");
            if (error.path("message").isTextual()) {
                return error.get("message").asText();
            }
            if (error.isTextual()) {
                return error.asText();
            }
            if (root.path("message").isTextual()) {
                return root.get("message").asText();
            }
            if (root.hasNonNull("detail")) {
                JsonNode detail = root.get("detail");
                return detail.isTextual() ? detail.asText() : detail.toString();
            }
        } catch (JsonProcessingException | RuntimeException notJson) {
            // fall through: show the raw text
        }
        return body.strip();
    }

    /** {@code text} cut to {@value #EXCERPT_CHARS} characters, {@code apiKey} blanked. */
    static String excerpt(String text, String apiKey) {
        if (text == null) {
            return "(empty body)";
        }
        String safe = apiKey == null ? text : text.replace(apiKey, REDACTED);
        return safe.length() <= EXCERPT_CHARS ? safe : safe.substring(0, EXCERPT_CHARS) + "…";
    }

    /** Why an exchange got no response, naming the setting that bounds it. */
    static String describe(IOException e, OpenAiSettings settings) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + settings.connectTimeout();
        }
        if (e instanceof HttpTimeoutException) {
            return "no response within " + settings.requestTimeout() + " (overton.backends.openai.request-timeout)";
        }
        if (e instanceof ConnectException) {
            return "cannot connect" + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}

package dev.overton.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One call to a service's REST API as a client of it makes it: with the tested {@link ServiceProcesses#API_KEY} (writes
 * need it, reads ignore it), a JSON body when there is one, and 30 s to answer. Shared by the system tests and the load
 * benches, each with its own {@link HttpClient}.
 */
public final class ApiCalls {

    private ApiCalls() {}

    /** Sends {@code method} to {@code url} with {@code body} as JSON, or with no body when it is {@code null}. */
    public static HttpResponse<String> send(HttpClient http, String method, String url, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("X-API-Key", ServiceProcesses.API_KEY);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package dev.overton.support.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.overton.contracts.json.EventJson;

/**
 * The HTTP edge checks every service's {@code ProblemBodiesTest} makes the same way: hostile ids in a GET's path are
 * refused with a problem body, an error answer is a problem of the shared type scheme, and requests add no HTTP metric
 * series of their own. Shared with the services' tests
 * through this module's test jar; plain {@code java.net.http}, so that a path is sent exactly as written.
 */
public final class ProblemChecks {

    /** Ids every GET must refuse: NUL, a line break, an escape sequence, dot segments, 10,000 characters. */
    public static final List<String> HOSTILE_IDS =
            List.of("%00", "a%0Ab", "%1B%5B2J", "..", "..%2F..%2Fetc", "x".repeat(10_000));

    private static final Pattern HTTP_SERIES = Pattern.compile("(?m)^http_server_requests_seconds_count\\{([^}]*)\\}");

    private ProblemChecks() {}

    /**
     * What is wrong with the answers of the service at {@code base} to GET {@code endpoint} (a path with one {@code %s}
     * for the id) with each of {@link #HOSTILE_IDS}: each must be a 400 or 404 problem ({@code application/problem+json})
     * and the NUL id a 400 {@code invalid-parameter} problem. One line per wrong answer, empty when all are right. A
     * last segment {@code ..} is skipped: the HTTP layer resolves it to another path.
     */
    public static List<String> unrefusedHostileIds(URI base, String endpoint) {
        List<String> wrong = new ArrayList<>();
        for (String id : HOSTILE_IDS) {
            if (id.equals("..") && endpoint.endsWith("%s")) {
                continue;
            }
            String path = String.format(endpoint, id);
            String what = path.length() > 80 ? endpoint + " with a long id" : path;
            HttpResponse<String> answer = send(base, "GET", path);
            String type = answer.headers().firstValue("Content-Type").orElse("");
            if (!(answer.statusCode() == 400 || answer.statusCode() == 404) || !type.equals(Problem.MEDIA_TYPE)) {
                wrong.add(what + ": " + answer.statusCode() + " " + type);
            } else if (id.equals("%00")
                    && (answer.statusCode() != 400
                            || !answer.body().contains("\"type\":\"" + Problem.TYPE_BASE + "invalid-parameter\""))) {
                wrong.add(what + ": not a 400 invalid-parameter problem: " + answer.body());
            }
        }
        return wrong;
    }

    /** Asserts that the service at {@code base} refuses each of {@link #HOSTILE_IDS} in {@code endpoint}. */
    public static void assertHostileIdsRefused(URI base, String endpoint) {
        assertThat(unrefusedHostileIds(base, endpoint)).as(endpoint).isEmpty();
    }

    /**
     * Asserts that the service at {@code base} answers {@code method path} (sent without a body) with a {@code status}
     * problem ({@code application/problem+json}) whose {@code type} is {@link Problem#TYPE_BASE} + {@code type}.
     */
    public static void assertProblem(URI base, String method, String path, int status, String type) {
        HttpResponse<String> answer = send(base, method, path);
        String what = method + " " + path;
        assertThat(answer.statusCode()).as(what + " status").isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type").orElse(""))
                .as(what + " content type")
                .isEqualTo(Problem.MEDIA_TYPE);
        try {
            assertThat(EventJson.mapper().readTree(answer.body()).path("type").asText())
                    .as(what + " problem type")
                    .isEqualTo(Problem.TYPE_BASE + type);
        } catch (JsonProcessingException e) {
            throw new AssertionError(what + " answered a body that is not JSON: " + answer.body(), e);
        }
    }

    /**
     * Asserts that the requests of {@code round} add no HTTP metric series to the service at {@code base}: one round
     * (number 1) first, so that the fixed series of its requests exist, then rounds 0 to 99 must leave the label sets of
     * {@link #httpSeries} as they were. A round sends one request of each kind checked (a random path, a wrong method),
     * with random or round-numbered ids, and checks each answer's status.
     */
    public static void assertAddsNoHttpSeries(URI base, IntConsumer round) {
        round.accept(1);
        Set<String> before = httpSeries(base);
        for (int i = 0; i < 100; i++) {
            round.accept(i);
        }
        assertThat(httpSeries(base)).isEqualTo(before);
    }

    /**
     * The label sets of {@code http_server_requests_seconds_count} the service at {@code base} exposes at {@code
     * /q/metrics}, one entry per series.
     */
    public static Set<String> httpSeries(URI base) {
        HttpResponse<String> answer = send(base, "GET", "/q/metrics");
        if (answer.statusCode() != 200) {
            throw new AssertionError("/q/metrics answered " + answer.statusCode());
        }
        Matcher m = HTTP_SERIES.matcher(answer.body());
        Set<String> series = new TreeSet<>();
        while (m.find()) {
            series.add(m.group(1));
        }
        return series;
    }

    private static HttpResponse<String> send(URI base, String method, String path) {
        String root = base.toString().endsWith("/")
                ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

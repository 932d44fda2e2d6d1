package dev.overton.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.overton.systemtests.ServiceProcesses.Service;

/**
 * The hostile-input cases of monitors ({@code POST /monitors} and the {@code /monitors/{id}/...} endpoints) and of the
 * run spec's {@code measures}, for {@link HostileInputIT}, which runs them against its services: every bad value is a
 * 400 whose problem body names the field, a hostile path id is a 400 naming {@code id} (or 404/414), and a good
 * request afterwards still works. Kept apart from the IT class so that neither grows past one job.
 */
final class HostileMonitorInput {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** Counts each probe: category, and whether it was refused. */
    private final BiConsumer<String, Boolean> counter;

    /** A valid run spec (a monitor adds its own fields to it). */
    private final String runSpec;

    HostileMonitorInput(String runSpec, BiConsumer<String, Boolean> counter) {
        this.runSpec = runSpec;
        this.counter = counter;
    }

    /** A valid monitor: the run spec with every monitor field set, triggered only (no schedule). */
    ObjectNode goodMonitor(String name) throws IOException {
        ObjectNode spec = (ObjectNode) JSON.readTree(runSpec);
        spec.put("name", name);
        ObjectNode window = spec.putObject("window");
        window.put("prompts", 2);
        window.put("paired", true);
        spec.put("baseline", "first");
        ObjectNode alarms = spec.putObject("alarms");
        alarms.putArray("metrics").add("jaccard_1");
        alarms.put("fdr", 0.05);
        alarms.putObject("minEffect").put("jaccard_1", 0.02);
        spec.putObject("retention").put("windows", 10);
        return spec;
    }

    /**
     * Hostile values for each monitor field, and the field the refusal must name (a prefix: {@code alarms.metrics}
     * matches {@code alarms.metrics[0]}).
     */
    private static Map<String, List<Object[]>> monitorCases() {
        String huge = "x".repeat(10_000);
        Map<String, List<Object[]>> cases = new LinkedHashMap<>();
        cases.put("name", List.of(new Object[] {TextNode.valueOf("a\u0000b"), "name"}, new Object[] {
            TextNode.valueOf(huge), "name"
        }));
        cases.put("label", List.of(new Object[] {TextNode.valueOf("v\u00002"), "label"}, new Object[] {
            TextNode.valueOf(huge), "label"
        }));
        cases.put(
                "window.prompts",
                List.of(
                        new Object[] {number("4294967297"), "window.prompts"},
                        new Object[] {number("9223372036854775808"), "window.prompts"},
                        new Object[] {number("1e308"), "window.prompts"},
                        new Object[] {number("0"), "window.prompts"},
                        new Object[] {number("-1"), "window.prompts"},
                        new Object[] {number("2.5"), "window.prompts"},
                        new Object[] {TextNode.valueOf("2\u0000"), "window.prompts"}));
        cases.put(
                "window.every",
                List.of(
                        new Object[] {TextNode.valueOf("PT1S"), "window.every"},
                        new Object[] {TextNode.valueOf("PT9S"), "window.every"},
                        new Object[] {TextNode.valueOf("PT1H\u0000"), "window.every"},
                        new Object[] {TextNode.valueOf("P" + "9".repeat(40) + "D"), "window.every"},
                        new Object[] {TextNode.valueOf(huge), "window.every"}));
        cases.put("window.paired", List.<Object[]>of(new Object[] {TextNode.valueOf("yes"), "window.paired"}));
        cases.put(
                "retention.windows",
                List.of(
                        new Object[] {number("4294967297"), "retention.windows"},
                        new Object[] {number("1e308"), "retention.windows"},
                        new Object[] {number("0"), "retention.windows"},
                        new Object[] {number("100001"), "retention.windows"}));
        cases.put(
                "baseline",
                List.of(
                        new Object[] {TextNode.valueOf("first\u0000"), "baseline"},
                        new Object[] {TextNode.valueOf(huge), "baseline"},
                        // Well-formed, but no run has this id.
                        new Object[] {TextNode.valueOf("00000000-0000-0000-0000-000000000000"), "baseline"}));
        cases.put(
                "alarms.metrics[0]",
                List.of(
                        new Object[] {TextNode.valueOf("no_such_metric"), "alarms.metrics"},
                        new Object[] {TextNode.valueOf("mean_tokens"), "alarms.metrics"},
                        new Object[] {TextNode.valueOf("jaccard_1\u0000"), "alarms.metrics"},
                        new Object[] {TextNode.valueOf(huge), "alarms.metrics"}));
        cases.put(
                "alarms.fdr",
                List.of(
                        new Object[] {number("0"), "alarms.fdr"},
                        new Object[] {number("1"), "alarms.fdr"},
                        new Object[] {number("1e309"), "alarms.fdr"}));
        cases.put("alarms.minEffect.jaccard_1", List.<Object[]>of(new Object[] {number("-1"), "alarms.minEffect"}));
        return cases;
    }

    /** POST /monitors with each hostile value in place; each is a 400 naming its field. */
    void everyMonitorFieldRefusedByName(String mark) throws Exception {
        for (Map.Entry<String, List<Object[]>> field : monitorCases().entrySet()) {
            for (Object[] c : field.getValue()) {
                ObjectNode spec = goodMonitor(mark + "-bad");
                set(spec, field.getKey(), (JsonNode) c[0]);
                expectFieldRefused(
                        "monitor field", "/monitors", spec, (String) c[1], field.getKey() + " = " + abbreviate(c[0]));
            }
        }
        // A minEffect key carrying NUL: named without echoing the key.
        ObjectNode nulKey = goodMonitor(mark + "-bad");
        ((ObjectNode) nulKey.get("alarms").get("minEffect")).put("jaccard_1\u0000", 0.1);
        expectFieldRefused("monitor field", "/monitors", nulKey, "alarms.minEffect", "minEffect key with NUL");

        // Both a dataset and a stream source; neither.
        ObjectNode both = goodMonitor(mark + "-bad");
        both.putObject("source").put("topic", "monitor-prompts");
        ((ObjectNode) both.get("window")).remove("paired");
        expectFieldRefused("monitor field", "/monitors", both, "source", "dataset and source");
        ObjectNode neither = goodMonitor(mark + "-bad");
        neither.remove("dataset");
        expectFieldRefused("monitor field", "/monitors", neither, "dataset", "neither dataset nor source");
        ObjectNode badTopic = goodMonitor(mark + "-bad");
        badTopic.remove("dataset");
        ((ObjectNode) badTopic.get("window")).remove("paired");
        badTopic.putObject("source").put("topic", "monitor-prompts\u0000");
        expectFieldRefused("monitor field", "/monitors", badTopic, "source.topic", "source.topic with NUL");

        // Unknown fields, top level and inside each monitor object: refused by name.
        for (String[] unknown : List.of(
                new String[] {"", "windw"},
                new String[] {"window", "evry"},
                new String[] {"alarms", "fdrr"},
                new String[] {"retention", "windowz"})) {
            ObjectNode spec = goodMonitor(mark + "-bad");
            ObjectNode holder = unknown[0].isEmpty() ? spec : (ObjectNode) spec.get(unknown[0]);
            holder.put(unknown[1], 1);
            HttpResponse<String> response = post("/monitors", JSON.writeValueAsBytes(spec));
            counter.accept("monitor unknown field", response.statusCode() >= 400);
            assertThat(response.statusCode()).as("unknown field %s", unknown[1]).isEqualTo(400);
            assertProblem(response);
            assertThat(response.body()).as("the refusal names %s", unknown[1]).contains(unknown[1]);
        }
    }

    /** The run spec's {@code measures}, on POST /runs and on POST /monitors: each bad list is a 400 naming it. */
    void measuresRefusedByName(String mark) throws Exception {
        List<Object[]> cases = List.of(
                new Object[] {F.arrayNode().add("nope"), "measures"},
                new Object[] {F.arrayNode().add("lexical").add("lexical"), "measures"},
                new Object[] {F.arrayNode(), "measures"},
                new Object[] {TextNode.valueOf("lexical"), "measures"},
                new Object[] {F.arrayNode().add("lex\u0000ical"), "measures"},
                new Object[] {F.arrayNode().add("x".repeat(10_000)), "measures"},
                new Object[] {F.arrayNode().add(4294967297L), "measures"},
                new Object[] {F.arrayNode().add(F.objectNode().put("group", "lexical")), "measures"});
        for (Object[] c : cases) {
            ObjectNode run = (ObjectNode) JSON.readTree(runSpec);
            run.put("name", mark + "-bad");
            run.set("measures", (JsonNode) c[0]);
            expectFieldRefused("measures", "/runs", run, (String) c[1], "run measures = " + abbreviate(c[0]));
            ObjectNode monitor = goodMonitor(mark + "-bad");
            monitor.set("measures", (JsonNode) c[0]);
            expectFieldRefused(
                    "measures", "/monitors", monitor, (String) c[1], "monitor measures = " + abbreviate(c[0]));
        }
    }

    /** Hostile ids on every monitor endpoint: 400 naming {@code id} (404 or 414 where the id is merely unknown). */
    void hostileIdsOnEveryMonitorEndpoint() throws Exception {
        List<String> ids = List.of(
                "%00",
                "a%00b",
                "%0d%0aX-Injected:%201",
                "%1b%5b31m",
                "%ff%fe",
                "'%3B%20drop%20table%20monitors%3B--",
                "x".repeat(10_000));
        for (String id : ids) {
            for (String[] call : List.of(
                    new String[] {"GET", "/monitors/{id}"},
                    new String[] {"POST", "/monitors/{id}/windows"},
                    new String[] {"POST", "/monitors/{id}/pause"},
                    new String[] {"POST", "/monitors/{id}/resume"},
                    new String[] {"POST", "/monitors/{id}/prompts"},
                    new String[] {"DELETE", "/monitors/{id}"})) {
                String path = call[1].replace("{id}", id);
                String body = !call[0].equals("POST") ? null : call[1].endsWith("prompts") ? "[]" : "{}";
                HttpResponse<String> response = send(call[0], path, body);
                counter.accept("monitor hostile id", response.statusCode() >= 400);
                String what = call[0] + " " + abbreviate(path);
                // Every one breaks the id rule (letters, digits, '.', '_', ':', '-'); only the huge one may be refused
                // by the HTTP layer first, as too long a request line.
                assertThat(response.statusCode()).as(what).isIn(400, 414);
                if (response.statusCode() == 400) {
                    assertProblem(response);
                    assertThat(fields(response)).as("%s names the id", what).contains("id");
                }
            }
            // As a query filter an odd id is only text, matched as such (no run has it), but control characters
            // are refused naming the parameter.
            HttpResponse<String> listed = send("GET", "/runs?monitor=" + id, null);
            counter.accept("monitor hostile id", listed.statusCode() >= 400);
            String what = "GET /runs?monitor=" + abbreviate(id);
            if (id.contains("%00") || id.contains("%0d") || id.contains("%1b")) {
                assertThat(listed.statusCode()).as(what).isEqualTo(400);
            }
            assertThat(listed.statusCode()).as(what).isIn(200, 400, 414);
            if (listed.statusCode() == 400) {
                assertProblem(listed);
                assertThat(fields(listed)).as(what).contains("monitor");
            } else if (listed.statusCode() == 200) {
                assertThat(JSON.readTree(listed.body()).path("items").size())
                        .as(what)
                        .isZero();
            }
        }
    }

    /**
     * After the poison a good monitor is created, a window triggered shows up as its run, and it is deleted again.
     *
     * @return the good monitor's id
     */
    String aGoodMonitorStillWorks(String mark) throws Exception {
        HttpResponse<String> created = post("/monitors", JSON.writeValueAsBytes(goodMonitor(mark + "-good")));
        assertThat(created.statusCode()).as("good monitor: %s", created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).path("id").asText();
        HttpResponse<String> triggered = send("POST", "/monitors/" + id + "/windows", "{\"label\":\"after-poison\"}");
        assertThat(triggered.statusCode()).as("trigger: %s", triggered.body()).isEqualTo(202);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    JsonNode page = JSON.readTree(
                            send("GET", "/runs?monitor=" + id, null).body());
                    assertThat(page.path("items").size()).isEqualTo(1);
                    assertThat(page.path("items").get(0).path("label").asText()).isEqualTo("after-poison");
                });
        HttpResponse<String> deleted = send("DELETE", "/monitors/" + id, null);
        assertThat(deleted.statusCode()).as("delete: %s", deleted.body()).isIn(200, 202);
        return id;
    }

    // ---- helpers ----

    private void expectFieldRefused(String category, String path, ObjectNode body, String field, String what)
            throws Exception {
        HttpResponse<String> response = post(path, JSON.writeValueAsBytes(body));
        counter.accept(category, response.statusCode() >= 400);
        assertThat(response.statusCode())
                .as("POST %s with %s: %s", path, what, abbreviate(response.body()))
                .isEqualTo(400);
        assertProblem(response);
        assertThat(fields(response))
                .as("POST %s with %s names %s", path, what, field)
                .anySatisfy(f -> assertThat(f).startsWith(field));
    }

    private static List<String> fields(HttpResponse<String> response) throws IOException {
        List<String> fields = new ArrayList<>();
        JSON.readTree(response.body())
                .path("errors")
                .forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    private static void assertProblem(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .as("content type of %d", response.statusCode())
                .startsWith("application/problem+json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(response.statusCode());
        assertThat(body.path("title").asText()).isNotBlank();
        assertThat(response.body()).as("a problem body never carries a raw NUL").doesNotContain("\u0000");
    }

    private static HttpResponse<String> post(String path, byte[] body) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(Service.GENERATOR.url() + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .header("X-API-Key", ServiceProcesses.API_KEY)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        return ApiCalls.send(HTTP, method, Service.GENERATOR.url() + path, body);
    }

    /** Sets {@code value} at {@code path} ({@code a.b}, {@code a.b[0]}), creating objects on the way. */
    private static void set(ObjectNode root, String path, JsonNode value) {
        String[] steps = path.split("\\.");
        ObjectNode parent = root;
        for (int i = 0; i < steps.length - 1; i++) {
            JsonNode next = parent.get(steps[i]);
            parent = next instanceof ObjectNode o ? o : parent.putObject(steps[i]);
        }
        String last = steps[steps.length - 1];
        if (last.endsWith("[0]")) {
            parent.putArray(last.substring(0, last.length() - 3)).add(value);
        } else {
            parent.set(last, value);
        }
    }

    private static JsonNode number(String literal) {
        try {
            return JSON.readTree(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(Object value) {
        String s = String.valueOf(value);
        return s.length() > 80 ? s.substring(0, 80) + "…(" + s.length() + " chars)" : s;
    }
}

package dev.overton.systemtests;

import static dev.overton.systemtests.HostileRunInput.abbreviate;
import static dev.overton.systemtests.HostileRunInput.addUnknownBeside;
import static dev.overton.systemtests.HostileRunInput.baseSpec;
import static dev.overton.systemtests.HostileRunInput.collectPaths;
import static dev.overton.systemtests.HostileRunInput.getsTakingAnId;
import static dev.overton.systemtests.HostileRunInput.hostileIds;
import static dev.overton.systemtests.HostileRunInput.hostileValues;
import static dev.overton.systemtests.HostileRunInput.malformedBodies;
import static dev.overton.systemtests.HostileRunInput.replaceAt;
import static dev.overton.systemtests.HostileRunInput.topField;
import static dev.overton.systemtests.KafkaClients.producer;
import static dev.overton.systemtests.PoisonRecords.poison;
import static dev.overton.systemtests.PoisonRecords.templateRecords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.overton.contracts.Topics;
import dev.overton.systemtests.ServiceProcesses.Service;

/**
 * The hostile-input suite: the running stack (real broker and database) probed as an attacker and a careless user
 * would. Every field of a run spec is fuzzed with boundary numbers, control characters, lone surrogates, path tricks,
 * huge values and wrong types; whole bodies are sent malformed (invalid UTF-8, duplicate keys, trailing text, unknown
 * fields, oversized, wrong media type); every GET of the three services is asked for hostile ids; and every consumed
 * topic receives records that parse but carry NUL characters. Afterwards all three services are healthy, a run with an
 * in-context variant submitted last completes, and no refused submission left a row behind. Monitors ({@code POST
 * /monitors}, hostile ids on {@code /monitors/{id}/...}) and the run spec's {@code measures} are probed by {@link
 * HostileMonitorInput}. The spec, the hostile values and bodies are built by {@link HostileRunInput}, the poisoned
 * records by {@link PoisonRecords}; the sending, counting and every assertion are here.
 *
 * <p>The counts (inputs tried, refused, accepted) are printed and written to {@code target/hostile-input-counts.txt};
 * docs/operations.md quotes them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT extends AllServicesRunning {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // as curl and browsers send plain http; no h2c upgrade
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** Marks every run this suite submits, so that its rows can be told from other tests' rows. */
    private static final String MARK = "hostile-" + UUID.randomUUID().toString().substring(0, 8);

    /** category → {tried, refused, accepted}. */
    private static final Map<String, int[]> COUNTS = new LinkedHashMap<>();

    /** Runs accepted during fuzzing (201) whose name carries {@link #MARK}. */
    private static int acceptedWithMark;

    /** A good run made before the poison, whose records serve as templates for parseable poison. */
    private static String templateRun;

    @AfterAll
    static void reportCounts() throws IOException {
        StringBuilder report = new StringBuilder("hostile-input suite: category | tried | refused | accepted\n");
        int[] total = new int[3];
        COUNTS.forEach((category, c) -> {
            report.append(String.format("%-28s %6d %8d %9d%n", category, c[0], c[1], c[2]));
            for (int i = 0; i < 3; i++) {
                total[i] += c[i];
            }
        });
        report.append(String.format("%-28s %6d %8d %9d%n", "total", total[0], total[1], total[2]));
        System.out.println(report);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("hostile-input-counts.txt"), report);
        }
    }

    @Test
    @Order(1)
    void aGoodRunBeforeThePoisonCompletes() throws IOException {
        ObjectNode spec = baseSpec(fixtures, MARK + "-template");
        templateRun = Runs.submit(JSON.writeValueAsString(spec));
        Runs.awaitComplete(templateRun, Duration.ofMinutes(2));
    }

    @Test
    @Order(2)
    void everyFieldFuzzedIsRefusedByFieldOrAcceptedNeverAServerError() throws Exception {
        List<String> leaves = new ArrayList<>();
        collectPaths(baseSpec(fixtures, "x"), "", leaves);
        assertThat(leaves).hasSizeGreaterThan(15);
        List<JsonNode> hostile = hostileValues();
        for (String path : leaves) {
            for (JsonNode value : hostile) {
                ObjectNode spec = baseSpec(fixtures, MARK);
                replaceAt(spec, path, value);
                boolean nameIsMark = !path.equals("name");
                post("field " + topField(path), JSON.writeValueAsBytes(spec), "application/json", response -> {
                    assertThat(response.statusCode())
                            .as("POST with %s = %s", path, abbreviate(value))
                            .isIn(201, 400);
                    if (response.statusCode() == 400) {
                        assertProblem(response, path);
                    } else if (nameIsMark) {
                        acceptedWithMark++;
                    }
                });
            }
            // An unknown field beside the leaf, a typo of it.
            ObjectNode spec = baseSpec(fixtures, MARK);
            String unknown = addUnknownBeside(spec, path);
            // Prompt objects may carry metadata (docs/api.md: dataset lines often do); everywhere else but in
            // params an unknown field is refused by name.
            // Keys of params are free too: they go to the backend as they are (docs/api.md).
            boolean metadataAllowed = path.startsWith("dataset.prompts") || path.contains(".params.");
            post("unknown field", JSON.writeValueAsBytes(spec), "application/json", response -> {
                if (metadataAllowed && response.statusCode() == 201) {
                    acceptedWithMark++;
                    return;
                }
                assertThat(response.statusCode())
                        .as("unknown field beside %s", path)
                        .isEqualTo(400);
                assertProblem(response, null);
                assertThat(response.body())
                        .as("the refusal names the unknown field")
                        .contains(unknown);
            });
        }
    }

    @Test
    @Order(3)
    void malformedBodiesAreRefusedWithAProblemBody() throws Exception {
        String good = JSON.writeValueAsString(baseSpec(fixtures, MARK));
        Map<String, byte[]> bodies = malformedBodies(good);
        for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
            post("malformed body", body.getValue(), "application/json", response -> {
                if (response.statusCode() == 201) {
                    acceptedWithMark++;
                }
                assertThat(response.statusCode()).as(body.getKey()).isEqualTo(400);
                assertProblem(response, null);
            });
        }
        byte[] huge = ("{\"name\":\"" + "z".repeat(11 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        post("oversized body", huge, "application/json", response -> {
            assertThat(response.statusCode()).isEqualTo(413);
            assertProblem(response, null);
        });
        post("wrong media type", good.getBytes(StandardCharsets.UTF_8), "text/plain", response -> {
            assertThat(response.statusCode()).isEqualTo(415);
            assertProblem(response, null);
        });
    }

    @Test
    @Order(4)
    void hostileIdsOnEveryGetAnswer400Or404WithAProblemBody() throws Exception {
        List<String> ids = hostileIds();
        Map<Service, List<String>> templates = getsTakingAnId();
        for (Map.Entry<Service, List<String>> entry : templates.entrySet()) {
            for (String template : entry.getValue()) {
                for (String id : ids) {
                    String path = template.replace("{id}", id);
                    HttpResponse<String> response = get(entry.getKey().url() + path);
                    count("GET hostile id", response.statusCode() >= 400);
                    assertThat(response.statusCode())
                            .as("GET %s on %s", abbreviate(TextNode.valueOf(path)), entry.getKey())
                            .isIn(400, 404, 414);
                    if (response.statusCode() != 414) {
                        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                                .as("GET %s", abbreviate(TextNode.valueOf(path)))
                                .startsWith("application/problem+json");
                    }
                }
                // A valid run, hostile prompt id: the drill-down page.
                if (template.contains("prompts")) {
                    for (String id : ids) {
                        String path = "/runs/" + templateRun + "/report/prompts/" + id;
                        HttpResponse<String> response = get(entry.getKey().url() + path);
                        count("GET hostile prompt id", response.statusCode() >= 400);
                        assertThat(response.statusCode()).as(path).isIn(400, 404, 414);
                    }
                }
            }
        }
    }

    @Test
    @Order(5)
    void parseableRecordsCarryingNulOnEveryConsumedTopicStallNothing() throws Exception {
        List<String> consumed = List.of(
                Topics.RUNS,
                Topics.GENERATION_REQUESTS,
                Topics.SAMPLE_SETS,
                Topics.SCORES,
                Topics.RECOVERIES,
                Topics.COMPLETION_REQUESTS,
                Topics.COMPLETIONS);
        Map<String, List<String>> templates = templateRecords(consumed, templateRun);
        String poisonRun = MARK + "-poison-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer()) {
            for (String topic : consumed) {
                List<String> values = new ArrayList<>(templates.getOrDefault(topic, List.of()));
                if (values.isEmpty()) {
                    values.add("{\"schemaVersion\":1,\"runId\":\"" + poisonRun + "\",\"promptId\":\"0\","
                            + "\"requestId\":\"r\",\"text\":\"t\"}");
                }
                for (String value : values) {
                    JsonNode record = JSON.readTree(value);
                    // Two kinds: NUL in every text field but the ids, and NUL in the ids as well.
                    JsonNode texts = poison(record.deepCopy(), poisonRun, false);
                    JsonNode all = poison(record.deepCopy(), poisonRun, true);
                    for (JsonNode poisoned : List.of(texts, all)) {
                        producer.send(new ProducerRecord<>(
                                ServiceProcesses.TOPIC_PREFIX + topic,
                                poisonRun + "/0",
                                JSON.writeValueAsString(poisoned)));
                        count("Kafka record with NUL", true);
                    }
                }
            }
            producer.flush();
        }
        // Give the consumers time to meet the poison before the follow-up run is checked.
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> true);
        for (Service service : Service.values()) {
            assertThat(get(service.url() + "/q/health/ready").statusCode())
                    .as("%s ready after the poison", service)
                    .isEqualTo(200);
        }
    }

    @Test
    @Order(6)
    void afterwardsAnInContextRunCompletesAndNoRefusedSubmissionLeftARow() throws Exception {
        String runId = Runs.submit(JSON.writeValueAsString(baseSpec(fixtures, MARK + "-after")));
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    JsonNode status = JSON.readTree(
                            get(Service.GENERATOR.url() + "/runs/" + runId).body());
                    assertThat(status.path("status").asText()).isEqualTo("complete");
                    List<String> variants = new ArrayList<>();
                    status.path("variants")
                            .forEach(v -> variants.add(v.path("name").asText()));
                    assertThat(variants).contains("icl-fixed");
                });
        for (Service service : Service.values()) {
            assertThat(get(service.url() + "/q/health/ready").statusCode()).isEqualTo(200);
        }
        try (Connection db = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:5432/overton_it", "overton", "overton");
                Statement st = db.createStatement()) {
            assertThat(count(st, "select count(*) from generator.runs where name = '" + MARK + "'"))
                    .as("runs stored under the fuzzing name: exactly the accepted ones")
                    .isEqualTo(acceptedWithMark);
            assertThat(count(
                            st,
                            "select count(*) from generator.runs r where not exists (select 1 from"
                                    + " generator.run_variants v where v.run_id = r.id) or not exists (select 1"
                                    + " from generator.run_prompts p where p.run_id = r.id)"))
                    .as("runs without variants or prompts (half-created)")
                    .isZero();
        }
    }

    @Test
    @Order(7)
    void monitorsAndMeasuresRefuseHostileInputByFieldAndAGoodMonitorStillWorks() throws Exception {
        HostileMonitorInput monitors =
                new HostileMonitorInput(JSON.writeValueAsString(baseSpec(fixtures, MARK)), HostileInputIT::count);
        monitors.everyMonitorFieldRefusedByName(MARK);
        monitors.measuresRefusedByName(MARK);
        monitors.hostileIdsOnEveryMonitorEndpoint();
        String good = monitors.aGoodMonitorStillWorks(MARK);
        try (Connection db = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:5432/overton_it", "overton", "overton");
                Statement st = db.createStatement()) {
            // A deleted monitor's row goes once its tombstone is published; a refused definition never had one.
            assertThat(count(
                            st,
                            "select count(*) from generator.monitors where name like '" + MARK + "%' and id <> '" + good
                                    + "'"))
                    .as("monitors stored from refused definitions")
                    .isZero();
        }
        assertThat(get(Service.GENERATOR.url() + "/monitors/" + good).statusCode())
                .as("the good monitor is gone after DELETE")
                .isEqualTo(404);
        assertThat(get(Service.GENERATOR.url() + "/q/health/ready").statusCode())
                .isEqualTo(200);
    }

    // ---- helpers ----

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void count(String category, boolean refused) {
        int[] c = COUNTS.computeIfAbsent(category, k -> new int[3]);
        c[0]++;
        c[refused ? 1 : 2]++;
    }

    private static void post(String category, byte[] body, String contentType, Consumer<HttpResponse<String>> check)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(Service.GENERATOR.url() + "/runs"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .header("X-API-Key", ServiceProcesses.API_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // The server may close the connection after refusing an oversized body before reading it all.
            if (body.length > 10 * 1024 * 1024) {
                count(category, true);
                return;
            }
            throw e;
        }
        count(category, response.statusCode() >= 400);
        check.accept(response);
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A 4xx problem body (RFC 9457) that, when {@code path} is given, names its top-level field. */
    private static void assertProblem(HttpResponse<String> response, String path) {
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .as("content type of %d", response.statusCode())
                .startsWith("application/problem+json");
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("problem body is not JSON: " + abbreviate(TextNode.valueOf(response.body())), e);
        }
        assertThat(body.path("status").asInt()).isEqualTo(response.statusCode());
        assertThat(body.path("title").asText()).isNotBlank();
        assertThat(response.body()).as("a problem body never carries a raw NUL").doesNotContain("\u0000");
        if (path != null) {
            List<String> fields = new ArrayList<>();
            body.path("errors").forEach(e -> fields.add(e.path("field").asText()));
            String top = topField(path);
            // A variant renamed to another legal name is wrong only where the old name is referred to, and a base
            // variant's max_tokens is checked against an in-context entry's context window: fields that depend on
            // the variants may carry the error.
            List<String> named = top.equals("variants") ? List.of(top, "reference", "icl") : List.of(top);
            assertThat(fields)
                    .as("errors of %s name the field", path)
                    .anySatisfy(field -> assertThat(named)
                            .anySatisfy(prefix -> assertThat(field).startsWith(prefix)));
        }
    }

    static {
        try {
            Class.forName("org.postgresql.Driver");
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}

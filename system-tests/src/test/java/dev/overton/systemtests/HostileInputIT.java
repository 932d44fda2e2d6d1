package dev.overton.systemtests;

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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
 * HostileMonitorInput}.
 *
 * <p>The counts (inputs tried, refused, accepted) are printed and written to {@code target/hostile-input-counts.txt};
 * docs/operations.md quotes them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT extends AllServicesRunning {

    private static final String BOOTSTRAP = "127.0.0.1:9092";
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

    /** A small valid spec: three inline prompts, chat and a base replayed, chat the reference, one in-context variant. */
    private static ObjectNode baseSpec(String name) throws IOException {
        String spec = "{\"name\":\"" + name + "\",\"dataset\":{\"prompts\":[\"first prompt\",{\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"second prompt\"}]},\"third prompt\"]},"
                + "\"reference\":\"llama-2-chat\",\"variants\":["
                + PipelineItVariants.replay(fixtures, "llama-2-chat") + ","
                + PipelineItVariants.replay(fixtures, "llama-2-icl-chat")
                        .replace("\"samples\":5", "\"samples\":5,\"params\":{\"temperature\":0.7,\"max_tokens\":64}")
                + "],\"icl\":[{\"name\":\"icl-fixed\",\"base\":\"llama-2-icl-chat\",\"examples\":\"fixed\","
                + "\"k\":3}]}";
        return (ObjectNode) JSON.readTree(spec);
    }

    @Test
    @Order(1)
    void aGoodRunBeforeThePoisonCompletes() throws IOException {
        ObjectNode spec = baseSpec(MARK + "-template");
        templateRun = Runs.submit(JSON.writeValueAsString(spec));
        Runs.awaitComplete(templateRun, Duration.ofMinutes(2));
    }

    /** The hostile values every leaf of the spec is replaced with, one at a time. */
    private static List<JsonNode> hostileValues() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> values = new ArrayList<>();
        for (String s : List.of(
                "",
                " ",
                "\u0000",
                "a\u0000b",
                "\u0007bell",
                "\u001b[31mred\u001b[0m",
                "line\r\nFORGED log line",
                "\u202eevil",
                "\u0085next-line",
                "\uD800",
                "../../../../etc/passwd",
                "/etc/passwd",
                "%00",
                "..",
                "x".repeat(10_000),
                "y".repeat(1_000_000),
                "=HYPERLINK(\"http://evil\")",
                "<script>alert(1)</script>")) {
            values.add(TextNode.valueOf(s));
        }
        for (String n : List.of(
                "0",
                "-1",
                "1",
                "2147483647",
                "2147483648",
                "4294967297",
                "9223372036854775807",
                "9223372036854775808",
                "-9223372036854775809",
                "1e308",
                "1e309",
                "-0.0",
                "0.5",
                "1e-320")) {
            try {
                values.add(JSON.readTree(n));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        values.add(f.nullNode());
        values.add(f.booleanNode(true));
        values.add(f.objectNode().put("x", 1));
        values.add(f.arrayNode().add(1).add("two"));
        return values;
    }

    @Test
    @Order(2)
    void everyFieldFuzzedIsRefusedByFieldOrAcceptedNeverAServerError() throws Exception {
        List<String> leaves = new ArrayList<>();
        collectPaths(baseSpec("x"), "", leaves);
        assertThat(leaves).hasSizeGreaterThan(15);
        List<JsonNode> hostile = hostileValues();
        for (String path : leaves) {
            for (JsonNode value : hostile) {
                ObjectNode spec = baseSpec(MARK);
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
            ObjectNode spec = baseSpec(MARK);
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
        String good = JSON.writeValueAsString(baseSpec(MARK));
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put(
                "duplicate key", good.replaceFirst("\\{", "{\"name\":\"dup\",").getBytes(StandardCharsets.UTF_8));
        bodies.put("trailing text", (good + " }}}").getBytes(StandardCharsets.UTF_8));
        bodies.put("two objects", (good + good).getBytes(StandardCharsets.UTF_8));
        byte[] utf8 = good.replace("first prompt", "first XX prompt").getBytes(StandardCharsets.UTF_8);
        int at = indexOf(utf8, "XX".getBytes(StandardCharsets.UTF_8));
        utf8[at] = (byte) 0xC3; // a lead byte followed by a non-continuation byte: invalid UTF-8
        utf8[at + 1] = (byte) 0x28;
        bodies.put("invalid UTF-8", utf8);
        byte[] overlong = good.replace("first prompt", "first XX prompt").getBytes(StandardCharsets.UTF_8);
        overlong[at] = (byte) 0xC0; // overlong encoding of '/'
        overlong[at + 1] = (byte) 0xAF;
        bodies.put("overlong UTF-8", overlong);
        bodies.put("not JSON", "{this is not json".getBytes(StandardCharsets.UTF_8));
        bodies.put("empty", new byte[0]);
        bodies.put("JSON array", "[]".getBytes(StandardCharsets.UTF_8));
        bodies.put(
                "deep nesting",
                ("{\"name\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}").getBytes(StandardCharsets.UTF_8));
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
        List<String> ids = List.of(
                "%00",
                "a%00b",
                // (a ".." segment, raw or as %2e%2e, is resolved by the HTTP layer itself: /runs/.. is the page at /)
                "..%2F..%2Fetc%2Fpasswd",
                "%0d%0aX-Injected:%201",
                "%1b%5b31m",
                "%E2%80%AE",
                "%ff%fe",
                "%C0%AF",
                "'%3B%20drop%20table%20runs%3B--",
                "x".repeat(10_000));
        Map<Service, List<String>> templates = Map.of(
                Service.GENERATOR, List.of("/runs/{id}", "/runs/{id}/samples"),
                Service.SCORER,
                        List.of(
                                "/runs/{id}",
                                "/runs/{id}/scores",
                                "/runs/{id}/values",
                                "/runs/{id}/export",
                                "/runs/{id}/report",
                                "/runs/{id}/report/verdicts",
                                "/runs/{id}/judge",
                                "/runs/{id}/judge/verdicts",
                                "/runs/{id}/report/prompts/{id}"),
                Service.ICL, List.of("/runs/{id}/plan", "/runs/{id}/summaries", "/runs/{id}/recovery"));
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
        Map<String, List<String>> templates = templateRecords(consumed);
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
        String runId = Runs.submit(JSON.writeValueAsString(baseSpec(MARK + "-after")));
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
                new HostileMonitorInput(JSON.writeValueAsString(baseSpec(MARK)), HostileInputIT::count);
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

    private static String topField(String path) {
        int end = path.length();
        for (char c : new char[] {'.', '['}) {
            int i = path.indexOf(c);
            if (i > 0) {
                end = Math.min(end, i);
            }
        }
        return path.substring(0, end);
    }

    private static String abbreviate(JsonNode value) {
        String s = value.toString();
        return s.length() > 60 ? s.substring(0, 60) + "…(" + s.length() + " chars)" : s;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }

    /** Paths of every leaf (scalars) of {@code node}, as {@code a.b[0].c}. */
    private static void collectPaths(JsonNode node, String at, List<String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                collectPaths(e.getValue(), at.isEmpty() ? e.getKey() : at + "." + e.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectPaths(node.get(i), at + "[" + i + "]", out);
            }
        } else {
            out.add(at);
        }
    }

    private static void replaceAt(ObjectNode root, String path, JsonNode value) {
        JsonNode parent = root;
        String[] steps = path.replace("[", ".[").split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            parent = step(parent, steps[i]);
        }
        String last = steps[steps.length - 1];
        if (last.startsWith("[")) {
            ((ArrayNode) parent).set(Integer.parseInt(last.substring(1, last.length() - 1)), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    /** Adds a misspelt copy of the leaf's key ("sampels" for "samples") to the object holding it. */
    private static String addUnknownBeside(ObjectNode root, String path) {
        JsonNode parent = root;
        String[] steps = path.replace("[", ".[").split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            parent = step(parent, steps[i]);
        }
        String last = steps[steps.length - 1];
        String key = last.startsWith("[") || last.length() < 3 ? "unknownField" : swapLastTwo(last);
        if (parent instanceof ObjectNode object) {
            object.put(key, 1);
            return key;
        }
        root.put("unknownField", 1);
        return "unknownField";
    }

    private static String swapLastTwo(String s) {
        int n = s.length();
        return s.substring(0, n - 2) + s.charAt(n - 1) + s.charAt(n - 2);
    }

    private static JsonNode step(JsonNode node, String step) {
        if (step.startsWith("[")) {
            return node.get(Integer.parseInt(step.substring(1, step.length() - 1)));
        }
        return node.get(step);
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** One record per consumed topic from the template run, to poison. */
    private static Map<String, List<String>> templateRecords(List<String> topics) {
        Map<String, List<String>> found = new LinkedHashMap<>();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "system-tests-hostile-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(
                    topics.stream().map(t -> ServiceProcesses.TOPIC_PREFIX + t).toList());
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < until && found.size() < 4) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() != null && r.value().contains(templateRun)) {
                        String topic = r.topic().substring(ServiceProcesses.TOPIC_PREFIX.length());
                        List<String> list = found.computeIfAbsent(topic, k -> new ArrayList<>());
                        if (list.isEmpty()) {
                            list.add(r.value());
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Appends NUL to every text value (to ids as well when {@code ids}); the run id becomes {@code runId}. */
    private static JsonNode poison(JsonNode node, String runId, boolean ids) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            fields.forEachRemaining(entries::add);
            for (Map.Entry<String, JsonNode> e : entries) {
                String key = e.getKey();
                JsonNode value = e.getValue();
                boolean isId = key.equalsIgnoreCase("id") || key.endsWith("Id");
                if (key.equals("runId") && value.isTextual()) {
                    object.put(key, ids ? runId + "\u0000" : runId);
                } else if (value.isTextual() && (ids || !isId)) {
                    object.put(key, value.asText() + "\u0000");
                } else if (value.isContainerNode()) {
                    poison(value, runId, ids);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isTextual()) {
                    array.set(i, TextNode.valueOf(value.asText() + "\u0000"));
                } else {
                    poison(value, runId, ids);
                }
            }
        }
        return node;
    }

    static {
        try {
            Class.forName("org.postgresql.Driver");
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}

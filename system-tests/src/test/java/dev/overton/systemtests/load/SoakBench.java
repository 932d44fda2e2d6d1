package dev.overton.systemtests.load;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.overton.systemtests.ApiCalls;
import dev.overton.systemtests.ServiceProcesses;

/**
 * The soak bench (docs/operations.md, "Soak"). Not a test: a main class, run with the Maven profile {@code
 * soak-bench} of system-tests ({@code -Dsoak.args="--minutes 2"}). It starts the three packaged services as the
 * system tests do (test database, {@code systemtest.} topics, model-based measures off), defines one monitor that
 * opens a window every {@code --every} (10 s)
 * of {@code --prompts} (20) prompts of the LIMA-OE data, two replayed variants (5 samples each), keeping {@code
 * --retention} (20) windows, and lets it run for {@code --minutes} (10). Once a minute it prints each service's
 * resident memory (VmRSS), the database's size and how many runs and windows the generator holds; at the end the
 * window-complete latency (a window's run accepted → the generator's catalog reports it {@code complete}, polled every
 * second) p50/p99/max and the growth from start to end.
 */
public final class SoakBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String DATABASE = "jdbc:postgresql://127.0.0.1:5432/overton_it";

    private SoakBench() {}

    public static void main(String[] args) throws Exception {
        double minutes = 10;
        Duration every = Duration.ofSeconds(10);
        int prompts = 20;
        int retention = 20;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--minutes" -> minutes = Double.parseDouble(value);
                case "--every" -> every = Duration.parse(value);
                case "--prompts" -> prompts = Integer.parseInt(value);
                case "--retention" -> retention = Integer.parseInt(value);
                default ->
                    throw new IllegalArgumentException("unknown option " + args[i]
                            + "; options: --minutes <m> --every <ISO-8601, e.g. PT10S> --prompts <n>"
                            + " --retention <windows>");
            }
            i++;
        }
        if (minutes <= 0 || prompts < 1 || retention < 1 || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("--minutes, --every, --prompts and --retention must be positive");
        }
        Path fixtures = ServiceProcesses.repoRoot().resolveSibling("shared").resolve("fixtures/lima-oe");
        if (!Files.isDirectory(fixtures)) {
            throw new IllegalStateException("the LIMA-OE data is expected at " + fixtures);
        }
        System.out.printf(
                Locale.ROOT,
                "soak bench: a window every %s, %d prompts x 2 variants x 5 samples, retention %d windows, %.1f min%n",
                every,
                prompts,
                retention,
                minutes);
        try (ServiceProcesses services = ServiceProcesses.startAllForBench(
                false, List.of("-Doverton.monitors.min-every=" + every, "-Doverton.monitors.redo-after=10s"))) {
            new SoakBench()
                    .run(services, fixtures, every, prompts, retention, Duration.ofMillis((long) (minutes * 60_000)));
        }
    }

    private void run(
            ServiceProcesses services, Path fixtures, Duration every, int prompts, int retention, Duration length)
            throws Exception {
        String gen = ServiceProcesses.generatorUrl();
        Snapshot first = snapshot(services, null);
        System.out.println("start: " + first);

        String spec = "{\"name\":\"soak-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"dataset\":{\"path\":\""
                + fixtures.resolve("instances/data.jsonl") + "\"},\"reference\":\"llama-2-chat\",\"variants\":["
                + replay(fixtures, "llama-2-chat") + "," + replay(fixtures, "llama-2-base") + "],"
                + "\"window\":{\"prompts\":" + prompts + ",\"every\":\"" + every + "\"},"
                + "\"alarms\":{\"metrics\":[\"jaccard_1\"]},\"retention\":{\"windows\":" + retention + "}}";
        HttpResponse<String> created = send("POST", gen + "/monitors", spec);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("POST /monitors answered " + created.statusCode() + ": " + created.body());
        }
        String id = JSON.readTree(created.body()).path("id").asText();

        Map<String, Instant> accepted = new LinkedHashMap<>();
        Map<String, Duration> latency = new LinkedHashMap<>();
        Instant start = Instant.now();
        Instant end = start.plus(length);
        Instant nextReport = start.plusSeconds(60);
        while (Instant.now().isBefore(end)) {
            poll(gen, id, accepted, latency);
            if (!Instant.now().isBefore(nextReport)) {
                System.out.printf(
                        Locale.ROOT,
                        "%4.1f min: %s, windows complete %d%n",
                        Duration.between(start, Instant.now()).toMillis() / 60_000.0,
                        snapshot(services, id),
                        latency.size());
                nextReport = nextReport.plusSeconds(60);
            }
            Thread.sleep(1_000);
        }
        send("POST", gen + "/monitors/" + id + "/pause", null);
        // Let the windows opened before the pause finish (or give up after a minute).
        Instant grace = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(grace) && latency.size() < accepted.size()) {
            poll(gen, id, accepted, latency);
            Thread.sleep(1_000);
        }
        Snapshot last = snapshot(services, id);
        JsonNode monitor =
                JSON.readTree(send("GET", gen + "/monitors/" + id, null).body());

        List<Long> ms = new ArrayList<>(
                latency.values().stream().map(Duration::toMillis).toList());
        Collections.sort(ms);
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "soak: %.1f min, windows opened %d, kept %d (retention %d), complete %d, not complete %d%n",
                length.toMillis() / 60_000.0,
                monitor.path("windows").asInt(),
                monitor.path("windowsKept").asLong(),
                retention,
                latency.size(),
                accepted.size() - latency.size());
        System.out.printf(
                Locale.ROOT,
                "window-complete latency (run accepted -> complete, 1 s polling): p50 %s, p99 %s, max %s ms%n",
                percentile(ms, 0.50),
                percentile(ms, 0.99),
                ms.isEmpty() ? "-" : ms.get(ms.size() - 1));
        System.out.println("start: " + first);
        System.out.println("end:   " + last);
    }

    private static String replay(Path fixtures, String name) {
        return "{\"name\":\"" + name + "\",\"backend\":\"replay\",\"model\":\"" + name + "\",\"source\":\""
                + fixtures.resolve("outputs").resolve(name).resolve("samples.jsonl") + "\",\"samples\":5}";
    }

    /** Records each window run's acceptance time and, once, the time from it to {@code complete}. */
    private static void poll(String gen, String id, Map<String, Instant> accepted, Map<String, Duration> latency)
            throws IOException, InterruptedException {
        HttpResponse<String> page = send("GET", gen + "/runs?limit=500&monitor=" + id, null);
        if (page.statusCode() != 200) {
            return;
        }
        Instant now = Instant.now();
        for (JsonNode run : JSON.readTree(page.body()).path("items")) {
            String runId = run.path("id").asText();
            Instant createdAt = Instant.parse(run.path("createdAt").asText());
            accepted.putIfAbsent(runId, createdAt);
            if ("complete".equals(run.path("status").asText()) && !latency.containsKey(runId)) {
                latency.put(runId, Duration.between(createdAt, now));
            }
        }
    }

    private static String percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return "-";
        }
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return String.valueOf(sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))));
    }

    /**
     * What grows, at one moment.
     *
     * @param rssMb each service's resident memory in MB
     * @param databaseMb the test database's size in MB
     * @param runs the generator's runs (windows kept, plus other runs of the database)
     * @param windows the monitor's window rows ({@code null} before it exists)
     */
    record Snapshot(Map<String, Long> rssMb, long databaseMb, long runs, Long windows) {
        @Override
        public String toString() {
            return "RSS MB " + rssMb + ", database " + databaseMb + " MB, runs " + runs
                    + (windows == null ? "" : ", window rows " + windows);
        }
    }

    private static Snapshot snapshot(ServiceProcesses services, String monitorId) throws IOException, SQLException {
        Map<String, Long> rss = new LinkedHashMap<>();
        for (Map.Entry<String, Long> p : services.processIds().entrySet()) {
            rss.put(p.getKey().replace("-service", ""), residentMb(p.getValue()));
        }
        try (Connection db = DriverManager.getConnection(DATABASE, "overton", "overton");
                Statement st = db.createStatement()) {
            long size = single(st, "select pg_database_size('overton_it')") / (1024 * 1024);
            long runs = single(st, "select count(*) from generator.runs");
            Long windows = monitorId == null
                    ? null
                    : single(
                            st,
                            "select count(*) from generator.monitor_windows where monitor_id = '"
                                    + monitorId.replace("'", "") + "'");
            return new Snapshot(rss, size, runs, windows);
        }
    }

    private static long single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** VmRSS of the process, in MB, from {@code /proc/<pid>/status} (Linux); -1 where it cannot be read. */
    private static long residentMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    private static HttpResponse<String> send(String method, String url, String body)
            throws IOException, InterruptedException {
        return ApiCalls.send(HTTP, method, url, body);
    }
}

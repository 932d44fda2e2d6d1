package dev.overton.systemtests.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.overton.systemtests.ServiceProcesses;

/**
 * The replay bench (docs/semantic.md, "End to end through the services"). Not a test: a main class, run with the Maven
 * profile {@code replay-bench} of system-tests. It starts the three packaged services as the system tests do (test
 * database, {@code systemtest.} topics) with the scorer's model-based measures on, submits a replayed run (default
 * {@code examples/lima-oe-base-vs-chat.json}: LIMA-OE, Llama-2 base against chat, 50 prompts x 5 samples, every
 * measure), and times it from the submission to the last {@code scores} record of the run, once every set is scored and
 * every BERTScore pair value has been published.
 *
 * <p>Then, with the services stopped, it loads the same encoder in its own JVM and counts the tokens the run needs
 * encoded: every distinct response, and every distinct content sentence that coverage embeds (the non-reference
 * variants' responses and the reference's sample 0 of each prompt), windowed as the scorer windows them. Those tokens
 * over the wall time are the run's end-to-end tokens per second, which it sets against the encoder's ceiling measured
 * right there on the texts of every {@code --ceiling-every}-th prompt ({@code EncoderCeiling}: ONNX Runtime alone,
 * best of four ways of feeding it). The scorer's own counters ({@code overton_semantic_*} on {@code /q/metrics}) are
 * printed when it has them, and each service's CPU seconds during the run from {@code /proc}.
 *
 * <p>{@code --services DIR} runs the packaged services of another checkout (e.g. a worktree of an older commit, for a
 * before/after comparison); the fixtures are this checkout's {@code ../shared}.
 */
public final class ReplayBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern METRIC_LINE = Pattern.compile("^(overton_semantic_[a-z_]+)(\\{[^}]*})? (\\S+)$");

    private ReplayBench() {}

    /** A {@code scores} record of the run: when the scorer published it, and how many BERTScore F1 values it holds. */
    private record Scored(long timestamp, int bertscoreF1) {}

    public static void main(String[] args) throws Exception {
        Path repo = ServiceProcesses.repoRoot();
        Path specFile = repo.resolve("examples/lima-oe-base-vs-chat.json");
        int ceilingEvery = 5;
        int timeoutSeconds = 1800;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--spec" -> specFile = repo.resolve(value);
                case "--services" -> System.setProperty(ServiceProcesses.SERVICES_ROOT, value);
                case "--ceiling-every" -> ceilingEvery = Integer.parseInt(value);
                case "--timeout-seconds" -> timeoutSeconds = Integer.parseInt(value);
                default ->
                    throw new IllegalArgumentException("unknown option " + args[i] + "; options: --spec <file, from the"
                            + " repository root> --services <checkout whose packaged services run> --ceiling-every"
                            + " <n, 0 = no ceiling> --timeout-seconds <s>");
            }
            i++;
        }
        if (System.getProperty(ServiceProcesses.READY_SECONDS) == null) {
            System.setProperty(ServiceProcesses.READY_SECONDS, "600");
        }
        ObjectNode spec = absolutePaths((ObjectNode) JSON.readTree(specFile.toFile()), repo);
        String reference = spec.path("reference").asText();
        System.out.printf(
                Locale.ROOT,
                "replay bench: %s; services from %s; load average %s%n",
                repo.relativize(specFile),
                ServiceProcesses.servicesRoot(),
                LoadBench.loadAverage());

        ConcurrentLinkedQueue<ConsumerRecord<String, String>> records = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        String runId;
        long submitted;
        double wall;
        int sets;
        int bertscoreValues;
        Map<String, Double> cpu;
        Map<String, Double> metrics;
        List<JsonNode> samples;
        String loadDuring;
        try (ServiceProcesses services = ServiceProcesses.startAllForBench(true, List.of());
                KafkaConsumer<String, String> consumer = LoadBench.consumer()) {
            List<TopicPartition> partitions = LoadBench.awaitPartitions(consumer);
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // fix the start before anything is submitted
            Thread reader = Thread.ofPlatform().name("scores-reader").start(() -> {
                while (!stop.get()) {
                    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                }
            });
            // A consumer group may take minutes to settle when an earlier member left without leaving (seen here: 11
            // minutes); that is not the run's time, so the clock starts once the consumers the run needs own
            // partitions.
            awaitAssigned(ServiceProcesses.generatorUrl(), "generation-requests-in");
            awaitAssigned(services.scorerUrls().get(0), "sample-sets-in");
            Map<String, Double> cpuBefore = cpuSeconds(services.processIds());
            submitted = System.currentTimeMillis();
            runId = submit(spec);
            System.out.printf(Locale.ROOT, "run %s submitted%n", runId);
            int expectedPairs = expectedPairs(spec, reference);
            Map<String, Scored> seen = new LinkedHashMap<>();
            long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
            long quietSince = System.nanoTime();
            while (true) {
                boolean fresh = drain(records, runId, seen);
                if (fresh) {
                    quietSince = System.nanoTime();
                }
                int pairs = seen.values().stream().mapToInt(Scored::bertscoreF1).sum();
                boolean complete =
                        "complete".equals(status(runId).path("status").asText());
                // The last record may still be on its way when the generator says complete: wait for the pair values
                // and then for 3 s without a new record.
                if (complete && pairs >= expectedPairs && System.nanoTime() - quietSince > 3_000_000_000L) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("run " + runId + " not scored within " + timeoutSeconds
                            + " s: complete=" + complete + ", " + pairs + " of " + expectedPairs
                            + " bertscore_f1 values");
                }
                Thread.sleep(250);
            }
            stop.set(true);
            reader.join();
            loadDuring = LoadBench.loadAverage();
            long last =
                    seen.values().stream().mapToLong(Scored::timestamp).max().orElseThrow();
            wall = (last - submitted) / 1000.0;
            sets = seen.size();
            bertscoreValues =
                    seen.values().stream().mapToInt(Scored::bertscoreF1).sum();
            Map<String, Double> cpuAfter = cpuSeconds(services.processIds());
            cpu = new LinkedHashMap<>();
            cpuAfter.forEach((name, s) -> cpu.put(name, s - cpuBefore.getOrDefault(name, 0.0)));
            metrics = semanticMetrics(services.scorerUrls().get(0));
            samples = samples(runId);
        }

        RunTexts texts = RunTexts.of(samples, reference);
        System.out.printf(
                Locale.ROOT,
                "wall, submission to last score: %.1f s; %d sets scored, %d bertscore_f1 values; load average at the"
                        + " end %s%n",
                wall,
                sets,
                bertscoreValues,
                loadDuring);
        cpu.forEach((name, s) -> System.out.printf(Locale.ROOT, "  CPU during the run: %-24s %7.1f s%n", name, s));
        double scorerCpu = cpu.entrySet().stream()
                .filter(e -> e.getKey().startsWith("scorer-service"))
                .mapToDouble(Map.Entry::getValue)
                .sum();
        if (metrics.isEmpty()) {
            System.out.println("  the scorer exports no overton_semantic_* counters (older code)");
        } else {
            metrics.forEach((name, v) -> System.out.printf(Locale.ROOT, "  scorer %-44s %,14.1f%n", name, v));
        }
        texts.report(wall, scorerCpu, metrics, ceilingEvery);
    }

    /**
     * The spec with its relative dataset and source paths made absolute against the repository root, as {@code bin/
     * overton} users submit it from there: the services run with another working directory.
     */
    private static ObjectNode absolutePaths(ObjectNode spec, Path repo) {
        JsonNode dataset = spec.path("dataset");
        if (dataset instanceof ObjectNode d && d.has("path")) {
            d.put("path", repo.resolve(d.get("path").asText()).normalize().toString());
        }
        for (JsonNode v : spec.path("variants")) {
            if (v instanceof ObjectNode variant && variant.has("source")) {
                variant.put(
                        "source",
                        repo.resolve(variant.get("source").asText()).normalize().toString());
            }
        }
        return spec;
    }

    /**
     * BERTScore pair values the run publishes: per prompt, every sample of each non-reference variant and samples
     * 1..N-1 of the reference, against the reference's sample 0.
     */
    private static int expectedPairs(JsonNode spec, String reference) throws IOException {
        long prompts;
        try (var lines = Files.lines(Path.of(spec.path("dataset").path("path").asText()))) {
            prompts = lines.filter(l -> !l.isBlank()).count();
        }
        int perPrompt = 0;
        for (JsonNode v : spec.path("variants")) {
            int n = v.path("samples").asInt(1);
            perPrompt += v.path("name").asText().equals(reference) ? n - 1 : n;
        }
        return (int) (prompts * perPrompt);
    }

    /** Takes the run's new records off the queue into {@code seen}; whether there were any. */
    private static boolean drain(
            ConcurrentLinkedQueue<ConsumerRecord<String, String>> records, String runId, Map<String, Scored> seen)
            throws IOException {
        boolean fresh = false;
        for (ConsumerRecord<String, String> r = records.poll(); r != null; r = records.poll()) {
            if (r.key() == null || !r.key().startsWith(runId + "/")) {
                continue;
            }
            JsonNode event = JSON.readTree(r.value());
            int f1 = 0;
            for (JsonNode v : event.path("values")) {
                if ("bertscore_f1".equals(v.path("metric").asText())) {
                    f1++;
                }
            }
            String set = r.key() + "|" + event.path("variant").asText();
            Scored before = seen.get(set);
            seen.put(
                    set,
                    new Scored(
                            Math.max(r.timestamp(), before == null ? 0 : before.timestamp()),
                            f1 + (before == null ? 0 : before.bertscoreF1())));
            fresh = true;
        }
        return fresh;
    }

    private static String submit(JsonNode spec) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(ServiceProcesses.generatorUrl() + "/runs"))
                        .header("Content-Type", "application/json")
                        .header("X-API-Key", ServiceProcesses.API_KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(spec)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /runs answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("id").asText();
    }

    private static JsonNode status(String runId) throws IOException, InterruptedException {
        return JSON.readTree(get(ServiceProcesses.generatorUrl() + "/runs/" + runId));
    }

    private static List<JsonNode> samples(String runId) throws IOException, InterruptedException {
        List<JsonNode> samples = new ArrayList<>();
        for (String line : get(ServiceProcesses.generatorUrl() + "/runs/" + runId + "/samples")
                .lines()
                .toList()) {
            if (!line.isBlank()) {
                samples.add(JSON.readTree(line));
            }
        }
        return samples;
    }

    /** The scorer's {@code overton_semantic_*} counters, summed over labels; empty when it has none. */
    private static Map<String, Double> semanticMetrics(String scorerUrl) throws IOException, InterruptedException {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String line : get(scorerUrl + "/q/metrics").lines().toList()) {
            Matcher m = METRIC_LINE.matcher(line);
            if (m.matches()) {
                metrics.merge(m.group(1), Double.parseDouble(m.group(3)), Double::sum);
            }
        }
        return metrics;
    }

    /** Waits (up to 30 minutes) until the service's consumer of {@code channel} owns partitions. */
    private static void awaitAssigned(String url, String channel) throws IOException, InterruptedException {
        Pattern assigned = Pattern.compile(
                "kafka_consumer_coordinator_assigned_partitions\\{[^}]*" + Pattern.quote(channel) + "[^}]*} ([0-9.]+)");
        long start = System.nanoTime();
        while (true) {
            Matcher m = assigned.matcher(get(url + "/q/metrics"));
            double partitions = 0;
            while (m.find()) {
                partitions += Double.parseDouble(m.group(1));
            }
            if (partitions > 0) {
                System.out.printf(
                        Locale.ROOT,
                        "%s %s owns %.0f partitions (waited %.0f s)%n",
                        url,
                        channel,
                        partitions,
                        (System.nanoTime() - start) / 1e9);
                return;
            }
            if (System.nanoTime() - start > 1_800_000_000_000L) {
                throw new IllegalStateException(url + ": " + channel + " has no partitions after 30 minutes");
            }
            Thread.sleep(500);
        }
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** User plus system CPU seconds of each process so far ({@code /proc/<pid>/stat}, clock ticks of 1/100 s). */
    private static Map<String, Double> cpuSeconds(Map<String, Long> pids) throws IOException {
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : pids.entrySet()) {
            String stat = Files.readString(Path.of("/proc/" + e.getValue() + "/stat"));
            // Fields after the command name (which may hold spaces) start after the last ')': utime and stime are the
            // 14th and 15th fields of the line, the 12th and 13th after it.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            cpu.put(e.getKey(), (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0);
        }
        return cpu;
    }
}

package dev.overton.systemtests.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.SetScored;
import dev.overton.contracts.Topics;
import dev.overton.contracts.json.EventJson;
import dev.overton.systemtests.ServiceProcesses;

/**
 * The load bench (docs/operations.md, "Load"). Not a test: a main class, run with {@code -Pload-bench}. It starts the
 * packaged scorer (model-based measures off) as a process on the test database and {@code systemtest.} topics,
 * publishes {@code SampleSet} events to {@code systemtest.sample-sets} at a fixed rate, and measures, per set, the time
 * from its publication to the scorer's {@code SetScored} event on {@code systemtest.scores}, which the scorer publishes
 * right after the transaction that stored the set and its values has committed. Phase 1 runs one scorer, phase 2 two.
 *
 * <p>Options: {@code --rate} sets per second (default 10), {@code --minutes} per phase (default 1), {@code
 * --warmup-seconds} published but not measured at the start of each phase (default 10), {@code --grace-seconds} how
 * long to wait after the last publication before counting a set lost (default 60).
 */
public final class LoadBench {

    private static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private static final String PREFIX = "systemtest.";
    private static final String SAMPLE_SETS = PREFIX + Topics.SAMPLE_SETS;
    private static final String SCORES = PREFIX + Topics.SCORES;
    private static final int SECOND_SCORER_PORT = 18184;
    private static final String REFERENCE = "llama-2-base";
    private static final String CANDIDATE = "llama-2-chat";
    private static final int SAMPLES_PER_SET = 5;
    private static final Pattern ASSIGNED =
            Pattern.compile("kafka_consumer_coordinator_assigned_partitions\\{[^}]*sample-sets-in[^}]*} ([0-9.]+)");

    private final double rate;
    private final double minutes;
    private final int warmupSeconds;
    private final int graceSeconds;
    private final Texts texts;

    private LoadBench(double rate, double minutes, int warmupSeconds, int graceSeconds, Texts texts) {
        this.rate = rate;
        this.minutes = minutes;
        this.warmupSeconds = warmupSeconds;
        this.graceSeconds = graceSeconds;
        this.texts = texts;
    }

    public static void main(String[] args) throws Exception {
        double rate = 10;
        double minutes = 1;
        int warmup = 10;
        int grace = 60;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--rate" -> rate = Double.parseDouble(value);
                case "--minutes" -> minutes = Double.parseDouble(value);
                case "--warmup-seconds" -> warmup = Integer.parseInt(value);
                case "--grace-seconds" -> grace = Integer.parseInt(value);
                default ->
                    throw new IllegalArgumentException(
                            "unknown option " + args[i]
                                    + "; options: --rate <sets/s> --minutes <per phase> --warmup-seconds <s> --grace-seconds <s>");
            }
            i++;
        }
        if (rate <= 0 || minutes <= 0 || warmup < 0 || grace < 0) {
            throw new IllegalArgumentException("--rate and --minutes must be positive");
        }
        Texts texts = Texts.load();
        System.out.printf(
                Locale.ROOT,
                "load bench: %.1f sets/s, %.2f min per phase (+%d s warm-up), grace %d s, %d samples per set,"
                        + " texts: %s; %d processors, %s %s, java %s%n",
                rate,
                minutes,
                warmup,
                grace,
                SAMPLES_PER_SET,
                texts.source,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"));
        LoadBench bench = new LoadBench(rate, minutes, warmup, grace, texts);
        List<Result> results = new ArrayList<>();
        try (ServiceProcesses services = ServiceProcesses.startScorerOnly()) {
            awaitAssigned(services.scorerUrls());
            results.add(bench.phase(1));
            services.startScorer(SECOND_SCORER_PORT);
            awaitAssigned(services.scorerUrls());
            results.add(bench.phase(2));
        }
        System.out.println();
        System.out.println(Result.HEADER);
        results.forEach(r -> System.out.println(r.row()));
    }

    /** Waits until every scorer reports at least one assigned partition of {@code sample-sets}. */
    private static void awaitAssigned(List<String> scorers) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            boolean all = true;
            StringBuilder state = new StringBuilder();
            for (String url : scorers) {
                double assigned = 0;
                try {
                    String metrics = http.send(
                                    HttpRequest.newBuilder(URI.create(url + "/q/metrics"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
                    Matcher m = ASSIGNED.matcher(metrics);
                    while (m.find()) {
                        assigned += Double.parseDouble(m.group(1));
                    }
                } catch (IOException e) {
                    // not answering yet
                }
                state.append(' ').append(url).append('=').append((int) assigned);
                all &= assigned > 0;
            }
            if (all) {
                System.out.println("partitions assigned:" + state);
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("scorers without partitions after 120 s:" + state);
            }
            Thread.sleep(500);
        }
    }

    /** One phase: a fresh run id, publication at the fixed rate, then waiting for the scores. */
    private Result phase(int scorers) throws Exception {
        String runId = "load-" + scorers + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Long> published = new ConcurrentHashMap<>(); // key|variant -> publish timestamp (ms)
        Map<String, Long> latencies = new ConcurrentHashMap<>(); // key|variant -> latency (ms)
        Map<String, Boolean> measured = new ConcurrentHashMap<>(); // key|variant published after the warm-up
        AtomicLong lastScored = new AtomicLong();
        AtomicLong publishFailures = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();

        try (KafkaConsumer<String, String> consumer = consumer();
                KafkaProducer<String, String> producer = producer()) {
            List<TopicPartition> partitions = awaitPartitions(consumer);
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // fix the start before anything is published

            Thread reader = Thread.ofPlatform().name("scores-reader").start(() -> {
                while (!stop.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.key() == null || !record.key().startsWith(runId + "/")) {
                            continue;
                        }
                        SetScored scored = EventJson.read(record.value(), SetScored.class);
                        String id = record.key() + "|" + scored.variant();
                        Long sent = published.get(id);
                        if (sent != null && latencies.putIfAbsent(id, record.timestamp() - sent) == null) {
                            lastScored.accumulateAndGet(record.timestamp(), Math::max);
                        }
                    }
                }
            });

            long periodNanos = Math.round(1e9 / rate);
            long total = Math.round((warmupSeconds + minutes * 60) * rate);
            long warmupSets = Math.round(warmupSeconds * rate);
            AtomicLong next = new AtomicLong();
            long measureStart = System.currentTimeMillis() + warmupSeconds * 1000L;
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            System.out.printf(
                    Locale.ROOT,
                    "phase %d (%d scorer%s): run %s, publishing %d sets (%d warm-up)%n",
                    scorers,
                    scorers,
                    scorers == 1 ? "" : "s",
                    runId,
                    total,
                    warmupSets);
            ticker.scheduleAtFixedRate(
                    () -> {
                        long i = next.getAndIncrement();
                        if (i >= total) {
                            return;
                        }
                        SampleSet set = texts.set(runId, i);
                        String id = set.key() + "|" + set.variant();
                        boolean counts = i >= warmupSets;
                        producer.send(new ProducerRecord<>(SAMPLE_SETS, set.key(), EventJson.write(set)), (md, e) -> {
                            if (e != null) {
                                publishFailures.incrementAndGet();
                                return;
                            }
                            published.put(id, md.timestamp());
                            if (counts) {
                                measured.put(id, Boolean.TRUE);
                            }
                        });
                    },
                    0,
                    periodNanos,
                    TimeUnit.NANOSECONDS);
            while (next.get() < total) {
                Thread.sleep(100);
            }
            ticker.shutdown();
            ticker.awaitTermination(10, TimeUnit.SECONDS);
            producer.flush();
            long publishEnd = System.currentTimeMillis();
            long graceEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(graceSeconds);
            while (System.nanoTime() < graceEnd && !latencies.keySet().containsAll(published.keySet())) {
                Thread.sleep(100);
            }
            stop.set(true);
            reader.join();

            List<Long> values = new ArrayList<>();
            for (String id : measured.keySet()) {
                Long l = latencies.get(id);
                if (l != null) {
                    values.add(l);
                }
            }
            Collections.sort(values);
            long offered = measured.size();
            long end = Math.max(lastScored.get(), publishEnd);
            double seconds = (end - measureStart) / 1000.0;
            return new Result(
                    scorers,
                    rate,
                    offered,
                    values.size(),
                    values.size() / seconds,
                    values,
                    offered - values.size(),
                    publishFailures.get());
        }
    }

    private static List<TopicPartition> awaitPartitions(KafkaConsumer<String, String> consumer)
            throws InterruptedException {
        for (int attempt = 0; attempt < 60; attempt++) {
            List<PartitionInfo> infos = consumer.partitionsFor(SCORES);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("topic " + SCORES + " has no partitions");
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "load-bench-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** One phase's figures. Latencies in milliseconds, sorted. */
    private record Result(
            int scorers,
            double offeredRate,
            long measured,
            long scored,
            double throughput,
            List<Long> latencies,
            long lost,
            long publishFailures) {

        static final String HEADER = String.format(
                Locale.ROOT,
                "%-8s %9s %9s %8s %11s %8s %8s %8s %8s %6s",
                "scorers",
                "offered/s",
                "published",
                "scored",
                "achieved/s",
                "p50 ms",
                "p90 ms",
                "p99 ms",
                "max ms",
                "lost");

        String row() {
            return String.format(
                    Locale.ROOT,
                    "%-8d %9.1f %9d %8d %11.2f %8s %8s %8s %8s %6d%s",
                    scorers,
                    offeredRate,
                    measured,
                    scored,
                    throughput,
                    percentile(0.50),
                    percentile(0.90),
                    percentile(0.99),
                    latencies.isEmpty() ? "-" : latencies.getLast().toString(),
                    lost,
                    publishFailures == 0 ? "" : " (" + publishFailures + " publish failures)");
        }

        private String percentile(double q) {
            if (latencies.isEmpty()) {
                return "-";
            }
            int rank = (int) Math.ceil(q * latencies.size());
            return latencies.get(Math.max(0, rank - 1)).toString();
        }
    }

    /**
     * The texts the bench publishes: the released LIMA-OE responses of llama-2-base (the reference variant) and
     * llama-2-chat, five per prompt, or generated text when {@code ../shared} is absent. Set {@code i} is prompt {@code
     * (i / 2) % prompts} of cycle {@code i / (2 * prompts)}; even sets are the reference, odd ones the candidate, so
     * the candidate's scores include the between-variant values.
     */
    private record Texts(String source, List<List<String>> reference, List<List<String>> candidate) {

        static Texts load() throws IOException {
            Path outputs = Path.of("")
                    .toAbsolutePath()
                    .getParent()
                    .resolveSibling("shared")
                    .resolve("fixtures/lima-oe/outputs");
            Path ref = outputs.resolve(REFERENCE).resolve("samples.jsonl");
            Path cand = outputs.resolve(CANDIDATE).resolve("samples.jsonl");
            if (Files.isRegularFile(ref) && Files.isRegularFile(cand)) {
                List<List<String>> r = read(ref);
                List<List<String>> c = read(cand);
                int n = Math.min(r.size(), c.size());
                if (n > 0) {
                    return new Texts(
                            "LIMA-OE " + REFERENCE + " + " + CANDIDATE + " (" + n + " prompts)",
                            r.subList(0, n),
                            c.subList(0, n));
                }
            }
            List<List<String>> r = new ArrayList<>();
            List<List<String>> c = new ArrayList<>();
            java.util.Random random = new java.util.Random(7);
            for (int p = 0; p < 50; p++) {
                r.add(generated(random));
                c.add(generated(random));
            }
            return new Texts("generated (../shared/fixtures/lima-oe absent)", r, c);
        }

        private static List<String> generated(java.util.Random random) {
            String[] words = {
                "the",
                "model",
                "answer",
                "cold",
                "medicine",
                "rest",
                "water",
                "doctor",
                "symptoms",
                "should",
                "take",
                "help",
                "fever",
                "days",
                "sleep",
                "often",
                "can",
                "with",
                "and",
                "a"
            };
            List<String> texts = new ArrayList<>();
            for (int s = 0; s < SAMPLES_PER_SET; s++) {
                StringBuilder b = new StringBuilder();
                for (int w = 0, n = 80 + random.nextInt(220); w < n; w++) {
                    b.append(words[random.nextInt(words.length)]).append(w % 15 == 14 ? ". " : " ");
                }
                texts.add(b.toString().trim());
            }
            return texts;
        }

        /** One line per prompt: TGI shape {@code outputs[].generated_text} or OpenAI shape {@code message.content}. */
        private static List<List<String>> read(Path file) throws IOException {
            List<List<String>> prompts = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = EventJson.mapper().readTree(line);
                List<String> texts = new ArrayList<>();
                for (JsonNode output : node.path("outputs")) {
                    JsonNode text = output.has("generated_text")
                            ? output.get("generated_text")
                            : output.path("message").path("content");
                    if (text.isTextual()) {
                        texts.add(text.asText());
                    }
                }
                if (!texts.isEmpty()) {
                    prompts.add(texts);
                }
            }
            return prompts;
        }

        SampleSet set(String runId, long i) {
            int prompts = reference.size();
            int prompt = (int) ((i / 2) % prompts);
            long cycle = i / (2L * prompts);
            boolean isReference = i % 2 == 0;
            List<String> source = (isReference ? reference : candidate).get(prompt);
            List<Sample> samples = new ArrayList<>();
            for (int s = 0; s < SAMPLES_PER_SET; s++) {
                samples.add(new Sample(s, source.get(s % source.size()), "stop"));
            }
            String promptId = String.format(Locale.ROOT, "p%02d-c%d", prompt, cycle);
            return new SampleSet(
                    SchemaVersions.V1,
                    runId,
                    promptId,
                    isReference ? REFERENCE : CANDIDATE,
                    isReference,
                    SampleSet.GENERATED,
                    null,
                    samples,
                    Instant.now());
        }
    }
}

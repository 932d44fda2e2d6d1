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
import java.util.Collection;
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

import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SetScored;
import dev.overton.contracts.Topics;
import dev.overton.contracts.json.EventJson;
import dev.overton.systemtests.ServiceProcesses;

/**
 * The load bench (docs/operations.md, "Load"). Not a test: a main class, run with {@code -Pload-bench}. It starts the
 * packaged scorer (model-based measures off) as a process on the test database and {@code systemtest.} topics,
 * publishes {@code SampleSet} events to {@code systemtest.sample-sets} at a fixed rate, and measures, per set, the time
 * from its publication to the scorer's {@code SetScored} event on {@code systemtest.scores}, which the scorer publishes
 * right after the transaction that stored the set and its values has committed.
 *
 * <p>One phase per offered rate, first with one scorer, then with two. Each phase has a fresh run id and starts only
 * after the previous one's backlog has drained (every set it published is scored), so one phase's backlog never counts
 * in the next. At the end it prints, per scorer count, the plateau: the best throughput achieved and the offered rates
 * it did not keep up with.
 *
 * <p>Options: {@code --rate} sets per second, one or a comma-separated list (default 10), {@code --scorers} scorer
 * counts, {@code 1}, {@code 2} or {@code 1,2} (default), {@code --minutes} or {@code --seconds} measured per phase
 * (default 1 minute), {@code --warmup-seconds} published but not measured at the start of each phase (default 10),
 * {@code --grace-seconds} how long to wait after the last publication before counting a set lost (default 60), {@code
 * --drain-seconds} how long to wait after that for the backlog to drain (default 600), {@code --measures} the run's
 * measure groups, comma-separated (default: every group), {@code --fixtures} the folder holding {@code lima-oe/outputs}
 * (default {@code ../shared/fixtures} beside the repository).
 */
public final class LoadBench {

    private static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private static final String PREFIX = System.getProperty(ServiceProcesses.TOPICS, "systemtest.");
    private static final String SAMPLE_SETS = PREFIX + Topics.SAMPLE_SETS;
    /** The tested services' {@code scores} topic (the replay bench reads it too). */
    static final String SCORES = PREFIX + Topics.SCORES;

    private static final int SECOND_SCORER_PORT = 18184;
    private static final Pattern ASSIGNED =
            Pattern.compile("kafka_consumer_coordinator_assigned_partitions\\{[^}]*sample-sets-in[^}]*} ([0-9.]+)");

    private final double seconds;
    private final int warmupSeconds;
    private final int graceSeconds;
    private final int drainSeconds;
    private final List<String> measures;
    private final LoadTexts texts;

    private LoadBench(
            double seconds,
            int warmupSeconds,
            int graceSeconds,
            int drainSeconds,
            List<String> measures,
            LoadTexts texts) {
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
        this.graceSeconds = graceSeconds;
        this.drainSeconds = drainSeconds;
        this.measures = measures;
        this.texts = texts;
    }

    public static void main(String[] args) throws Exception {
        List<Double> rates = List.of(10.0);
        List<Integer> scorerCounts = List.of(1, 2);
        double seconds = 60;
        int warmup = 10;
        int grace = 60;
        int drain = 600;
        List<String> measures = null;
        Path fixtures = Path.of("")
                .toAbsolutePath()
                .getParent()
                .resolveSibling("shared")
                .resolve("fixtures");
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--rate" ->
                    rates = list(value).stream().map(Double::parseDouble).toList();
                case "--scorers" ->
                    scorerCounts =
                            list(value).stream().map(Integer::parseInt).sorted().toList();
                case "--minutes" -> seconds = Double.parseDouble(value) * 60;
                case "--seconds" -> seconds = Double.parseDouble(value);
                case "--warmup-seconds" -> warmup = Integer.parseInt(value);
                case "--grace-seconds" -> grace = Integer.parseInt(value);
                case "--drain-seconds" -> drain = Integer.parseInt(value);
                case "--measures" -> measures = list(value);
                case "--fixtures" -> fixtures = Path.of(value);
                default ->
                    throw new IllegalArgumentException("unknown option " + args[i]
                            + "; options: --rate <sets/s>[,<sets/s>...] --scorers 1|2|1,2 --minutes <per phase>"
                            + " --seconds <per phase> --warmup-seconds <s> --grace-seconds <s> --drain-seconds <s>"
                            + " --measures <group>[,<group>...] --fixtures <folder>");
            }
            i++;
        }
        if (rates.isEmpty() || rates.stream().anyMatch(r -> r <= 0) || seconds <= 0 || warmup < 0 || grace < 0) {
            throw new IllegalArgumentException("--rate and --minutes/--seconds must be positive");
        }
        if (scorerCounts.isEmpty() || scorerCounts.stream().anyMatch(n -> n < 1 || n > 2)) {
            throw new IllegalArgumentException("--scorers must be 1, 2 or 1,2");
        }
        LoadTexts texts = LoadTexts.load(fixtures);
        System.out.printf(
                Locale.ROOT,
                "load bench: %s sets/s, %.0f s per phase (+%d s warm-up), grace %d s, %d samples per set,"
                        + " measures %s, texts: %s; %d processors, %s %s, java %s, load %s%n",
                rates,
                seconds,
                warmup,
                grace,
                LoadTexts.SAMPLES_PER_SET,
                measures == null ? "all" : measures,
                texts.source(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                loadAverage());
        LoadBench bench = new LoadBench(seconds, warmup, grace, drain, measures, texts);
        List<PhaseResult> results = new ArrayList<>();
        try (ServiceProcesses services = ServiceProcesses.startScorerOnly()) {
            for (int scorers : scorerCounts) {
                if (scorers == 2) {
                    services.startScorer(SECOND_SCORER_PORT);
                }
                awaitAssigned(services.scorerUrls());
                for (int r = 0; r < rates.size(); r++) {
                    boolean last = scorers == scorerCounts.getLast() && r == rates.size() - 1;
                    PhaseResult result = bench.phase(
                            scorers, rates.get(r), !last, services.processIds().values());
                    System.out.println(result.row());
                    results.add(result);
                }
            }
        }
        System.out.println();
        System.out.println(PhaseResult.HEADER);
        results.forEach(r -> System.out.println(r.row()));
        System.out.println();
        for (int scorers : scorerCounts) {
            System.out.println(PhaseResult.plateau(results, scorers));
        }
    }

    private static List<String> list(String value) {
        return List.of(value.split(",")).stream()
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    /** The machine's 1-minute load average (other work on the shared cores), or "?" where unknown. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
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

    /**
     * One phase: a fresh run id, publication at the fixed rate, waiting for the scores until the grace period ends
     * (the figures), then, when another phase follows ({@code drain}), until the backlog has drained (not counted), so
     * that the next phase starts on an idle scorer.
     */
    private PhaseResult phase(int scorers, double rate, boolean drain, Collection<Long> scorerPids) throws Exception {
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
            long total = Math.round((warmupSeconds + seconds) * rate);
            long warmupSets = Math.round(warmupSeconds * rate);
            AtomicLong next = new AtomicLong();
            long measureStart = System.currentTimeMillis() + warmupSeconds * 1000L;
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            Duration cpuStart = cpu(scorerPids);
            System.out.printf(
                    Locale.ROOT,
                    "phase: %d scorer%s, %.1f sets/s: run %s, publishing %d sets (%d warm-up)%n",
                    scorers,
                    scorers == 1 ? "" : "s",
                    rate,
                    runId,
                    total,
                    warmupSets);
            ticker.scheduleAtFixedRate(
                    () -> {
                        long i = next.getAndIncrement();
                        if (i >= total) {
                            return;
                        }
                        SampleSet set = texts.set(runId, i, measures);
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
            double elapsed = (end - measureStart) / 1000.0;
            String load = loadAverage();

            long drainStart = System.nanoTime();
            long drainEnd = drainStart + (drain ? TimeUnit.SECONDS.toNanos(drainSeconds) : 0);
            while (System.nanoTime() < drainEnd && !latencies.keySet().containsAll(published.keySet())) {
                Thread.sleep(200);
            }
            double drained = (System.nanoTime() - drainStart) / 1e9;
            double cpuMillis = cpu(scorerPids).minus(cpuStart).toNanos() / 1e6;
            int scoredAll = latencies.size();
            if (drain && !latencies.keySet().containsAll(published.keySet())) {
                System.out.printf(
                        Locale.ROOT,
                        "warning: %d sets still unscored after draining %d s; the next phase starts on a backlog%n",
                        published.size() - latencies.size(),
                        drainSeconds);
            }
            stop.set(true);
            reader.join();
            return new PhaseResult(
                    scorers,
                    rate,
                    offered,
                    values.size(),
                    values.size() / elapsed,
                    values,
                    offered - values.size(),
                    publishFailures.get(),
                    values.size() == offered ? 0 : drained,
                    load,
                    scoredAll == 0 ? Double.NaN : cpuMillis / scoredAll);
        }
    }

    /** The CPU time the processes used so far (user + system, every thread), zero for one that is gone. */
    private static Duration cpu(Collection<Long> pids) {
        Duration total = Duration.ZERO;
        for (long pid : pids) {
            total = total.plus(ProcessHandle.of(pid)
                    .flatMap(p -> p.info().totalCpuDuration())
                    .orElse(Duration.ZERO));
        }
        return total;
    }

    /** The partitions of {@link #SCORES}, once the broker has them (up to a minute). */
    static List<TopicPartition> awaitPartitions(KafkaConsumer<String, String> consumer) throws InterruptedException {
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

    /** A consumer of string records without a committed position (a fresh group), starting from the end. */
    static KafkaConsumer<String, String> consumer() {
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
}

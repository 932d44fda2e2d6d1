package dev.overton.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.overton.bench.LimaOeSets.SampleSet;
import dev.overton.metrics.diversity.DiversitySuite;
import dev.overton.metrics.diversity.MetricValue;
import dev.overton.metrics.diversity.TokenizedSet;
import dev.overton.metrics.lexical.LexicalSettings;
import dev.overton.metrics.lexical.PairwiseJaccard;
import dev.overton.metrics.lexical.WordBags;
import dev.overton.metrics.text.TreebankWordTokenizer;

/**
 * How fast the scorer's lexical work is: over every LIMA-OE fixture variant, each sample set is tokenized once, gets the
 * paper's three Jaccard values (unigram, bigram, stemmed unigram, as the scorer's {@code SetScorer} computes them) and
 * the whole {@link DiversitySuite}. After warm-up rounds, several measured rounds run single-threaded; the report gives
 * responses per second on one core (wall clock and thread CPU time), total time, and each step's share.
 *
 * <p>A plain main rather than JMH: the unit of interest is a whole pass over a realistic corpus (about 8,000 responses
 * of a few hundred words), long enough that JIT warm-up is settled by the warm-up rounds. Steps are timed with the
 * thread's CPU clock (two reads per step and set, well under a microsecond each), so steps that take about a
 * microsecond per set are at the clock's resolution; the time outside all steps is printed as its own row. A summary
 * line gives the per-response cost of tokenizing and of the paper's lexical metrics (tokenize and the three Jaccard
 * values), and a last line times the tokenizer alone, in as many extra passes over all responses as measured rounds.
 *
 * <p>Options: {@code --fixture=DIR} (default: {@code shared/fixtures/lima-oe} found walking up from the working
 * directory), {@code --warmup=N} (default 3), {@code --rounds=N} (default 5). Without the fixture it says so and exits
 * 0: a checkout without {@code ../shared} has nothing to measure.
 */
public final class LexicalBench {

    private static final LexicalSettings UNIGRAM = LexicalSettings.paper(1, false);
    private static final LexicalSettings BIGRAM = LexicalSettings.paper(2, false);
    private static final LexicalSettings UNIGRAM_STEM = LexicalSettings.paper(1, true);

    private static final String TOKENIZE = "tokenize (NLTK word_tokenize)";
    private static final List<String> JACCARD_STEPS = List.of("jaccard_1", "jaccard_2", "jaccard_1_stem");

    private LexicalBench() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        int warmup = count(options, "warmup", 3, 0);
        int rounds = count(options, "rounds", 5, 1);
        Optional<Path> fixture = locate(options.get("fixture"));
        if (fixture.isEmpty()) {
            System.out.println("LexicalBench: LIMA-OE fixture not found (looked for "
                    + (options.containsKey("fixture")
                            ? options.get("fixture") + "/outputs"
                            : "shared/fixtures/lima-oe/outputs in "
                                    + Path.of("").toAbsolutePath() + " and its parents")
                    + "). It lives in ../shared beside the repository; nothing to benchmark, exiting.");
            return;
        }

        LimaOeSets.Loaded loaded = LimaOeSets.read(fixture.get());
        List<SampleSet> sets = loaded.sets();
        long responses = 0;
        long chars = 0;
        for (SampleSet set : sets) {
            responses += set.texts().size();
            for (String text : set.texts()) {
                chars += text.length();
            }
        }
        System.out.printf(
                Locale.ROOT,
                "LexicalBench: %s%n%d variants, %d sample sets (%d failed prompts skipped), %d responses,"
                        + " %.1f M characters (%.0f per response)%n",
                fixture.get(),
                loaded.variants(),
                sets.size(),
                loaded.failedPrompts(),
                responses,
                chars / 1e6,
                (double) chars / responses);
        System.out.printf(
                Locale.ROOT,
                "Java %s (%s), %d available processors; single thread; %d warm-up + %d measured rounds%n%n",
                Runtime.version(),
                System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(),
                warmup,
                rounds);

        DiversitySuite suite = new DiversitySuite();
        for (int round = 1; round <= warmup; round++) {
            Round result = runRound(sets, suite);
            System.out.printf(Locale.ROOT, "warm-up %d: %.2f s%n", round, result.wallNanos / 1e9);
        }
        List<Round> measured = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Round result = runRound(sets, suite);
            measured.add(result);
            System.out.printf(
                    Locale.ROOT,
                    "round %d: %.2f s wall, %.2f s thread CPU, %.0f responses/s (checksum %.6f)%n",
                    round,
                    result.wallNanos / 1e9,
                    result.cpuNanos / 1e9,
                    responses / (result.wallNanos / 1e9),
                    result.checksum);
        }
        report(measured, sets.size(), responses);
        tokenizerAlone(sets, rounds, responses, chars);
    }

    /**
     * The tokenizer by itself ({@link TreebankWordTokenizer#wordTokenize} on every response, nothing else), as many
     * passes as measured rounds, after those rounds: the per-response cost of NLTK's {@code word_tokenize} without the
     * set bookkeeping of the tokenize step.
     */
    private static void tokenizerAlone(List<SampleSet> sets, int rounds, long responses, long chars) {
        long[] cpus = new long[rounds];
        long tokens = 0;
        for (int round = 0; round < rounds; round++) {
            long start = Round.THREADS.getCurrentThreadCpuTime();
            for (SampleSet set : sets) {
                for (String text : set.texts()) {
                    tokens += TreebankWordTokenizer.wordTokenize(text).size();
                }
            }
            cpus[round] = Round.THREADS.getCurrentThreadCpuTime() - start;
        }
        Arrays.sort(cpus);
        double nanos = median(cpus);
        System.out.printf(
                Locale.ROOT,
                "%ntokenizer alone (word_tokenize, %d passes): median %.1f µs per response thread CPU, %.0f responses/s,"
                        + " %.1f M characters/s, %.1f tokens per response%n",
                rounds,
                nanos / 1e3 / responses,
                responses / (nanos / 1e9),
                chars / (nanos / 1e3),
                (double) tokens / rounds / responses);
    }

    /**
     * The timings of one pass over all sets. Steps are timed in this thread's CPU time, not wall time: on a shared
     * machine (other builds on the same two cores) wall time measures the neighbours as much as the code.
     */
    private static final class Round implements DiversitySuite.StepClock {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        final Map<String, Long> stepNanos = new LinkedHashMap<>();
        long wallNanos;
        long cpuNanos;
        /** Sum of all defined values: printed, so the work cannot be optimised away, and equal across rounds. */
        double checksum;

        @Override
        public long now() {
            return THREADS.getCurrentThreadCpuTime();
        }

        @Override
        public void took(String step, long nanos) {
            stepNanos.merge(step, nanos, Long::sum);
        }
    }

    private static Round runRound(List<SampleSet> sets, DiversitySuite suite) {
        Round round = new Round();
        long cpuStart = round.now();
        long wallStart = System.nanoTime();
        for (SampleSet sample : sets) {
            long start = round.now();
            TokenizedSet set = TokenizedSet.of(sample.texts());
            round.took(TOKENIZE, round.now() - start);

            round.checksum += jaccard(round, JACCARD_STEPS.get(0), set, UNIGRAM);
            round.checksum += jaccard(round, JACCARD_STEPS.get(1), set, BIGRAM);
            round.checksum += jaccard(round, JACCARD_STEPS.get(2), set, UNIGRAM_STEM);

            Map<String, MetricValue> values = suite.score(set, round);
            for (MetricValue value : values.values()) {
                if (value.defined()) {
                    round.checksum += value.value();
                }
            }
        }
        round.wallNanos = System.nanoTime() - wallStart;
        round.cpuNanos = round.now() - cpuStart;
        return round;
    }

    /** One Jaccard value as the scorer computes it: a word bag per response, then the mean over pairs. */
    private static double jaccard(Round round, String step, TokenizedSet set, LexicalSettings settings) {
        long start = round.now();
        List<Set<String>> bags = new ArrayList<>(set.size());
        for (List<String> tokens : set.tokens()) {
            bags.add(WordBags.bagOfTokens(tokens, settings));
        }
        double mean = PairwiseJaccard.mean(bags);
        round.took(step, round.now() - start);
        return Double.isNaN(mean) ? 0 : mean;
    }

    private static void report(List<Round> rounds, int sets, long responses) {
        long[] walls = rounds.stream().mapToLong(r -> r.wallNanos).sorted().toArray();
        long[] cpus = rounds.stream().mapToLong(r -> r.cpuNanos).sorted().toArray();
        double medianWall = median(walls) / 1e9;
        double medianCpu = median(cpus) / 1e9;
        double totalWall = Arrays.stream(walls).sum() / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%nmeasured: %d rounds, %.2f s in all; per round median %.3f s wall (min %.3f, max %.3f), %.3f s"
                        + " thread CPU%n",
                rounds.size(),
                totalWall,
                medianWall,
                walls[0] / 1e9,
                walls[walls.length - 1] / 1e9,
                medianCpu);
        System.out.printf(
                Locale.ROOT,
                "throughput, one core: %.0f responses/s by wall clock, %.0f responses/s by thread CPU time"
                        + " (%.0f sets/s; %.0f µs per response)%n%n",
                responses / medianWall,
                responses / medianCpu,
                sets / medianWall,
                medianWall * 1e6 / responses);

        Map<String, Long> totals = new LinkedHashMap<>();
        for (Round round : rounds) {
            round.stepNanos.forEach((step, nanos) -> totals.merge(step, nanos, Long::sum));
        }
        long timedNanos = totals.values().stream().mapToLong(Long::longValue).sum();
        double cpuMsPerRound = rounds.stream().mapToLong(r -> r.cpuNanos).sum() / 1e6 / rounds.size();
        System.out.printf(
                Locale.ROOT,
                "%-36s %10s %10s %8s%n",
                "step (thread CPU, mean per round)",
                "ms/round",
                "µs/set",
                "share");
        double suiteMs = 0;
        for (Map.Entry<String, Long> entry : totals.entrySet()) {
            double msPerRound = entry.getValue() / 1e6 / rounds.size();
            boolean inSuite = !entry.getKey().equals(TOKENIZE) && !JACCARD_STEPS.contains(entry.getKey());
            if (inSuite) {
                suiteMs += msPerRound;
            }
            row((inSuite ? "  suite: " : "") + entry.getKey(), msPerRound, sets, cpuMsPerRound);
        }
        row("diversity suite, all steps", suiteMs, sets, cpuMsPerRound);
        row("outside the steps (loop, clock)", cpuMsPerRound - timedNanos / 1e6 / rounds.size(), sets, cpuMsPerRound);
        row("whole round", cpuMsPerRound, sets, cpuMsPerRound);

        double lexicalMs = totals.getOrDefault(TOKENIZE, 0L) / 1e6 / rounds.size();
        for (String step : JACCARD_STEPS) {
            lexicalMs += totals.getOrDefault(step, 0L) / 1e6 / rounds.size();
        }
        System.out.printf(
                Locale.ROOT,
                "%nper response, thread CPU: tokenize %.1f µs; lexical metrics (tokenize + %s) %.1f µs,"
                        + " i.e. %.0f responses/s on one core%n",
                totals.getOrDefault(TOKENIZE, 0L) / 1e3 / rounds.size() / responses,
                String.join(" + ", JACCARD_STEPS),
                lexicalMs * 1e3 / responses,
                responses / (lexicalMs / 1e3));
    }

    private static void row(String step, double msPerRound, int sets, double totalMs) {
        System.out.printf(
                Locale.ROOT,
                "%-36s %10.1f %10.1f %7.1f%%%n",
                step,
                msPerRound,
                msPerRound * 1000 / sets,
                100.0 * msPerRound / totalMs);
    }

    private static double median(long[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    private static Optional<Path> locate(String given) {
        if (given != null) {
            Path dir = Path.of(given).toAbsolutePath().normalize();
            return Files.isDirectory(dir.resolve("outputs")) ? Optional.of(dir) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("fixtures").resolve("lima-oe");
            if (Files.isDirectory(candidate.resolve("outputs"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The whole-number option {@code name}, at least {@code min}; exits with a message naming the option otherwise. */
    private static int count(Map<String, String> options, String name, int defaultValue, int min) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        System.err.println("--" + name + " must be a whole number >= " + min + ", got '" + value + "'");
        System.exit(2);
        return defaultValue;
    }

    /** {@code --name=value} arguments; anything else is an error. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String name = equals > 2 && arg.startsWith("--") ? arg.substring(2, equals) : null;
            if (name == null || !Set.of("fixture", "warmup", "rounds").contains(name)) {
                System.err.println("Unknown argument " + arg + "; expected --fixture=DIR, --warmup=N or --rounds=N");
                System.exit(2);
            }
            options.put(name, arg.substring(equals + 1));
        }
        return options;
    }
}

package dev.overton.semantic.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.overton.semantic.encoder.EncoderSpec;
import dev.overton.semantic.encoder.OnnxSession;

/**
 * The encoder's own ceiling: ONNX Runtime alone (no tokenizer, no windowing, no caches, no measures) on pre-tokenized
 * windows of the texts a scorer encodes, under several ways of feeding it, in real (unpadded) tokens per second of wall
 * time and per second of our process's CPU time. The best of them is what an end-to-end run is compared with.
 *
 * <p>Ways tried: one window per call with the cores splitting each call's operators (the encoder's default); one
 * window per call with one intra-op thread and one call per core at once; padded batches of up to 4,096 tokens, both
 * ways. Padded batches are not exact for the bundled, dynamically quantized model (docs/semantic.md), so they count
 * as a ceiling only, never as a setting to score with.
 *
 * <p>Public for system-tests' replay bench, which sets a whole run's tokens per second through the real services
 * against this ceiling on the same texts.
 */
public final class EncoderCeiling {

    /** One way of feeding the model and its measured throughput. */
    public record Result(String way, long tokens, double seconds, double cpuSeconds) {

        /** Tokens per second of wall time. */
        public double tokensPerSecond() {
            return tokens / seconds;
        }

        /** Tokens per second of our process's CPU time: steadier than wall time on a shared machine. */
        public double tokensPerCpuSecond() {
            return tokens / cpuSeconds;
        }
    }

    private EncoderCeiling() {}

    /** Runs every way over the windows and returns the results, best first. */
    public static List<Result> measure(EncoderSpec spec, List<long[]> windows, int cores) {
        List<long[]> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparingInt((long[] w) -> w.length).reversed());
        List<List<long[]>> single = batches(sorted, 1);
        List<List<long[]>> padded = batches(sorted, 4096);
        List<Result> results = new ArrayList<>();
        try (OnnxSession all = new OnnxSession(spec, cores);
                OnnxSession one = new OnnxSession(spec, 1)) {
            run(one, single.subList(0, Math.min(8, single.size())), 1); // warm-up
            run(all, single.subList(0, Math.min(8, single.size())), 1);
            results.add(run("one window per call, " + cores + " intra-op threads", all, single, 1));
            results.add(run("one window per call, " + cores + " calls at once x 1 thread", one, single, cores));
            results.add(run("padded batches <= 4096 tokens, " + cores + " intra-op threads", all, padded, 1));
            results.add(
                    run("padded batches <= 4096 tokens, " + cores + " calls at once x 1 thread", one, padded, cores));
        }
        results.sort(Comparator.comparingDouble(Result::tokensPerSecond).reversed());
        return results;
    }

    /** Prints one line per way: tokens per second of wall time and per CPU second. */
    public static void print(List<Result> results) {
        for (Result r : results) {
            System.out.printf(
                    java.util.Locale.ROOT,
                    "  %-62s %,8.0f tokens/s, %,8.0f tokens per CPU second%n",
                    r.way(),
                    r.tokensPerSecond(),
                    r.tokensPerCpuSecond());
        }
    }

    /** The best tokens per CPU second among the results (not necessarily the best wall figure's way). */
    public static double bestPerCpuSecond(List<Result> results) {
        return results.stream().mapToDouble(Result::tokensPerCpuSecond).max().orElseThrow();
    }

    private static List<List<long[]>> batches(List<long[]> sorted, int batchTokens) {
        List<List<long[]>> batches = new ArrayList<>();
        int from = 0;
        while (from < sorted.size()) {
            int longest = sorted.get(from).length;
            int to = from + 1;
            while (to < sorted.size() && (long) (to - from + 1) * longest <= batchTokens) {
                to++;
            }
            batches.add(sorted.subList(from, to));
            from = to;
        }
        return batches;
    }

    private static Result run(String way, OnnxSession session, List<List<long[]>> batches, int callers) {
        long tokens = 0;
        for (List<long[]> b : batches) {
            for (long[] w : b) {
                tokens += w.length;
            }
        }
        long start = System.nanoTime();
        long cpu = ResourceUsage.cpuNanos();
        run(session, batches, callers);
        return new Result(way, tokens, (System.nanoTime() - start) / 1e9, (ResourceUsage.cpuNanos() - cpu) / 1e9);
    }

    /** Runs the batches on {@code callers} threads, each taking the next batch when done with one. */
    private static void run(OnnxSession session, List<List<long[]>> batches, int callers) {
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
                session.run(batches.get(i));
            }
        };
        List<Thread> threads = new ArrayList<>();
        for (int c = 1; c < callers; c++) {
            threads.add(Thread.ofPlatform().start(worker));
        }
        worker.run();
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}

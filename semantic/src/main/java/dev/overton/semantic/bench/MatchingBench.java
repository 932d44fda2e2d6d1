package dev.overton.semantic.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import dev.overton.semantic.bertscore.GreedyMatcher;
import dev.overton.semantic.bertscore.IdfWeights;
import dev.overton.semantic.bertscore.MatchingKernel;
import dev.overton.semantic.bertscore.MatchingKernels;
import dev.overton.semantic.bertscore.TokenMatrix;

/**
 * BERTScore matching alone, kernel against kernel, on one thread: the same pairs through the scalar kernel and (when
 * the JVM has {@code jdk.incubator.vector}) the Vector API kernel, timed in the thread's own CPU time so that a loaded
 * machine slows the figures less than it slows wall time. Prints milliseconds per pair, multiply-adds per second and
 * the largest difference between the kernels' F1. Part of {@link SemanticBench}; alone:
 * {@code java --add-modules jdk.incubator.vector -cp <classpath> dev.overton.semantic.bench.MatchingBench [tokens]}
 * runs random {@code tokens × tokens} pairs (default 700).
 */
public final class MatchingBench {

    /** A candidate and its reference. */
    public record Pair(TokenMatrix candidate, TokenMatrix reference) {}

    private MatchingBench() {}

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 700;
        Random random = new Random(1);
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pairs.add(new Pair(randomMatrix(random, tokens, 384), randomMatrix(random, tokens, 384)));
        }
        System.out.printf("%d random %d x %d-token pairs, dimension 384:%n", pairs.size(), tokens, tokens);
        compare(pairs, 5);
    }

    /**
     * Times every available kernel on the pairs, {@code rounds} times over after a warm-up on the first pairs, and
     * prints one line per kernel and the speed-up.
     */
    public static void compare(List<Pair> pairs, int rounds) {
        List<MatchingKernel> kernels = new ArrayList<>();
        kernels.add(MatchingKernels.scalar());
        if (MatchingKernels.vectorOrNull() != null) {
            kernels.add(MatchingKernels.vectorOrNull());
        } else {
            System.out.println("  (no jdk.incubator.vector in this JVM: scalar kernel only)");
        }
        double multiplyAdds = 0;
        for (Pair p : pairs) {
            multiplyAdds += (double) p.candidate().length()
                    * p.reference().length()
                    * p.candidate().dimension();
        }
        double[] cpuMsPerPair = new double[kernels.size()];
        double[][] f1 = new double[kernels.size()][pairs.size()];
        for (int k = 0; k < kernels.size(); k++) {
            MatchingKernel kernel = kernels.get(k);
            run(pairs.subList(0, Math.min(20, pairs.size())), kernel, f1[k]); // warm-up: JIT compilation
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int round = 0; round < rounds; round++) {
                run(pairs, kernel, f1[k]);
            }
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
            double wallSeconds = (System.nanoTime() - wall) / 1e9;
            int n = pairs.size() * rounds;
            cpuMsPerPair[k] = 1000 * cpuSeconds / n;
            System.out.printf(
                    "  kernel %-10s %7.2f ms of CPU per pair (%7.2f ms wall), %5.1f G multiply-adds/s of CPU%n",
                    kernel.name(), cpuMsPerPair[k], 1000 * wallSeconds / n, multiplyAdds * rounds / cpuSeconds / 1e9);
        }
        if (kernels.size() > 1) {
            double maxDiff = 0;
            for (int i = 0; i < pairs.size(); i++) {
                maxDiff = Math.max(maxDiff, Math.abs(f1[0][i] - f1[1][i]));
            }
            System.out.printf(
                    "  speed-up %s over %s: %.1fx; largest F1 difference %.1e%n",
                    kernels.get(1).name(), kernels.get(0).name(), cpuMsPerPair[0] / cpuMsPerPair[1], maxDiff);
        }
    }

    private static void run(List<Pair> pairs, MatchingKernel kernel, double[] f1) {
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            f1[i] = GreedyMatcher.match(p.candidate(), p.reference(), IdfWeights.uniform(), kernel)
                    .f1();
        }
    }

    private static TokenMatrix randomMatrix(Random random, int n, int d) {
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        dev.overton.semantic.embedding.Vectors.normaliseRows(v, d);
        return new TokenMatrix(new long[n], v, d, 0);
    }
}

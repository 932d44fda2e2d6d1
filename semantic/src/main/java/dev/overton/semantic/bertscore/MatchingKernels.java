package dev.overton.semantic.bertscore;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Chooses the matching kernel: the Vector API kernel when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} and the kernel loads, the scalar kernel otherwise (a JVM without the
 * flag, a native image). The system property {@code overton.bertscore.kernel=scalar} forces the scalar kernel. The
 * Vector API class is loaded by name, so that nothing links against {@code jdk.incubator.vector} where it is absent.
 *
 * <p><b>Warm-up.</b> Until the JIT has compiled it, Vector API code runs interpreted, boxing every vector: measured
 * here about a hundred times slower than the scalar kernel, and on a loaded machine the compiler thread can take tens
 * of seconds to get there (the first nine pairs of a cold JVM took 30 s). So the scalar kernel serves until a
 * background thread has run both kernels on small problems and seen the vector one compiled (a quarter of the scalar
 * one's CPU time or less, three times running); then the vector kernel takes over. Both kernels give the same values
 * to float rounding, so the switch never changes a score beyond 1e-6.
 */
public final class MatchingKernels {

    /** The system property that forces a kernel: {@code scalar} or {@code vector}. */
    public static final String PROPERTY = "overton.bertscore.kernel";

    private static final MatchingKernel SCALAR = new ScalarMatchingKernel();
    private static final MatchingKernel VECTOR = loadVector();
    private static final CountDownLatch WARM = new CountDownLatch(1);
    private static volatile MatchingKernel current = SCALAR;

    static {
        String forced = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        if (VECTOR == null || forced.equals("scalar")) {
            WARM.countDown();
        } else {
            Thread.ofPlatform().daemon().name("bertscore-kernel-warm-up").start(MatchingKernels::warmUp);
        }
    }

    private MatchingKernels() {}

    /**
     * The kernel to use now: the Vector API one once it is available and compiled, unless the property forces the
     * scalar one; the scalar one before.
     */
    public static MatchingKernel best() {
        return current;
    }

    /** Waits until {@link #best()} is final (the warm-up is over, or there is none); false on time-out. */
    public static boolean awaitWarmUp(long timeout, TimeUnit unit) throws InterruptedException {
        return WARM.await(timeout, unit);
    }

    /** The plain-Java kernel (always available). */
    public static MatchingKernel scalar() {
        return SCALAR;
    }

    /** The Vector API kernel, or {@code null} when this JVM has no {@code jdk.incubator.vector}. */
    public static MatchingKernel vectorOrNull() {
        return VECTOR;
    }

    private static MatchingKernel loadVector() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            return (MatchingKernel) Class.forName(MatchingKernels.class.getPackageName() + ".VectorMatchingKernel")
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** Runs both kernels on small problems until the vector one is compiled (or for at most a minute), then switches. */
    private static void warmUp() {
        try {
            Random random = new Random(42);
            // Small problems: the compiler's thresholds count calls and loop turns, and every interpreted turn is slow.
            int d = 64;
            float[] c = randomRows(random, 8, d);
            float[] r = randomRows(random, 96, d);
            float[] candBest = new float[8];
            float[] refBest = new float[96];
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            int fasterInARow = 0;
            for (int i = 0; fasterInARow < 3 && System.nanoTime() < deadline; i++) {
                // Every branch of the kernel, so that the compiled code meets no untaken branch later (which would
                // send it back to the interpreter): 8 to 5 candidate rows (full and partial row tiles), a full last
                // panel (96 columns) and a masked one (40).
                int nc = 8 - i % 4;
                int nr = (i / 4) % 2 == 0 ? 96 : 40;
                long start = threads.getCurrentThreadCpuTime();
                SCALAR.bestSimilarities(c, nc, r, nr, d, candBest, refBest);
                long scalar = threads.getCurrentThreadCpuTime() - start;
                start = threads.getCurrentThreadCpuTime();
                VECTOR.bestSimilarities(c, nc, r, nr, d, candBest, refBest);
                long vector = threads.getCurrentThreadCpuTime() - start;
                fasterInARow = vector * 4 <= scalar ? fasterInARow + 1 : 0;
            }
            current = VECTOR;
        } finally {
            WARM.countDown();
        }
    }

    private static float[] randomRows(Random random, int n, int d) {
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian() / (float) Math.sqrt(d);
        }
        return v;
    }
}

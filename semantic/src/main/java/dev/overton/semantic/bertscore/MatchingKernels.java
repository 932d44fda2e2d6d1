package dev.overton.semantic.bertscore;

import java.util.Locale;

/**
 * Chooses the matching kernel once per JVM: the Vector API kernel when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} and the kernel loads, the scalar kernel otherwise (a JVM without the
 * flag, a native image). The system property {@code overton.bertscore.kernel=scalar} forces the scalar kernel. The
 * Vector API class is loaded by name, so that nothing links against {@code jdk.incubator.vector} where it is absent.
 */
public final class MatchingKernels {

    /** The system property that forces a kernel: {@code scalar} or {@code vector}. */
    public static final String PROPERTY = "overton.bertscore.kernel";

    private static final MatchingKernel SCALAR = new ScalarMatchingKernel();
    private static final MatchingKernel VECTOR = loadVector();
    private static final MatchingKernel BEST = choose();

    private MatchingKernels() {}

    /** The kernel in use: the Vector API one when available, unless the property forces the scalar one. */
    public static MatchingKernel best() {
        return BEST;
    }

    /** The plain-Java kernel (always available). */
    public static MatchingKernel scalar() {
        return SCALAR;
    }

    /** The Vector API kernel, or {@code null} when this JVM has no {@code jdk.incubator.vector}. */
    public static MatchingKernel vectorOrNull() {
        return VECTOR;
    }

    private static MatchingKernel choose() {
        String forced = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        if (forced.equals("scalar") || VECTOR == null) {
            return SCALAR;
        }
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
}

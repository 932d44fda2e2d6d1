package dev.overton.jlama;

import java.util.Optional;

/**
 * Checks that the running JVM can run jlama. jlama computes with the incubating Vector API, which a JVM only resolves
 * when started with {@code --add-modules jdk.incubator.vector}; a GraalVM native image has no Vector API at all.
 */
public final class JlamaRuntime {

    /** The JVM options any process running this engine needs. */
    public static final String JVM_OPTIONS = "--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED";

    static final String VECTOR_MODULE = "jdk.incubator.vector";

    private JlamaRuntime() {}

    /**
     * Why this JVM cannot run jlama, or empty when it can.
     *
     * @return a message that says what to change
     */
    public static Optional<String> unsupportedReason() {
        boolean nativeImage = System.getProperty("org.graalvm.nativeimage.imagecode") != null;
        boolean vectorModule = ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
        return unsupportedReason(vectorModule, nativeImage);
    }

    static Optional<String> unsupportedReason(boolean vectorModulePresent, boolean nativeImage) {
        if (nativeImage) {
            return Optional.of("the jlama backend does not work in a GraalVM native image (jlama needs the JDK's"
                    + " incubating Vector API, which native images do not have): run the JVM build of the service"
                    + " (started with " + JVM_OPTIONS + "), or use the 'openai' backend against a model server, or"
                    + " 'replay'");
        }
        if (!vectorModulePresent) {
            return Optional.of("the jlama backend needs the JDK's Vector API, which this JVM was not started with:"
                    + " start the JVM with --add-modules " + VECTOR_MODULE
                    + " (and --enable-native-access=ALL-UNNAMED),"
                    + " e.g. in JAVA_TOOL_OPTIONS, on JDK 21 or later");
        }
        return Optional.empty();
    }

    /**
     * Fails when this JVM cannot run jlama.
     *
     * @throws JlamaUnsupportedRuntimeException with {@link #unsupportedReason()} as its message
     */
    public static void requireSupported() {
        Optional<String> reason = unsupportedReason();
        if (reason.isPresent()) {
            throw new JlamaUnsupportedRuntimeException(reason.get());
        }
    }
}

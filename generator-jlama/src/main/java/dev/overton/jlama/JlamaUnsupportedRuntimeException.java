package dev.overton.jlama;

/**
 * The running JVM cannot run jlama at all (no Vector API module, or a GraalVM native image). Thrown before any jlama
 * class is touched, so the caller gets this message instead of a class-loading error deep in a model load.
 */
public final class JlamaUnsupportedRuntimeException extends RuntimeException {

    JlamaUnsupportedRuntimeException(String message) {
        super(message);
    }
}

package dev.overton.semantic;

import dev.overton.semantic.encoder.EncoderSpec;
import dev.overton.semantic.encoder.OnnxEncoder;

/**
 * The bundled MiniLM encoder, loaded once per test JVM and shared by the test classes (loading costs about a second
 * and 100 MB of native memory; the encoder is thread-safe). Never closed: the JVM exit releases it.
 */
public final class TestModels {

    private static volatile OnnxEncoder miniLm;

    private TestModels() {}

    /** The shared bundled encoder. */
    public static OnnxEncoder miniLm() {
        OnnxEncoder e = miniLm;
        if (e == null) {
            synchronized (TestModels.class) {
                e = miniLm;
                if (e == null) {
                    e = new OnnxEncoder(EncoderSpec.bundledMiniLm());
                    miniLm = e;
                }
            }
        }
        return e;
    }
}

package dev.overton.jlama;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints generation speed on the tiny test model, or on a model given as the first argument (a folder or a cached
 * hub id). Not a test: run it by hand to compare machines or jlama versions, e.g.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp "$(cat target/test-classpath.txt)" dev.overton.jlama.JlamaBench
 * </pre>
 */
public final class JlamaBench {

    private JlamaBench() {}

    public static void main(String[] args) throws Exception {
        int samples = 5;
        int maxTokens = 64;
        Path tmp = Files.createTempDirectory("jlama-bench");
        String model = args.length > 0
                ? args[0]
                : TinyLlamaModel.base().writeTo(tmp, "tiny").toString();
        try (JlamaEngine engine = new JlamaEngine(new JlamaModels(JlamaSettings.defaults()))) {
            long loadStart = System.nanoTime();
            engine.load(model);
            System.out.printf("model %s loaded in %d ms%n", model, (System.nanoTime() - loadStart) / 1_000_000);
            JlamaCall call =
                    JlamaCall.completion(model, "The cat sat on the mat because", 0.7, maxTokens, 0L, List.of());
            engine.generate(call); // warm-up
            long tokens = 0;
            long nanos = 0;
            for (int i = 0; i < samples; i++) {
                JlamaCompletion c = engine.generate(call.withSeed((long) i));
                tokens += c.completionTokens();
                nanos += c.latency().toNanos();
            }
            System.out.printf(
                    "%d samples, %d tokens, %.1f tokens/s (prompt evaluation included)%n",
                    samples, tokens, tokens / (nanos / 1e9));
        }
    }
}

package dev.overton.semantic.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.overton.semantic.encoder.EncoderSpec;
import dev.overton.semantic.encoder.OnnxEncoder;
import dev.overton.semantic.encoder.WindowMode;

/**
 * The semantic bench's command line: {@code --fixture DIR} (default: {@code shared/fixtures/lima-oe} found walking up
 * from the working directory), {@code --threads N} (ONNX Runtime intra-op threads), {@code --batch-tokens N},
 * {@code --parallel-calls N} (ONNX calls at once), {@code --window sliding|truncate}, {@code --no-released-check}, and
 * for another encoder {@code --model FILE.onnx --tokenizer tokenizer.json [--name N] [--max-length 512]
 * [--output last_hidden_state] [--layer L]}. A bad argument is an {@link IllegalArgumentException} with the message
 * to print.
 */
record BenchOptions(
        Path fixture,
        int threads,
        int batchTokens,
        int parallelCalls,
        WindowMode window,
        boolean releasedCheck,
        EncoderSpec spec) {

    static BenchOptions parse(String[] args) {
        Path fixture = null;
        int threads = Runtime.getRuntime().availableProcessors();
        int batchTokens = OnnxEncoder.UNBATCHED;
        int parallelCalls = 1;
        WindowMode window = WindowMode.SLIDING;
        boolean check = true;
        Path model = null;
        Path tokenizer = null;
        String name = null;
        int maxLength = 512;
        String output = "last_hidden_state";
        String layer = "last";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.isBlank()) {
                continue;
            }
            switch (a) {
                case "--fixture" -> fixture = Path.of(value(args, ++i, a));
                case "--threads" -> threads = intValue(args, ++i, a);
                case "--batch-tokens" -> batchTokens = intValue(args, ++i, a);
                case "--parallel-calls" -> parallelCalls = intValue(args, ++i, a);
                case "--window" ->
                    window = switch (value(args, ++i, a)) {
                        case "sliding" -> WindowMode.SLIDING;
                        case "truncate" -> WindowMode.TRUNCATE;
                        default -> throw new IllegalArgumentException("--window takes sliding or truncate");
                    };
                case "--no-released-check" -> check = false;
                case "--model" -> model = Path.of(value(args, ++i, a));
                case "--tokenizer" -> tokenizer = Path.of(value(args, ++i, a));
                case "--name" -> name = value(args, ++i, a);
                case "--max-length" -> maxLength = intValue(args, ++i, a);
                case "--output" -> output = value(args, ++i, a);
                case "--layer" -> layer = value(args, ++i, a);
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (fixture == null) {
            fixture = locateFixture()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "no shared/fixtures/lima-oe above the working directory: give --fixture DIR"));
        }
        if (!Files.isDirectory(fixture.resolve("outputs"))) {
            throw new IllegalArgumentException(fixture + " is not the LIMA-OE fixture (no outputs/ inside)");
        }
        if ((model == null) != (tokenizer == null)) {
            throw new IllegalArgumentException("--model and --tokenizer go together");
        }
        EncoderSpec spec = model == null
                ? EncoderSpec.bundledMiniLm()
                : EncoderSpec.fromFiles(
                        name == null ? model.getFileName().toString() : name,
                        model,
                        tokenizer,
                        maxLength,
                        output,
                        layer);
        return new BenchOptions(fixture, threads, batchTokens, parallelCalls, window, check, spec);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int intValue(String[] args, int i, String option) {
        try {
            int v = Integer.parseInt(value(args, i, option));
            if (v < 1) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a positive whole number");
        }
    }

    static Optional<Path> locateFixture() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("fixtures").resolve("lima-oe");
            if (Files.isDirectory(candidate.resolve("outputs"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

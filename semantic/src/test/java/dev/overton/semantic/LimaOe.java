package dev.overton.semantic;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The paper's released LIMA-OE data, read in place from {@code shared/fixtures/lima-oe} beside the repository (never
 * copied into it). Tests that need it call {@link #assumePresent()} and are skipped, with a message saying where the
 * data was looked for, on a checkout without {@code shared/}.
 */
public final class LimaOe {

    private LimaOe() {}

    /** The fixture directory, if a {@code shared/fixtures/lima-oe} is found walking up from the working directory. */
    public static Optional<Path> locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("fixtures").resolve("lima-oe");
            if (Files.isDirectory(candidate.resolve("outputs"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The fixture directory; skips the calling test when it is absent. */
    public static Path assumePresent() {
        Optional<Path> dir = locate();
        assumeTrue(
                dir.isPresent(),
                "LIMA-OE fixture not found: looked for shared/fixtures/lima-oe in "
                        + Path.of("").toAbsolutePath() + " and its parents (the repository's ../shared)");
        return dir.get();
    }
}

package dev.overton.systemtests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the released paper data in {@code ../shared/fixtures/lima-oe} beside the repository. */
final class SharedFixtures {

    private SharedFixtures() {}

    /** The LIMA-OE fixture folder; skips the calling test with a clear message when it is absent. */
    static Path limaOe() {
        Path dir = ServiceProcesses.repoRoot().resolveSibling("shared").resolve("fixtures/lima-oe");
        assumeTrue(
                Files.isDirectory(dir),
                "skipped: the released LIMA-OE data is expected at " + dir
                        + " (the ../shared folder beside the repository) and is absent");
        return dir;
    }
}

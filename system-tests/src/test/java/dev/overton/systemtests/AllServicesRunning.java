package dev.overton.systemtests;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;

/**
 * A {@link SharedServicesRunning} test that also reads the released LIMA-OE fixtures; it skips when they are absent.
 * A subclass may add its own {@code @BeforeAll} and {@code @AfterAll} under other method names than these.
 */
abstract class AllServicesRunning extends SharedServicesRunning {

    /** The folder of the released LIMA-OE data. */
    static Path fixtures;

    @BeforeAll
    static void locateFixtures() {
        fixtures = SharedFixtures.limaOe();
    }
}

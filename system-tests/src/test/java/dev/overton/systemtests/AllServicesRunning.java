package dev.overton.systemtests;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The base of system tests that run against the whole stack, started once per test class: every service as packaged
 * by this build, on the real broker and database, with the released LIMA-OE fixtures located. A subclass may add its
 * own {@code @BeforeAll} (JUnit runs it after this one's) and {@code @AfterAll} (run before the services stop), under
 * other method names, since a static method of the same name would hide this one's.
 */
abstract class AllServicesRunning {

    /** The running services of the current test class. */
    static ServiceProcesses services;

    /** The folder of the released LIMA-OE data. */
    static Path fixtures;

    @BeforeAll
    static void startServices() throws Exception {
        fixtures = SharedFixtures.limaOe();
        services = ServiceProcesses.startAll();
    }

    @AfterAll
    static void stopServices() {
        if (services != null) {
            services.close();
            services = null;
        }
    }
}

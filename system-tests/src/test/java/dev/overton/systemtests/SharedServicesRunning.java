package dev.overton.systemtests;

import org.junit.jupiter.api.BeforeAll;

/**
 * The base of system tests that run against the whole stack as packaged by this build, on the real broker and
 * database, in its plain configuration (one instance of every service, model-based measures off). The stack is
 * shared: the first such class starts it and the next ones reuse it ({@link ServiceProcesses#shared()}); {@link
 * SharedStackFirst} runs these classes one after the other, before the classes that start a stack of their own. So a
 * subclass must leave the stack as it found it: an instance it kills is started again, an instance it adds is stopped
 * in its own {@code @AfterAll}. A subclass may add its own {@code @BeforeAll} (JUnit runs it after this one's) under
 * another method name, since a static method of the same name would hide this one's.
 */
abstract class SharedServicesRunning {

    /** The running services, shared by the classes of this test JVM. */
    static ServiceProcesses services;

    @BeforeAll
    static void startServices() throws Exception {
        services = ServiceProcesses.shared();
    }
}

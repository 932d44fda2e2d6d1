package dev.overton.systemtests;

import static dev.overton.systemtests.ServiceProcesses.API_KEY;
import static dev.overton.systemtests.ServiceProcesses.DATABASE;
import static dev.overton.systemtests.ServiceProcesses.GROUPS;
import static dev.overton.systemtests.ServiceProcesses.SCORER_ARGS;
import static dev.overton.systemtests.ServiceProcesses.TOPIC_PREFIX;
import static dev.overton.systemtests.ServiceProcesses.repoRoot;
import static dev.overton.systemtests.ServiceProcesses.servicesRoot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.overton.systemtests.ServiceProcesses.Service;

/**
 * How one packaged service is launched as a test process: from a private copy of its application, with the command
 * line and environment that put it on the test ports, database, topics and consumer groups, logging to {@code
 * system-tests/target/service-logs/}. {@link ServiceProcesses} starts, watches and stops the processes.
 */
final class ServiceLaunch {

    private static final java.util.Set<Service> COPIED = java.util.EnumSet.noneOf(Service.class);

    private ServiceLaunch() {}

    /**
     * The process of {@code service} on {@code port}, not yet started: its command line (heap, port, consumer groups,
     * Kafka timeouts, the flags each service needs, {@code generatorProperties} for a generator) and environment (test
     * database, topic prefix, API key), its output going to {@code target/service-logs/}.
     *
     * @param semantic whether a scorer computes the model-based measures
     */
    static ProcessBuilder processBuilder(Service service, int port, boolean semantic, List<String> generatorProperties)
            throws IOException {
        Path jar = applicationCopy(service);
        Path logs = Path.of("target/service-logs");
        Files.createDirectories(logs);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java,
                heap(service, semantic),
                "-Dquarkus.http.port=" + port,
                "-Dkafka.group.suffix=" + System.getProperty(GROUPS, "-system-tests")));
        // A killed instance's partitions go to the others after its session times out: 8 s here instead of Kafka's
        // 45 s default, so that the kill tests do not wait on the broker (6 s is the broker's minimum).
        command.add("-Dkafka.session.timeout.ms=8000");
        command.add("-Dkafka.heartbeat.interval.ms=2000");
        if (service == Service.GENERATOR) {
            // The embedded jlama backend runs on the incubating Vector API.
            command.addAll(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"));
            command.add("-Doverton.outbox.republish-after=5s");
            command.addAll(generatorProperties);
            // The fixtures are absolute paths under ../shared; the default (prod) profile allows the base dir only.
            command.add("-Doverton.files.allowed-dirs=" + repoRoot() + ","
                    + repoRoot().resolveSibling("shared"));
        }
        if (service == Service.SCORER) {
            // BERTScore matching's Vector API kernel (scorer-service's semantic.jvm.args).
            command.addAll(List.of("--add-modules", "jdk.incubator.vector"));
            command.add("-Doverton.semantic.enabled=" + semantic);
            String more = System.getProperty(SCORER_ARGS, "").strip();
            if (!more.isEmpty()) {
                command.addAll(List.of(more.split("\\s+")));
            }
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(logName(service, port)).toFile());
        builder.environment().put("DB_NAME", database());
        builder.environment().put("OVERTON_TOPIC_PREFIX", TOPIC_PREFIX);
        if (service == Service.GENERATOR) {
            builder.environment().put("OVERTON_API_KEYS", API_KEY);
        }
        return builder;
    }

    /**
     * A private copy of the service's packaged application, made once per test JVM, so that rebuilding the service
     * while the tests run (an IDE, a second build) cannot swap jars under a running process.
     */
    static synchronized Path applicationCopy(Service service) throws IOException {
        Path source = servicesRoot().resolve(service.module).resolve("target/quarkus-app");
        if (!Files.isRegularFile(source.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(source.resolve("quarkus-run.jar") + " is missing: run the tests through the"
                    + " reactor (./mvnw verify) so that the services are packaged first");
        }
        Path target = Path.of("target/apps").resolve(service.module).toAbsolutePath();
        if (COPIED.add(service)) {
            if (Files.exists(target)) {
                try (var paths = Files.walk(target)) {
                    for (Path p :
                            paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            try (var paths = Files.walk(source)) {
                for (Path p : paths.toList()) {
                    Path copy = target.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(p, copy);
                    }
                }
            }
        }
        return target.resolve("quarkus-run.jar");
    }

    /** The model-based scorer holds an encoder and its caches (docs/semantic.md: about 1 GB at peak). */
    private static String heap(Service service, boolean semantic) {
        return service == Service.SCORER && semantic ? "-Xmx1536m" : "-Xmx384m";
    }

    /** The test database the services use: {@link ServiceProcesses#DATABASE}, else {@code overton_it}. */
    static String database() {
        return System.getProperty(DATABASE, "overton_it");
    }

    /** The log file of {@code service} on {@code port}: its module name, with the port for an extra instance. */
    static String logName(Service service, int port) {
        return service.port == port ? service.module + ".log" : service.module + "-" + port + ".log";
    }
}

package dev.overton.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the packaged services ({@code <service>/target/quarkus-app/quarkus-run.jar}) as separate processes against the
 * Kafka and PostgreSQL that {@code bin/overton up infra} runs, on test ports, with the test database {@code overton_it}
 * and their own consumer groups, so that a developer's running stack is not disturbed. Logs go to {@code
 * system-tests/target/service-logs/}.
 */
final class ServiceProcesses implements AutoCloseable {

    /** The services and the ports the tests give them. */
    enum Service {
        GENERATOR("generator-service", 18181),
        SCORER("scorer-service", 18182),
        ICL("icl-service", 18183);

        final String module;
        final int port;

        Service(String module, int port) {
            this.module = module;
            this.port = port;
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    private final List<Process> processes = new ArrayList<>();

    /** The repository root (the parent of this module's folder). */
    static Path repoRoot() {
        return Path.of("").toAbsolutePath().getParent();
    }

    /** Starts every service and waits until each reports ready. */
    static ServiceProcesses startAll() throws IOException {
        ServiceProcesses started = new ServiceProcesses();
        try {
            for (Service service : Service.values()) {
                started.start(service);
            }
            for (Service service : Service.values()) {
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500))
                        .ignoreExceptionsInstanceOf(java.net.ConnectException.class)
                        .untilAsserted(() -> given().baseUri(service.url())
                                .get("/q/health/ready")
                                .then()
                                .statusCode(200));
            }
            return started;
        } catch (RuntimeException | IOException | Error e) {
            started.exitedEarly();
            started.close();
            throw e;
        }
    }

    private void start(Service service) throws IOException {
        Path jar = repoRoot().resolve(service.module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests through the reactor (./mvnw verify) so"
                    + " that the services are packaged first");
        }
        Path logs = Path.of("target/service-logs");
        Files.createDirectories(logs);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(
                List.of(java, "-Xmx384m", "-Dquarkus.http.port=" + service.port, "-Dkafka.group.suffix=-system-tests"));
        if (service == Service.GENERATOR) {
            command.add("-Doverton.outbox.republish-after=5s");
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(service.module + ".log").toFile());
        builder.environment().put("DB_NAME", "overton_it");
        processes.add(builder.start());
    }

    /** Names services that died during start-up, which is far more useful than a time-out. */
    private void exitedEarly() {
        for (int i = 0; i < processes.size(); i++) {
            if (!processes.get(i).isAlive()) {
                System.err.println(Service.values()[i].module + " exited with "
                        + processes.get(i).exitValue() + "; see system-tests/target/service-logs/"
                        + Service.values()[i].module + ".log");
            }
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}

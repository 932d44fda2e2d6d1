package dev.overton.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
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
public final class ServiceProcesses implements AutoCloseable {

    /** The services and the ports the tests give their first instance. */
    enum Service {
        GENERATOR("generator-service", 0),
        SCORER("scorer-service", 1),
        ICL("icl-service", 2);

        final String module;
        final int port;

        Service(String module, int offset) {
            this.module = module;
            this.port = Integer.getInteger(PORT_BASE, 18181) + offset;
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    /**
     * One running service process.
     *
     * @param service which service
     * @param port its HTTP port
     * @param process the process
     */
    record Instance(Service service, int port, Process process) {
        String url() {
            return "http://127.0.0.1:" + port;
        }

        String name() {
            return service.module + "@" + port;
        }
    }

    /**
     * Prefix of every topic the tested services use: they share the developer's broker but never read the records of a
     * running stack (nor it theirs).
     */
    static final String TOPIC_PREFIX = System.getProperty(ServiceProcesses.TOPICS, "systemtest.");

    /** The API key the tested generator accepts (env OVERTON_API_KEYS); every POST /runs sends it as X-API-Key. */
    public static final String API_KEY = "system-test-key";

    private final List<Instance> instances = new ArrayList<>();
    private boolean semantic;

    /**
     * System properties that move a bench's stack off the system tests' (ports from 18181, database {@code
     * overton_it}, topics {@code systemtest.}, consumer groups {@code -system-tests}), so that it can run beside them
     * on one broker and one PostgreSQL: the first service's port (the others follow), the database (it must exist),
     * the topic prefix and the consumer-group suffix. Unset, the tests' own values.
     */
    public static final String PORT_BASE = "overton.services.port-base";

    /**
     * System property: more JVM arguments for every scorer started, separated by spaces (e.g. {@code
     * -Doverton.semantic.parallel-calls=2 -Doverton.semantic.threads=1}), for benches comparing settings.
     */
    public static final String SCORER_ARGS = "overton.services.scorer-args";

    /** See {@link #PORT_BASE}. */
    public static final String DATABASE = "overton.services.database";

    /** See {@link #PORT_BASE}. */
    public static final String TOPICS = "overton.services.topic-prefix";

    /** See {@link #PORT_BASE}. */
    public static final String GROUPS = "overton.services.group-suffix";

    /**
     * System property naming another checkout whose packaged services run instead of this one's (the replay bench's
     * {@code --services}, for before/after comparisons); fixtures and logs stay this checkout's.
     */
    public static final String SERVICES_ROOT = "overton.bench.services";

    /**
     * System property: how long a started instance may take to report ready, in seconds (default 120). The benches
     * raise it: on this shared machine, three services starting at once under other builds took up to 150 s.
     */
    public static final String READY_SECONDS = "overton.services.ready-seconds";

    /** The checkout whose packaged services run: {@link #SERVICES_ROOT} when set, else this repository. */
    public static Path servicesRoot() {
        String other = System.getProperty(SERVICES_ROOT);
        return other == null ? repoRoot() : Path.of(other).toAbsolutePath().normalize();
    }

    /** The repository root (the parent of this module's folder). */
    public static Path repoRoot() {
        return Path.of("").toAbsolutePath().getParent();
    }

    /** Starts one instance of every service, scorer without the model-based measures, and waits until ready. */
    static ServiceProcesses startAll() throws IOException {
        return startAll(false);
    }

    /**
     * Starts one instance of every service and waits until each reports ready.
     *
     * @param semantic whether the scorer computes the model-based measures (embeddings, BERTScore, coverage); they
     *     cost minutes of CPU per run on two cores, so only the test that checks them turns them on
     */
    static ServiceProcesses startAll(boolean semantic) throws IOException {
        return startAll(semantic, List.of());
    }

    /**
     * Starts one instance of every service, the generator with {@code generatorProperties} (e.g. {@code
     * -Doverton.retention.max-age=PT1H}) added to its command line, and waits until each reports ready.
     */
    static ServiceProcesses startAll(boolean semantic, List<String> generatorProperties) throws IOException {
        // The shared stack holds the same ports: a class with a configuration of its own takes them over.
        stopShared();
        resetTestDatabaseOnce();
        ServiceProcesses started = new ServiceProcesses();
        started.semantic = semantic;
        started.generatorProperties = List.copyOf(generatorProperties);
        try {
            for (Service service : Service.values()) {
                started.start(service, service.port);
            }
            started.awaitReady();
            return started;
        } catch (RuntimeException | IOException | Error e) {
            started.close();
            throw e;
        }
    }

    /**
     * The stack shared by every {@link SharedServicesRunning} class of this test JVM (one instance of every service,
     * model-based measures off, retention after an hour): started by the first such class, kept for the next ones, and
     * stopped when the JVM exits or when a class starts a stack of its own ({@link #startAll(boolean, List)}, same
     * ports). Starting three Quarkus services costs about 27 s of CPU (docs/operations.md, "CI time budget"), so each
     * start saved is CI time saved. A class may change the stack (kill and restart an instance, add a scorer) but must
     * leave it as it found it; a stack with a dead process is replaced, so that one broken class does not fail the
     * ones after it.
     */
    static synchronized ServiceProcesses shared() throws IOException {
        if (shared != null && !shared.complete()) {
            stopShared();
        }
        if (shared == null) {
            shared = startAll(false, SHARED_GENERATOR_PROPERTIES);
            if (!stopAtExit) {
                Runtime.getRuntime().addShutdownHook(new Thread(ServiceProcesses::stopShared, "stop-shared-services"));
                stopAtExit = true;
            }
        }
        return shared;
    }

    /** Stops the shared stack, if it runs. */
    private static synchronized void stopShared() {
        if (shared != null) {
            ServiceProcesses stopping = shared;
            shared = null;
            stopping.close();
        }
    }

    private static ServiceProcesses shared;

    /**
     * Retention on in the shared stack, for RunDeletionIT: runs older than an hour are deleted, swept every 2 s. No other
     * run is that old (the test database is reset once per test JVM), so the other classes see no difference.
     */
    private static final List<String> SHARED_GENERATOR_PROPERTIES =
            List.of("-Doverton.retention.max-age=PT1H", "-Doverton.retention.every=2s");

    private static boolean stopAtExit;

    /** Whether one live instance of every service runs (and no instance has died). */
    private boolean complete() {
        return instances.stream().allMatch(i -> i.process().isAlive())
                && java.util.Arrays.stream(Service.values())
                        .allMatch(s -> instances.stream().anyMatch(i -> i.service() == s));
    }

    /**
     * Starts only generators, one on each of {@code ports}, with {@code generatorProperties} added to their command
     * lines, and waits until each is ready: for tests of what the generators do among themselves (monitor scheduling),
     * which need no scorer or icl-service.
     */
    static ServiceProcesses startGenerators(List<Integer> ports, List<String> generatorProperties) throws IOException {
        stopShared(); // its generator would schedule the same monitors
        resetTestDatabaseOnce();
        ServiceProcesses started = new ServiceProcesses();
        started.generatorProperties = List.copyOf(generatorProperties);
        try {
            for (int port : ports) {
                started.start(Service.GENERATOR, port);
            }
            started.awaitReady();
            return started;
        } catch (RuntimeException | IOException | Error e) {
            started.close();
            throw e;
        }
    }

    /** Starts another instance of {@code service} on {@code port} and waits until it is ready. */
    Instance startInstance(Service service, int port) throws IOException {
        Instance instance = start(service, port);
        awaitReady();
        return instance;
    }

    /**
     * For the load bench ({@code dev.overton.systemtests.load.LoadBench}): resets the test database like {@link
     * #startAll()}, then starts only a scorer (model-based measures off) on its test port and waits until it is ready.
     */
    public static ServiceProcesses startScorerOnly() throws IOException {
        resetTestDatabaseOnce();
        ServiceProcesses started = new ServiceProcesses();
        try {
            started.start(Service.SCORER, Service.SCORER.port);
            started.awaitReady();
            return started;
        } catch (RuntimeException | IOException | Error e) {
            started.close();
            throw e;
        }
    }

    /** For the load bench: starts another scorer on {@code port}, waits until it is ready and returns its base URL. */
    public String startScorer(int port) throws IOException {
        return startInstance(Service.SCORER, port).url();
    }

    /**
     * For the soak bench ({@code dev.overton.systemtests.load.SoakBench}): starts one instance of every service like
     * {@link #startAll(boolean, List)} and waits until each is ready.
     */
    public static ServiceProcesses startAllForBench(boolean semantic, List<String> generatorProperties)
            throws IOException {
        return startAll(semantic, generatorProperties);
    }

    /** For the soak bench: the base URL of the first generator. */
    public static String generatorUrl() {
        return Service.GENERATOR.url();
    }

    /** For the soak bench: each running instance ({@code module@port}) and its process id, in start order. */
    public java.util.Map<String, Long> processIds() {
        java.util.Map<String, Long> pids = new java.util.LinkedHashMap<>();
        instances.forEach(i -> pids.put(i.name(), i.process().pid()));
        return pids;
    }

    /** For the load bench: the base URLs of the running scorers, in start order. */
    public List<String> scorerUrls() {
        return instances.stream()
                .filter(i -> i.service() == Service.SCORER)
                .map(Instance::url)
                .toList();
    }

    /** The running instances, in start order. */
    List<Instance> instances() {
        return List.copyOf(instances);
    }

    /** Kills {@code instance} with SIGKILL (no shutdown hooks, nothing flushed) and forgets it. */
    void kill(Instance instance) throws InterruptedException {
        instance.process().destroyForcibly();
        instance.process().waitFor(20, TimeUnit.SECONDS);
        instances.remove(instance);
    }

    /** Stops {@code instance} gracefully (SIGTERM) and forgets it. */
    void stop(Instance instance) throws InterruptedException {
        instance.process().destroy();
        if (!instance.process().waitFor(30, TimeUnit.SECONDS)) {
            instance.process().destroyForcibly();
        }
        instances.remove(instance);
    }

    /** The first running instance of {@code service}. */
    Instance first(Service service) {
        return instances.stream()
                .filter(i -> i.service() == service)
                .findFirst()
                .orElseThrow();
    }

    private void awaitReady() {
        for (Instance instance : instances) {
            try {
                await().atMost(Duration.ofSeconds(Long.getLong(READY_SECONDS, 120)))
                        .pollInterval(Duration.ofMillis(500))
                        .ignoreExceptionsInstanceOf(java.net.ConnectException.class)
                        .untilAsserted(() -> given().baseUri(instance.url())
                                .get("/q/health/ready")
                                .then()
                                .statusCode(200));
            } catch (RuntimeException | Error e) {
                if (!instance.process().isAlive()) {
                    throw new IllegalStateException(
                            instance.name() + " exited with "
                                    + instance.process().exitValue() + "; see system-tests/target/service-logs/"
                                    + ServiceLaunch.logName(instance.service(), instance.port()),
                            e);
                }
                throw e;
            }
        }
    }

    private static boolean databaseReset;

    /** Extra system properties of every generator instance this object starts. */
    private List<String> generatorProperties = List.of();

    /**
     * Drops the services' schemas in the test database {@code overton_it} once per test JVM, so that every test run
     * starts from the migrations (a migration edited during development cannot fail Flyway's validation here, and no
     * earlier run's rows are seen).
     */
    private static synchronized void resetTestDatabaseOnce() {
        if (databaseReset) {
            return;
        }
        try (var connection = java.sql.DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:5432/" + ServiceLaunch.database(), "overton", "overton");
                var statement = connection.createStatement()) {
            statement.execute("drop schema if exists generator, scorer, icl cascade");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(
                    "cannot reset the test database overton_it on 127.0.0.1:5432 (run"
                            + " bin/overton up infra first): " + e.getMessage(),
                    e);
        }
        databaseReset = true;
    }

    private Instance start(Service service, int port) throws IOException {
        Process process = ServiceLaunch.processBuilder(service, port, semantic, generatorProperties)
                .start();
        Instance instance = new Instance(service, port, process);
        instances.add(instance);
        return instance;
    }

    @Override
    public void close() {
        for (Instance i : instances) {
            i.process().destroy();
        }
        for (Instance i : instances) {
            try {
                if (!i.process().waitFor(20, TimeUnit.SECONDS)) {
                    i.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                i.process().destroyForcibly();
            }
        }
    }
}

package dev.overton.deploytests;

import static dev.overton.deploytests.Project.at;
import static dev.overton.deploytests.Project.list;
import static dev.overton.deploytests.Project.map;
import static dev.overton.deploytests.Project.str;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** docker-compose.yml and docker-compose.native.yml against the services' configuration. */
class ComposeTest {

    private static final Path COMPOSE = Project.path("docker-compose.yml");
    private static final Path NATIVE = Project.path("docker-compose.native.yml");
    private static final Map<String, ServiceConfig> CONFIGS = ServiceConfig.all();

    private static Map<String, Object> services(Path file) {
        return map(Project.yamlMap(file).get("services"));
    }

    @Test
    void everyServiceIsThereWithItsPortHealthCheckAndImage() {
        Map<String, Object> services = services(COMPOSE);
        for (ServiceConfig c : CONFIGS.values()) {
            assertThat(services).as("docker-compose.yml services").containsKey(c.name());
            Map<String, Object> s = map(services.get(c.name()));
            String where = "docker-compose.yml " + c.name();

            assertThat(containerPorts(s)).as("%s: container ports", where).contains(c.httpPort());
            assertThat(healthCheck(s)).as("%s: health check", where).contains(":" + c.httpPort() + "/q/health/ready");
            assertThat(imageName(str(s.get("image")))).as("%s: image", where).isEqualTo(c.name());
            assertBuild(s, c, "Dockerfile.jvm", where);
        }
    }

    @Test
    void servicesGetExactlyTheEnvironmentTheyRead() {
        Map<String, Object> services = services(COMPOSE);
        for (ServiceConfig c : CONFIGS.values()) {
            Map<String, String> env = environment(map(services.get(c.name())));
            assertThat(env.keySet())
                    .as(
                            "docker-compose.yml %s: environment variables (the service reads %s, optionally %s)",
                            c.name(), c.envVars(), c.optionalEnvVars())
                    .containsAll(c.envVars())
                    .allMatch(v -> c.allowedEnvVars().contains(v), "are read by the service");
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
            assertThat(env.get("DB_HOST")).isEqualTo("postgres");
        }
    }

    @Test
    void credentialsComeFromTheHostEnvironment() {
        Map<String, Object> services = services(COMPOSE);
        for (ServiceConfig c : CONFIGS.values()) {
            Map<String, String> env = environment(map(services.get(c.name())));
            for (String v : c.credentialEnvVars()) {
                if (env.containsKey(v)) {
                    assertThat(str(env.get(v)))
                            .as(
                                    "docker-compose.yml %s: %s is passed from the host (${%s:-}), never written here",
                                    c.name(), v, v)
                            .matches("\\$\\{" + v + ":?-?}");
                }
            }
        }
    }

    @Test
    void jvmOptionsKeepTheImagesAndAddWhatTheServiceNeeds() {
        Map<String, Object> services = services(COMPOSE);
        for (ServiceConfig c : CONFIGS.values()) {
            Map<String, Object> s = map(services.get(c.name()));
            String opts = environment(s).get(ServiceConfig.JAVA_OPTS_APPEND);
            assertThat(c.jvmOptionProblems(opts))
                    .as("docker-compose.yml %s: %s", c.name(), ServiceConfig.JAVA_OPTS_APPEND)
                    .isEmpty();
            // A cache folder (..._CACHE_DIR, -D...cache-dir) is a writable volume, so it survives restarts.
            Map<String, String> targets = new LinkedHashMap<>();
            for (var m : mounts(s).entrySet()) {
                targets.put(m.getValue(), m.getKey());
            }
            for (String dir : ServiceConfig.cacheDirs(composeValues(environment(s)))) {
                assertThat(targets)
                        .as("docker-compose.yml %s: a volume is mounted at the cache folder %s", c.name(), dir)
                        .containsKey(dir);
                assertThat(volumeReadOnly(s, dir))
                        .as("docker-compose.yml %s: the cache volume at %s is writable", c.name(), dir)
                        .isFalse();
                String source = targets.get(dir);
                if (!source.startsWith(".") && !source.startsWith("/")) {
                    assertThat(map(Project.yamlMap(COMPOSE).get("volumes")))
                            .as("docker-compose.yml: named volume %s is declared", source)
                            .containsKey(source);
                }
            }
        }
    }

    @Test
    void nativeOverrideSwitchesEveryServiceToItsNativeDockerfile() {
        Map<String, Object> services = services(NATIVE);
        Map<String, Object> base = services(COMPOSE);
        assertThat(services.keySet())
                .as("docker-compose.native.yml overrides only services of docker-compose.yml")
                .allMatch(base::containsKey);
        for (ServiceConfig c : CONFIGS.values()) {
            assertThat(services).as("docker-compose.native.yml services").containsKey(c.name());
            Map<String, Object> s = map(services.get(c.name()));
            String where = "docker-compose.native.yml " + c.name();
            assertBuild(s, c, "Dockerfile.native", where);
            assertThat(imageName(str(s.get("image")))).as("%s: image", where).isEqualTo(c.name());
            assertThat(str(s.get("image")))
                    .as("%s: native image tag differs from the JVM one", where)
                    .isNotEqualTo(str(map(base.get(c.name())).get("image")));
            String health = healthCheck(s);
            assertThat(health).as("%s: health check", where).contains("/q/health/ready");
            assertThat(health).as("%s: health check port", where).contains(String.valueOf(c.httpPort()));
        }
    }

    @Test
    void prometheusAndGrafanaMountWhatExists() {
        Map<String, Object> services = services(COMPOSE);
        Map<String, String> prometheus = mounts(map(services.get("prometheus")));
        assertThat(prometheus).containsEntry("./deploy/prometheus", "/etc/prometheus");
        assertThat(Project.path("deploy/prometheus/prometheus.yml")).isRegularFile();

        Map<String, Object> grafana = map(services.get("grafana"));
        Map<String, String> mounts = mounts(grafana);
        assertThat(mounts).containsEntry("./deploy/grafana/provisioning", "/etc/grafana/provisioning");
        String dashboardsTarget = mounts.get("./deploy/grafana/dashboards");
        assertThat(dashboardsTarget)
                .as("grafana mounts deploy/grafana/dashboards")
                .isNotNull();
        for (String source : mounts.keySet()) {
            if (source.startsWith("./")) {
                assertThat(Project.path(source.substring(2)))
                        .as("grafana mount source")
                        .exists();
            }
        }
        // The provider loads dashboards from where compose mounts them ...
        Map<String, Object> providers =
                Project.yamlMap(Project.path("deploy/grafana/provisioning/dashboards/overton.yml"));
        List<String> paths = list(providers.get("providers")).stream()
                .map(p -> str(at(p, "options", "path")))
                .toList();
        assertThat(paths).containsExactly(dashboardsTarget);
        // ... and the home dashboard is one of them.
        String home = str(environment(grafana).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"));
        if (home != null) {
            assertThat(home).startsWith(dashboardsTarget + "/");
            assertThat(Project.path("deploy/grafana/dashboards").resolve(home.substring(dashboardsTarget.length() + 1)))
                    .isRegularFile();
        }
        // The data source points at the compose Prometheus.
        Map<String, Object> ds =
                Project.yamlMap(Project.path("deploy/grafana/provisioning/datasources/prometheus.yml"));
        List<Object> sources = list(ds.get("datasources"));
        assertThat(sources).hasSize(1);
        assertThat(str(at(sources.get(0), "type"))).isEqualTo("prometheus");
        assertThat(str(at(sources.get(0), "url"))).isEqualTo("http://prometheus:9090");
        assertThat(containerPorts(map(services.get("prometheus")))).contains(9090);
    }

    @Test
    void modelServerIsAnOptionalProfile() {
        Map<String, Object> services = services(COMPOSE);
        List<String> inProfile = new ArrayList<>();
        for (var e : services.entrySet()) {
            if (list(map(e.getValue()).get("profiles")).contains("model-server")) {
                inProfile.add(e.getKey());
            }
        }
        assertThat(inProfile).as("services of profile model-server").isNotEmpty();
        for (String name : inProfile) {
            assertThat(Project.SERVICES)
                    .as("an Overton service is never optional")
                    .doesNotContain(name);
        }
        for (String s : Project.SERVICES) {
            assertThat(map(services.get(s)).get("profiles"))
                    .as("%s has no profile", s)
                    .isNull();
        }
    }

    @Test
    void dependenciesNameExistingServices() {
        Map<String, Object> services = services(COMPOSE);
        for (var e : services.entrySet()) {
            Object deps = map(e.getValue()).get("depends_on");
            List<String> names = deps instanceof Map<?, ?> m
                    ? m.keySet().stream().map(Object::toString).toList()
                    : list(deps).stream().map(Object::toString).toList();
            assertThat(services.keySet()).as("depends_on of %s", e.getKey()).containsAll(names);
        }
    }

    @Test
    void kafkaUsesThePartitionCountOfTheLocalBroker() {
        Map<String, String> env = environment(map(services(COMPOSE).get("kafka")));
        assertThat(Integer.parseInt(env.get("KAFKA_NUM_PARTITIONS")))
                .as("KAFKA_NUM_PARTITIONS in docker-compose.yml = num.partitions in infra/kafka/server.properties")
                .isEqualTo(ServiceConfig.partitions());
    }

    // ---- helpers ----

    @Test
    void everyServiceBoundsItsHeapWithinItsMemoryLimit() {
        Map<String, Object> services = services(COMPOSE);
        Map<String, Object> natives = services(NATIVE);
        for (ServiceConfig c : CONFIGS.values()) {
            Map<String, Object> s = map(services.get(c.name()));
            String where = "docker-compose.yml " + c.name();
            assertThat(s.get("mem_limit")).as("%s: mem_limit", where).isNotNull();
            long limit = HeapSettings.bytes(str(s.get("mem_limit")));
            String opts = environment(s).get(ServiceConfig.JAVA_OPTS_APPEND);
            assertThat(HeapSettings.maxRamPercentage(opts))
                    .as(
                            "%s: %s sets -XX:MaxRAMPercentage (the heap as a share of mem_limit)",
                            where, ServiceConfig.JAVA_OPTS_APPEND)
                    .hasValueSatisfying(
                            p -> assertThat(p).isGreaterThan(0).isLessThanOrEqualTo(HeapSettings.MAX_PERCENT));
            assertThat(HeapSettings.xmxBytes(opts))
                    .as("%s: no -Xmx beside the percentage", where)
                    .isEmpty();

            // The native executable takes no JVM options: its heap is an argument after the Dockerfile's ENTRYPOINT.
            Map<String, Object> n = map(natives.get(c.name()));
            String command = String.join(
                    " ", list(n.get("command")).stream().map(Project::str).toList());
            assertThat(HeapSettings.xmxBytes(command))
                    .as("docker-compose.native.yml %s: command gives -Xmx", c.name())
                    .hasValueSatisfying(x -> assertThat(x)
                            .as(
                                    "docker-compose.native.yml %s: -Xmx below the mem_limit of docker-compose.yml",
                                    c.name())
                            .isLessThanOrEqualTo((long) (limit * HeapSettings.MAX_PERCENT / 100)));
        }
    }

    private static void assertBuild(Map<String, Object> s, ServiceConfig c, String dockerfile, String where) {
        String context = str(at(s, "build", "context"));
        assertThat(context).as("%s: build context", where).isIn("./" + c.name(), c.name());
        String file = str(at(s, "build", "dockerfile"));
        assertThat(file).as("%s: dockerfile", where).endsWith("/" + dockerfile);
        Path path = Project.path(c.name()).resolve(file);
        assertThat(path).as("%s: dockerfile", where).isRegularFile();
        assertThat(exposedPorts(path))
                .as("%s: EXPOSE in %s", where, Project.relative(path))
                .contains(c.httpPort());
    }

    static List<Integer> exposedPorts(Path dockerfile) {
        List<Integer> ports = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s*EXPOSE\\s+(.+)$").matcher(Project.read(dockerfile));
        while (m.find()) {
            for (String p : m.group(1).trim().split("\\s+")) {
                ports.add(Integer.parseInt(p.replaceAll("/.*", "")));
            }
        }
        return ports;
    }

    /** Container-side ports of a compose service ({@code ports} in short or long syntax, and {@code expose}). */
    static List<Integer> containerPorts(Map<String, Object> service) {
        List<Integer> ports = new ArrayList<>();
        for (Object p : list(service.get("ports"))) {
            if (p instanceof Map<?, ?> m) {
                ports.add(Integer.parseInt(str(m.get("target"))));
            } else {
                String spec = Project.composeDefaults(str(p)).replaceAll("/.*", "");
                ports.add(Integer.parseInt(spec.substring(spec.lastIndexOf(':') + 1)));
            }
        }
        for (Object p : list(service.get("expose"))) {
            ports.add(Integer.parseInt(str(p).replaceAll("/.*", "")));
        }
        return ports;
    }

    static String healthCheck(Map<String, Object> service) {
        Object test = at(service, "healthcheck", "test");
        assertThat(test).as("health check").isNotNull();
        return test instanceof List<?> l
                ? String.join(" ", l.stream().map(Object::toString).toList())
                : str(test);
    }

    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object e = service.get("environment");
        if (e instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(str(k), str(v)));
        } else {
            for (Object item : list(e)) {
                String s = str(item);
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            }
        }
        return env;
    }

    /** A compose environment with {@code ${VAR:-default}} interpolated to its defaults. */
    static Map<String, String> composeValues(Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        env.forEach((k, v) -> values.put(k, Project.composeDefaults(v)));
        return values;
    }

    /** Whether the compose volume mounted at {@code target} is read-only ({@code :ro} or {@code read_only}). */
    static boolean volumeReadOnly(Map<String, Object> service, String target) {
        for (Object v : list(service.get("volumes"))) {
            if (v instanceof Map<?, ?> m) {
                if (target.equals(str(m.get("target")))) {
                    return Boolean.TRUE.equals(m.get("read_only"));
                }
            } else {
                String[] parts = str(v).split(":");
                if (parts.length > 1 && target.equals(parts[1])) {
                    return parts.length > 2 && List.of(parts[2].split(",")).contains("ro");
                }
            }
        }
        return false;
    }

    /** Bind mounts of a compose service: source → target. */
    static Map<String, String> mounts(Map<String, Object> service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Object v : list(service.get("volumes"))) {
            if (v instanceof Map<?, ?> m) {
                mounts.put(str(m.get("source")), str(m.get("target")));
            } else {
                String[] parts = str(v).split(":");
                mounts.put(parts[0], parts.length > 1 ? parts[1] : parts[0]);
            }
        }
        return mounts;
    }

    /** The repository name of an image reference without registry, namespace or tag. */
    static String imageName(String image) {
        assertThat(image).as("image").isNotNull();
        String ref = Project.composeDefaults(image);
        int at = ref.indexOf('@');
        if (at >= 0) {
            ref = ref.substring(0, at);
        }
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        if (colon > slash) {
            ref = ref.substring(0, colon);
        }
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}

package dev.overton.deploytests;

import static dev.overton.deploytests.KubernetesObjects.baseObject;
import static dev.overton.deploytests.KubernetesObjects.container;
import static dev.overton.deploytests.KubernetesObjects.objects;
import static dev.overton.deploytests.Project.at;
import static dev.overton.deploytests.Project.list;
import static dev.overton.deploytests.Project.map;
import static dev.overton.deploytests.Project.str;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.overton.deploytests.Kustomize.Located;

/**
 * The objects of deploy/k8s/base (Deployments, Services, disruption budgets, the ConfigMap) against the services'
 * configuration: ports, probes, image, exactly the environment each service reads, JVM options and heap, and agreement
 * with docker-compose.yml. The overlays and components are {@link KubernetesOverlaysTest}'s.
 */
class KubernetesBaseTest {

    private static final Map<String, ServiceConfig> CONFIGS = ServiceConfig.all();

    @Test
    void baseHasADeploymentServiceAndDisruptionBudgetPerService() {
        for (ServiceConfig c : CONFIGS.values()) {
            Map<String, Object> d = baseObject("Deployment", c.name());
            Map<String, Object> labels = map(at(d, "spec", "template", "metadata", "labels"));
            Map<String, Object> selector = map(at(d, "spec", "selector", "matchLabels"));
            assertThat(labels)
                    .as("Deployment %s: template labels contain the selector", c.name())
                    .containsAllEntriesOf(selector);

            Map<String, Object> svc = baseObject("Service", c.name());
            assertThat(labels)
                    .as("Service %s selects the Deployment's pods", c.name())
                    .containsAllEntriesOf(map(at(svc, "spec", "selector")));
            List<Object> ports = list(at(svc, "spec", "ports"));
            assertThat(ports).as("Service %s ports", c.name()).hasSize(1);
            assertThat(at(ports.get(0), "port")).as("Service %s port", c.name()).isEqualTo(c.httpPort());
            assertThat(str(at(ports.get(0), "targetPort"))).isIn("http", String.valueOf(c.httpPort()));
            assertThat(str(at(ports.get(0), "name"))).isEqualTo("http");

            Map<String, Object> pdb = baseObject("PodDisruptionBudget", c.name());
            assertThat(labels)
                    .as("PodDisruptionBudget %s selects the Deployment's pods", c.name())
                    .containsAllEntriesOf(map(at(pdb, "spec", "selector", "matchLabels")));
            assertThat(map(pdb.get("spec")))
                    .as("PodDisruptionBudget %s", c.name())
                    .containsAnyOf(Map.entry("maxUnavailable", 1), Map.entry("minAvailable", 1));
        }
    }

    @Test
    void deploymentsUseTheServicePortProbesAndImage() {
        for (ServiceConfig c : CONFIGS.values()) {
            Map<String, Object> d = baseObject("Deployment", c.name());
            Map<String, Object> ct = container(d, c.name());
            String where = "base Deployment " + c.name();

            assertThat(ComposeTest.imageName(str(ct.get("image"))))
                    .as("%s: image", where)
                    .isEqualTo(c.name());
            List<Object> ports = list(ct.get("ports"));
            assertThat(ports).as("%s: ports", where).hasSize(1);
            assertThat(at(ports.get(0), "containerPort"))
                    .as("%s: containerPort", where)
                    .isEqualTo(c.httpPort());
            assertThat(str(at(ports.get(0), "name"))).isEqualTo("http");

            assertProbe(ct, "livenessProbe", "/q/health/live", c, where);
            assertProbe(ct, "readinessProbe", "/q/health/ready", c, where);
            if (ct.get("startupProbe") != null) {
                assertThat(str(at(ct, "startupProbe", "httpGet", "path")))
                        .as("%s: startupProbe path", where)
                        .isIn("/q/health/live", "/q/health/started", "/q/health/ready");
            }

            for (String kind : List.of("requests", "limits")) {
                assertThat(map(at(ct, "resources", kind)))
                        .as("%s: resources.%s", where, kind)
                        .containsKeys("cpu", "memory");
            }

            Map<String, Object> annotations = map(at(d, "spec", "template", "metadata", "annotations"));
            assertThat(annotations)
                    .as("%s: prometheus.io annotations", where)
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/path", "/q/metrics")
                    .containsEntry("prometheus.io/port", String.valueOf(c.httpPort()));
        }
    }

    private static void assertProbe(Map<String, Object> ct, String probe, String path, ServiceConfig c, String where) {
        assertThat(str(at(ct, probe, "httpGet", "path")))
                .as("%s: %s path", where, probe)
                .isEqualTo(path);
        assertThat(str(at(ct, probe, "httpGet", "port")))
                .as("%s: %s port", where, probe)
                .isIn("http", String.valueOf(c.httpPort()));
    }

    @Test
    void deploymentsSetExactlyTheEnvironmentTheServicesRead() {
        Map<String, Object> config =
                map(baseObject("ConfigMap", "overton-config").get("data"));
        Map<String, Object> secret = baseObject("Secret", "overton-db");
        Set<String> secretKeys = new TreeSet<>();
        secretKeys.addAll(map(secret.get("stringData")).keySet());
        secretKeys.addAll(map(secret.get("data")).keySet());

        for (ServiceConfig c : CONFIGS.values()) {
            Map<String, Object> ct = container(baseObject("Deployment", c.name()), c.name());
            String where = "base Deployment " + c.name();
            assertThat(ct.get("envFrom"))
                    .as("%s: no envFrom (every variable is listed)", where)
                    .isNull();
            Map<String, Map<String, Object>> env = new LinkedHashMap<>();
            for (Object e : list(ct.get("env"))) {
                env.put(str(at(e, "name")), map(e));
            }
            assertThat(env.keySet())
                    .as(
                            "%s: environment (the service reads %s, optionally %s)",
                            where, c.envVars(), c.optionalEnvVars())
                    .containsAll(c.envVars())
                    .allMatch(v -> c.allowedEnvVars().contains(v), "are read by the service");

            for (var e : env.entrySet()) {
                Object cm = at(e.getValue(), "valueFrom", "configMapKeyRef");
                Object sk = at(e.getValue(), "valueFrom", "secretKeyRef");
                if (cm != null) {
                    assertThat(str(at(cm, "name")))
                            .as("%s %s", where, e.getKey())
                            .isEqualTo("overton-config");
                    assertThat(config)
                            .as("%s %s: key in ConfigMap overton-config", where, e.getKey())
                            .containsKey(str(at(cm, "key")));
                }
                if (sk != null && !Boolean.TRUE.equals(at(sk, "optional"))) {
                    assertThat(str(at(sk, "name")))
                            .as("%s %s", where, e.getKey())
                            .isEqualTo("overton-db");
                    assertThat(secretKeys)
                            .as("%s %s: key in Secret overton-db", where, e.getKey())
                            .contains(str(at(sk, "key")));
                }
            }
            assertThat(at(env.get("DB_PASSWORD"), "valueFrom", "secretKeyRef"))
                    .as("%s: DB_PASSWORD comes from a Secret", where)
                    .isNotNull();
            for (String v : c.credentialEnvVars()) {
                if (env.containsKey(v)) {
                    assertThat(at(env.get(v), "valueFrom", "secretKeyRef", "optional"))
                            .as("%s: %s (a credential) is an optional Secret reference", where, v)
                            .isEqualTo(true);
                }
            }
            assertThat(at(baseObject("Deployment", c.name()), "spec", "template", "spec", "enableServiceLinks"))
                    .as("%s: enableServiceLinks false, so Kubernetes adds no variables", where)
                    .isEqualTo(false);
        }
    }

    /** The base Deployment's environment of service {@code c}: name → the env entry. */
    private static Map<String, Map<String, Object>> baseEnv(ServiceConfig c) {
        Map<String, Map<String, Object>> env = new LinkedHashMap<>();
        for (Object e :
                list(container(baseObject("Deployment", c.name()), c.name()).get("env"))) {
            env.put(str(at(e, "name")), map(e));
        }
        return env;
    }

    /** The base Deployment's environment of {@code c} as the container sees it (ConfigMap keys resolved, Secrets not). */
    private static Map<String, String> containerEnv(ServiceConfig c) {
        Map<String, Object> config =
                map(baseObject("ConfigMap", "overton-config").get("data"));
        Map<String, String> env = new LinkedHashMap<>();
        for (var e : baseEnv(c).entrySet()) {
            Object key = at(e.getValue(), "valueFrom", "configMapKeyRef", "key");
            env.put(
                    e.getKey(),
                    key != null ? str(config.get(str(key))) : str(e.getValue().get("value")));
        }
        return env;
    }

    @Test
    void jvmOptionsKeepTheImagesAndAddWhatTheServiceNeeds() {
        for (ServiceConfig c : CONFIGS.values()) {
            Map<String, Object> d = baseObject("Deployment", c.name());
            Map<String, Object> ct = container(d, c.name());
            String where = "base Deployment " + c.name();
            Map<String, Object> entry = baseEnv(c).get(ServiceConfig.JAVA_OPTS_APPEND);
            if (entry != null) {
                assertThat(entry.get("value"))
                        .as(
                                "%s: %s is a literal value (it belongs to the JVM image, not to overton-config)",
                                where, ServiceConfig.JAVA_OPTS_APPEND)
                        .isNotNull();
            }
            String opts = entry == null ? null : str(entry.get("value"));
            assertThat(c.jvmOptionProblems(opts))
                    .as("%s: %s", where, ServiceConfig.JAVA_OPTS_APPEND)
                    .isEmpty();

            Map<String, Map<String, Object>> mounts = new LinkedHashMap<>();
            for (Object m : list(ct.get("volumeMounts"))) {
                mounts.put(str(at(m, "mountPath")), map(m));
            }
            Set<String> volumes = new TreeSet<>();
            for (Object v : list(at(d, "spec", "template", "spec", "volumes"))) {
                volumes.add(str(at(v, "name")));
            }
            for (Map<String, Object> m : mounts.values()) {
                assertThat(volumes)
                        .as("%s: volume of mount %s is defined", where, m.get("mountPath"))
                        .contains(str(m.get("name")));
            }
            for (String dir : ServiceConfig.cacheDirs(containerEnv(c))) {
                assertThat(mounts)
                        .as("%s: a volume is mounted at the cache folder %s", where, dir)
                        .containsKey(dir);
                assertThat(mounts.get(dir).get("readOnly"))
                        .as("%s: the cache volume at %s is writable", where, dir)
                        .isNotEqualTo(true);
            }
        }
    }

    @Test
    void everyDeploymentBoundsItsHeapAsAShareOfItsMemoryLimit() {
        for (ServiceConfig c : CONFIGS.values()) {
            Map<String, Object> ct = container(baseObject("Deployment", c.name()), c.name());
            String where = "base Deployment " + c.name();
            assertThat(at(ct, "resources", "limits", "memory"))
                    .as("%s: resources.limits.memory", where)
                    .isNotNull();
            Map<String, Object> entry = baseEnv(c).get(ServiceConfig.JAVA_OPTS_APPEND);
            assertThat(entry)
                    .as("%s: %s is set", where, ServiceConfig.JAVA_OPTS_APPEND)
                    .isNotNull();
            String opts = str(entry.get("value"));
            // A share, not -Xmx: the overlays change the limit, and the heap follows it.
            assertThat(HeapSettings.maxRamPercentage(opts))
                    .as("%s: %s sets -XX:MaxRAMPercentage", where, ServiceConfig.JAVA_OPTS_APPEND)
                    .hasValueSatisfying(
                            p -> assertThat(p).isGreaterThan(0).isLessThanOrEqualTo(HeapSettings.MAX_PERCENT));
            assertThat(HeapSettings.xmxBytes(opts))
                    .as("%s: no fixed -Xmx", where)
                    .isEmpty();
        }
        // No overlay drops the memory limit or replaces the JVM options without the heap share.
        for (Located d : objects("Deployment")) {
            if (!CONFIGS.containsKey(d.name())) {
                continue;
            }
            for (Object ct : list(at(d.doc(), "spec", "template", "spec", "containers"))) {
                Map<String, Object> resources = map(map(ct).get("resources"));
                if (resources.containsKey("limits")) {
                    assertThat(at(resources, "limits", "memory"))
                            .as("%s: %s sets limits with a memory limit", d.file(), d.name())
                            .isNotNull();
                }
                for (Object e : list(map(ct).get("env"))) {
                    if (ServiceConfig.JAVA_OPTS_APPEND.equals(str(at(e, "name")))) {
                        assertThat(HeapSettings.maxRamPercentage(str(at(e, "value"))))
                                .as(
                                        "%s: %s's %s keeps -XX:MaxRAMPercentage",
                                        d.file(), d.name(), ServiceConfig.JAVA_OPTS_APPEND)
                                .isPresent();
                    }
                }
            }
        }
    }

    @Test
    void everyKeyOfTheConfigMapIsReadByADeployment() {
        Set<String> read = new TreeSet<>();
        for (ServiceConfig c : CONFIGS.values()) {
            for (Map<String, Object> e : baseEnv(c).values()) {
                Object key = at(e, "valueFrom", "configMapKeyRef", "key");
                if (key != null) {
                    read.add(str(key));
                }
            }
        }
        assertThat(read)
                .as("keys of ConfigMap overton-config that some base Deployment reads (no forgotten settings)")
                .containsAll(map(baseObject("ConfigMap", "overton-config").get("data"))
                        .keySet());
    }

    @Test
    void baseAndComposeGiveTheServicesTheSameSettings() {
        Map<String, Object> compose =
                map(Project.yamlMap(Project.path("docker-compose.yml")).get("services"));
        for (ServiceConfig c : CONFIGS.values()) {
            Map<String, String> composeEnv =
                    ComposeTest.composeValues(ComposeTest.environment(map(compose.get(c.name()))));
            for (var e : containerEnv(c).entrySet()) {
                if (e.getValue() == null || !composeEnv.containsKey(e.getKey())) {
                    continue; // from a Secret, or not set in compose
                }
                assertThat(ServiceConfig.normalizeSpace(composeEnv.get(e.getKey())))
                        .as(
                                "%s %s: docker-compose.yml (defaults interpolated) and deploy/k8s/base agree",
                                c.name(), e.getKey())
                        .isEqualTo(ServiceConfig.normalizeSpace(e.getValue()));
            }
        }
    }
}

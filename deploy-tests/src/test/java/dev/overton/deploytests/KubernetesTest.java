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
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.overton.deploytests.Kustomize.Located;

/** The Kubernetes objects under deploy/k8s against the services' configuration. */
class KubernetesTest {

    private static final Map<String, ServiceConfig> CONFIGS = ServiceConfig.all();
    private static final List<Object> BASE = Kustomize.renderedInputs(Kustomize.BASE);
    private static final List<Located> ALL = Kustomize.allObjects();

    private static Map<String, Object> baseObject(String kind, String name) {
        return BASE.stream()
                .map(Project::map)
                .filter(d -> kind.equals(str(d.get("kind"))) && name.equals(str(at(d, "metadata", "name"))))
                .findFirst()
                .orElseThrow(() -> new AssertionError("deploy/k8s/base has no " + kind + "/" + name));
    }

    private static List<Located> objects(String kind) {
        return ALL.stream().filter(o -> kind.equals(o.kind())).toList();
    }

    private static Map<String, Object> container(Map<String, Object> deployment, String name) {
        return list(at(deployment, "spec", "template", "spec", "containers")).stream()
                .map(Project::map)
                .filter(c -> name.equals(str(c.get("name"))))
                .findFirst()
                .orElseThrow(() -> new AssertionError("Deployment " + name + " has no container " + name));
    }

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

    @Test
    void patchesOfServiceDeploymentsNameTheirContainerCorrectly() {
        for (Located o : objects("Deployment")) {
            if (!CONFIGS.containsKey(o.name())) {
                continue;
            }
            for (Object c : list(at(o.doc(), "spec", "template", "spec", "containers"))) {
                assertThat(str(at(c, "name")))
                        .as("%s: a container named otherwise would be added, not patched", o.where())
                        .isEqualTo(o.name());
                if (at(c, "env") != null) {
                    for (Object e : list(at(c, "env"))) {
                        assertThat(CONFIGS.get(o.name()).allowedEnvVars())
                                .as("%s: env var read by the service", o.where())
                                .contains(str(at(e, "name")));
                    }
                }
            }
        }
    }

    @Test
    void configMapPatchesOnlySetKeysTheBaseDefines() {
        Set<String> keys =
                map(baseObject("ConfigMap", "overton-config").get("data")).keySet();
        for (Located o : objects("ConfigMap")) {
            if ("overton-config".equals(o.name())) {
                assertThat(keys)
                        .as("%s: keys", o.where())
                        .containsAll(map(o.doc().get("data")).keySet());
            }
        }
    }

    @Test
    void scorerScalesOnItsConsumerLagUpToThePartitionCount() {
        int partitions = ServiceConfig.partitions();
        ServiceConfig.Channel scorer = CONFIGS.get("scorer-service").consumerOf("sample-sets");
        List<Located> scaled = objects("ScaledObject");
        assertThat(scaled).as("KEDA ScaledObjects under deploy/k8s").isNotEmpty();
        for (Located o : scaled) {
            Map<String, Object> spec = map(o.doc().get("spec"));
            if (spec.containsKey("maxReplicaCount")) {
                assertThat(((Number) spec.get("maxReplicaCount")).intValue())
                        .as("%s: maxReplicaCount <= %d partitions of sample-sets", o.where(), partitions)
                        .isBetween(1, partitions);
            }
            if (spec.containsKey("scaleTargetRef")) {
                assertThat(str(at(spec, "scaleTargetRef", "name"))).isEqualTo("scorer-service");
            }
            for (Object t : list(spec.get("triggers"))) {
                assertThat(str(at(t, "type"))).as("%s: trigger type", o.where()).isEqualTo("kafka");
                Map<String, Object> md = map(at(t, "metadata"));
                assertThat(str(md.get("consumerGroup")))
                        .as("%s: consumerGroup = scorer's group.id", o.where())
                        .isEqualTo(scorer.groupId());
                assertThat(str(md.get("topic"))).as("%s: topic", o.where()).isEqualTo(scorer.topic());
                assertThat(str(md.get("allowIdleConsumers")))
                        .as("%s: allowIdleConsumers", o.where())
                        .isNotEqualTo("true");
                assertThat(str(md.get("bootstrapServers")))
                        .as("%s: bootstrapServers = kafka-bootstrap-servers of the same folder's ConfigMap", o.where())
                        .isEqualTo(kafkaServersFor(o.file().getParent()));
            }
        }
        Map<String, Object> keda = map(Kustomize.renderedInputs(Kustomize.K8S.resolve("components/keda-scorer"))
                .get(0));
        assertThat(at(keda, "spec", "maxReplicaCount"))
                .as("the KEDA ceiling is the partition count")
                .isEqualTo(partitions);
        for (Located o : objects("HorizontalPodAutoscaler")) {
            assertThat(((Number) at(o.doc(), "spec", "maxReplicas")).intValue())
                    .as("%s: maxReplicas <= %d partitions", o.where(), partitions)
                    .isBetween(1, partitions);
            assertThat(str(at(o.doc(), "spec", "scaleTargetRef", "name"))).isEqualTo("scorer-service");
        }
    }

    /** kafka-bootstrap-servers of the ConfigMap overton-config in {@code dir}, or else of the base. */
    private static String kafkaServersFor(Path dir) {
        for (Located o : objects("ConfigMap")) {
            if ("overton-config".equals(o.name()) && o.file().getParent().equals(dir)) {
                return str(at(o.doc(), "data", "kafka-bootstrap-servers"));
            }
        }
        return str(at(baseObject("ConfigMap", "overton-config"), "data", "kafka-bootstrap-servers"));
    }

    @Test
    void partitionCountIsTheSameEverywhere() {
        int partitions = ServiceConfig.partitions();
        for (Located o : objects("Deployment")) {
            if ("kafka".equals(o.name())) {
                for (Object c : list(at(o.doc(), "spec", "template", "spec", "containers"))) {
                    for (Object e : list(at(c, "env"))) {
                        if ("KAFKA_NUM_PARTITIONS".equals(str(at(e, "name")))) {
                            assertThat(Integer.parseInt(str(at(e, "value"))))
                                    .as("%s: KAFKA_NUM_PARTITIONS", o.where())
                                    .isEqualTo(partitions);
                        }
                    }
                }
            }
        }
    }

    @Test
    void serviceMonitorsScrapeQMetricsOnTheServicesHttpPort() {
        List<Located> monitors = objects("ServiceMonitor");
        assertThat(monitors).as("ServiceMonitors under deploy/k8s").isNotEmpty();
        Map<String, Object> baseLabels = new LinkedHashMap<>();
        for (Object l : list(Kustomize.kustomization(Kustomize.BASE).get("labels"))) {
            baseLabels.putAll(map(at(l, "pairs")));
        }
        for (Located o : monitors) {
            List<Object> endpoints = list(at(o.doc(), "spec", "endpoints"));
            assertThat(endpoints).as("%s: endpoints", o.where()).isNotEmpty();
            for (Object e : endpoints) {
                assertThat(str(at(e, "path"))).as("%s: path", o.where()).isEqualTo("/q/metrics");
                assertThat(str(at(e, "port"))).as("%s: port name", o.where()).isEqualTo("http");
            }
            Map<String, Object> selector = map(at(o.doc(), "spec", "selector", "matchLabels"));
            for (String s : CONFIGS.keySet()) {
                Map<String, Object> labels =
                        new LinkedHashMap<>(map(at(baseObject("Service", s), "metadata", "labels")));
                labels.putAll(baseLabels);
                assertThat(labels).as("%s selects Service %s", o.where(), s).containsAllEntriesOf(selector);
            }
        }
    }

    @Test
    void overlayImagesKeepTheServiceNames() {
        for (Path dir : Kustomize.kustomizationDirs()) {
            for (Object i : list(Kustomize.kustomization(dir).get("images"))) {
                String name = str(at(i, "name"));
                String where = Project.relative(dir) + " images " + name;
                assertThat(CONFIGS.keySet()).as(where).contains(ComposeTest.imageName(name));
                String newName = str(at(i, "newName"));
                if (newName != null) {
                    assertThat(ComposeTest.imageName(newName))
                            .as(where + " newName")
                            .isEqualTo(ComposeTest.imageName(name));
                }
            }
        }
    }

    @Test
    void noSecretValueOtherThanPlaceholdersOrDevelopmentPasswords() {
        List<String> found = new ArrayList<>();
        for (Located o : objects("Secret")) {
            for (Object v : map(o.doc().get("stringData")).values()) {
                found.add(o.where() + "=" + v);
            }
            assertThat(map(o.doc().get("data")))
                    .as("%s: no base64 data in git", o.where())
                    .isEmpty();
        }
        assertThat(found).allMatch(s -> s.endsWith("=change-me"), "placeholder values only");
    }
}

package dev.overton.deploytests;

import static dev.overton.deploytests.KubernetesObjects.baseObject;
import static dev.overton.deploytests.KubernetesObjects.objects;
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

import org.junit.jupiter.api.Test;

import dev.overton.deploytests.Kustomize.Located;

/**
 * The Kubernetes objects of every overlay and component under deploy/k8s (with the base's): patches that name their
 * container and keys, scaling bounded by the partition count, ServiceMonitors, image names and Secret placeholders. The
 * base objects against the services' configuration are {@link KubernetesBaseTest}'s.
 */
class KubernetesOverlaysTest {

    private static final Map<String, ServiceConfig> CONFIGS = ServiceConfig.all();

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

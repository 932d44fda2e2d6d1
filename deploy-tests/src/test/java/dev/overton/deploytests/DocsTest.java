package dev.overton.deploytests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * docs/operations.md keeps up with what deployments can set and what operators see: every environment variable a
 * service may be given, every topic, and every Overton metric the dashboards and alert rules use are named there.
 */
class DocsTest {

    private static final Path OPERATIONS = Project.path("docs/operations.md");
    private static final Map<String, ServiceConfig> CONFIGS = ServiceConfig.all();

    @Test
    void everyEnvironmentVariableIsDocumented() {
        String docs = Project.read(OPERATIONS);
        for (ServiceConfig c : CONFIGS.values()) {
            Set<String> vars = new TreeSet<>(c.allowedEnvVars());
            // The image's start script reads LANGUAGE and JAVA_APP_JAR too; only the JVM options are ours to set.
            vars.removeIf(v -> c.imageEnv().containsKey(v) && !ServiceConfig.JAVA_OPTS_APPEND.equals(v));
            for (String v : vars) {
                assertThat(docs)
                        .as("docs/operations.md names %s (read by %s)", v, c.name())
                        .contains("`" + v + "`");
            }
        }
    }

    @Test
    void everyTopicIsDocumented() {
        String docs = Project.read(OPERATIONS);
        for (ServiceConfig c : CONFIGS.values()) {
            for (String topic : c.topics()) {
                assertThat(docs)
                        .as("docs/operations.md names topic %s (%s)", topic, c.name())
                        .contains("`" + topic + "`");
            }
        }
    }

    @Test
    void everyOvertonMetricOfTheDashboardsAndRulesIsDocumented() {
        Set<String> used = new TreeSet<>();
        for (Path dashboard : GrafanaTest.dashboards()) {
            for (GrafanaTest.Query q : GrafanaTest.queries(dashboard)) {
                used.addAll(PromQl.metricNames(q.expr()));
            }
        }
        for (Object g : Project.list(
                Project.yamlMap(Project.path("deploy/prometheus/alerts.yml")).get("groups"))) {
            for (Object r : Project.list(Project.at(g, "rules"))) {
                used.addAll(PromQl.metricNames(Project.str(Project.at(r, "expr"))));
            }
        }
        String docs = Project.read(OPERATIONS);
        for (String metric : used) {
            if (!metric.startsWith("overton_")) {
                continue;
            }
            // Timers and summaries are documented once, as name_{count,sum,max} or name_*.
            String base = metric.replaceAll("_(count|sum|max|bucket)$", "");
            assertThat(docs.contains("`" + metric + "`")
                            || docs.contains("`" + base + "_{")
                            || docs.contains("`" + base + "_*`"))
                    .as("docs/operations.md documents %s, which a dashboard or alert rule uses", metric)
                    .isTrue();
        }
    }
}

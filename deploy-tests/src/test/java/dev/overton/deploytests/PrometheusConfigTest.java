package dev.overton.deploytests;

import static dev.overton.deploytests.Project.at;
import static dev.overton.deploytests.Project.list;
import static dev.overton.deploytests.Project.map;
import static dev.overton.deploytests.Project.str;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** deploy/prometheus (scrape configuration, alert rules) and its Kubernetes counterparts. */
class PrometheusConfigTest {

    private static final Path PROMETHEUS = Project.path("deploy/prometheus/prometheus.yml");
    private static final Path ALERTS = Project.path("deploy/prometheus/alerts.yml");
    private static final Path K8S_SCRAPE = Project.path("deploy/k8s/prometheus/scrape-configs.yml");
    private static final Path RULE_TESTS = Project.path("deploy/prometheus/tests");
    private static final Path PROMETHEUS_RULE = Project.path("deploy/k8s/components/monitoring/prometheusrule.yaml");
    private static final Map<String, ServiceConfig> CONFIGS = ServiceConfig.all();

    @Test
    void composePrometheusScrapesQMetricsOfEveryServiceOnItsPort() {
        Map<String, Object> config = Project.yamlMap(PROMETHEUS);
        assertOneQMetricsJobPerService(config, (job, sc) -> {
            ServiceConfig c = CONFIGS.get(job);
            assertThat(c).as("job %s is named after a service", job).isNotNull();
            List<String> targets = new ArrayList<>();
            for (Object s : list(at(sc, "static_configs"))) {
                list(at(s, "targets")).forEach(t -> targets.add(str(t)));
            }
            // bin/prometheus-check rewrites exactly these to 127.0.0.1:<port>.
            assertThat(targets).as("job %s: targets", job).containsExactly(job + ":" + c.httpPort());
        });
        for (Object f : list(config.get("rule_files"))) {
            assertThat(PROMETHEUS.resolveSibling(str(f))).as("rule file %s", f).isRegularFile();
        }
        assertThat(list(config.get("rule_files"))).contains("alerts.yml");
    }

    @Test
    void kubernetesScrapeConfigsKeepEachServiceAndScrapeQMetrics() {
        Map<String, Object> config = Project.yamlMap(K8S_SCRAPE);
        assertOneQMetricsJobPerService(config, (job, sc) -> {
            boolean keepsOwnPods = list(at(sc, "relabel_configs")).stream()
                    .anyMatch(r -> "keep".equals(str(at(r, "action")))
                            && job.equals(str(at(r, "regex")))
                            && list(at(r, "source_labels"))
                                    .contains("__meta_kubernetes_pod_label_app_kubernetes_io_name"));
            assertThat(keepsOwnPods).as("job %s keeps only its own pods", job).isTrue();
        });
    }

    /**
     * Checks that the scrape jobs of {@code config} are one per service, named after it, each scraping {@code
     * /q/metrics}, and hands each job's name and entry to {@code check} for what that file must say of its targets.
     */
    private static void assertOneQMetricsJobPerService(Map<String, Object> config, BiConsumer<String, Object> check) {
        Set<String> jobs = new TreeSet<>();
        for (Object sc : list(config.get("scrape_configs"))) {
            String job = str(at(sc, "job_name"));
            jobs.add(job);
            assertThat(str(at(sc, "metrics_path")))
                    .as("job %s: metrics_path", job)
                    .isEqualTo("/q/metrics");
            check.accept(job, sc);
        }
        assertThat(jobs).containsExactlyInAnyOrderElementsOf(CONFIGS.keySet());
    }

    @Test
    void alertRulesAreCompleteAndUseKnownMetrics() {
        Set<String> known = KnownMetrics.all();
        Set<String> alerts = new TreeSet<>();
        Set<String> used = new TreeSet<>();
        for (Object g : list(Project.yamlMap(ALERTS).get("groups"))) {
            for (Object r : list(at(g, "rules"))) {
                String name = str(at(r, "alert"));
                assertThat(name)
                        .as("every rule is an alert (no recording rules here)")
                        .isNotNull();
                assertThat(alerts.add(name)).as("alert %s is unique", name).isTrue();
                String expr = str(at(r, "expr"));
                assertThat(expr).as("%s: expr", name).isNotBlank();
                assertThat(str(at(r, "labels", "severity")))
                        .as("%s: severity", name)
                        .isIn("warning", "critical");
                assertThat(str(at(r, "annotations", "summary")))
                        .as("%s: summary", name)
                        .isNotBlank();
                assertThat(str(at(r, "annotations", "description")))
                        .as("%s: description", name)
                        .isNotBlank();
                Set<String> metrics = PromQl.metricNames(expr);
                assertThat(metrics).as("%s selects metrics", name).isNotEmpty();
                assertThat(known).as("%s: metric names in %s", name, expr).containsAll(metrics);
                used.addAll(metrics);
            }
        }
        assertThat(alerts)
                .contains(
                        "OvertonConsumerLagGrowing",
                        "OvertonDeadLetters",
                        "OvertonJudgeFailures",
                        "OvertonJudgeFailureRatioHigh",
                        "OvertonGenerationFailures",
                        "OvertonCompletionsFailing",
                        "OvertonDiversityRegression");
        assertThat(used)
                .as("lag, dead letters, judge failures, generation and completion failures are watched")
                .contains(
                        "kafka_consumer_fetch_manager_records_lag_max",
                        "overton_consumer_records_total",
                        "overton_judge_failures_total",
                        "overton_generation_sets_total",
                        "overton_generation_completions_total",
                        "overton_monitor_alarm");
    }

    @Test
    void diversityRegressionFiresPerMonitorVariantAndMetricWithARunbook() {
        Object rule = rule("OvertonDiversityRegression");
        String expr = str(at(rule, "expr"));
        assertThat(PromQl.metricNames(expr)).containsExactly("overton_monitor_alarm");
        assertThat(expr)
                .as("one alert per monitor, variant and metric however many scorers export the gauge")
                .contains("by (monitor, variant, metric)")
                .endsWith("== 1");
        assertThat(str(at(rule, "for"))).as("for").isNotBlank();
        String summary = str(at(rule, "annotations", "summary"));
        for (String label : List.of("monitor", "variant", "metric")) {
            assertThat(summary).as("the summary names the %s", label).contains("{{ $labels." + label + " }}");
        }
        String runbook = str(at(rule, "annotations", "runbook_url"));
        assertThat(runbook).startsWith("docs/monitors.md#");
        String anchor = runbook.substring(runbook.indexOf('#') + 1);
        assertThat(Project.read(Project.path("docs/monitors.md"))
                        .lines()
                        .filter(l -> l.startsWith("#"))
                        .map(PrometheusConfigTest::githubAnchor))
                .as("docs/monitors.md has the runbook's heading #%s", anchor)
                .contains(anchor);
    }

    @Test
    void everyRuleUnitTestLoadsAlertsYmlAndTheMonitorAlertIsTested() {
        List<Path> tests = Project.files(RULE_TESTS, ".test.yml");
        assertThat(tests)
                .as("promtool rule tests in %s", Project.relative(RULE_TESTS))
                .isNotEmpty();
        Set<String> tested = new TreeSet<>();
        for (Path test : tests) {
            Map<String, Object> file = Project.yamlMap(test);
            assertThat(list(file.get("rule_files")))
                    .as("%s loads ../alerts.yml", Project.relative(test))
                    .containsExactly("../alerts.yml");
            for (Object t : list(file.get("tests"))) {
                for (Object a : list(at(t, "alert_rule_test"))) {
                    tested.add(str(at(a, "alertname")));
                }
            }
        }
        assertThat(tested).contains("OvertonDiversityRegression");
    }

    /**
     * Runs Prometheus's own rule unit tests ({@code promtool test rules}) when promtool is installed (Debian's
     * {@code prometheus} package; bin/prometheus-check, which CI runs, installs it and runs them as well).
     */
    @Test
    void ruleUnitTestsPassUnderPromtool() throws Exception {
        String promtool = Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst()
                .orElse(null);
        Assumptions.assumeTrue(promtool != null, "promtool is not installed (apt-get install prometheus)");
        List<String> command = new ArrayList<>(List.of(promtool, "test", "rules"));
        Project.files(RULE_TESTS, ".test.yml").forEach(f -> command.add(f.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("promtool finished")
                .isTrue();
        assertThat(process.exitValue()).as("promtool test rules:%n%s", output).isZero();
    }

    private static Object rule(String alert) {
        for (Object g : list(Project.yamlMap(ALERTS).get("groups"))) {
            for (Object r : list(at(g, "rules"))) {
                if (alert.equals(str(at(r, "alert")))) {
                    return r;
                }
            }
        }
        throw new AssertionError("no alert " + alert + " in deploy/prometheus/alerts.yml");
    }

    /** The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, spaces to hyphens. */
    private static String githubAnchor(String heading) {
        return heading.replaceFirst("^#+\\s*", "")
                .strip()
                .toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9 _-]", "")
                .replace(' ', '-');
    }

    @Test
    void prometheusRuleCarriesTheSameGroupsAsAlertsYml() {
        Map<String, Object> rule = Project.yamlMap(PROMETHEUS_RULE);
        assertThat(str(rule.get("kind"))).isEqualTo("PrometheusRule");
        assertThat(at(rule, "spec", "groups"))
                .as(
                        "spec.groups of %s equal the groups of deploy/prometheus/alerts.yml",
                        Project.relative(PROMETHEUS_RULE))
                .isEqualTo(map(Project.yamlMap(ALERTS)).get("groups"));
    }
}

package dev.overton.deploytests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Grafana dashboards: valid dashboard JSON whose queries select only metrics the services export. */
class GrafanaTest {

    private static final Path DASHBOARDS = Project.path("deploy/grafana/dashboards");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> BUILTIN_VARIABLES =
            Set.of("__rate_interval", "__interval", "__interval_ms", "__range", "__range_s", "__range_ms", "__name");

    record Query(String dashboard, String panel, String expr) {}

    static List<Path> dashboards() {
        List<Path> files = Project.files(DASHBOARDS, ".json");
        assertThat(files).as("dashboards in deploy/grafana/dashboards").isNotEmpty();
        return files;
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("invalid JSON in " + Project.relative(file), e);
        }
    }

    /** Panels, including those nested in collapsed rows. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            all.add(p);
            for (JsonNode nested : p.path("panels")) {
                all.add(nested);
            }
        }
        return all;
    }

    static List<Query> queries(Path file) {
        JsonNode d = read(file);
        List<Query> queries = new ArrayList<>();
        for (JsonNode p : panels(d)) {
            for (JsonNode t : p.path("targets")) {
                if (t.hasNonNull("expr")) {
                    queries.add(new Query(
                            file.getFileName().toString(),
                            p.path("title").asText(),
                            t.get("expr").asText()));
                }
            }
        }
        for (JsonNode a : d.path("annotations").path("list")) {
            if (a.hasNonNull("expr")) {
                queries.add(new Query(
                        file.getFileName().toString(),
                        "annotation " + a.path("name").asText(),
                        a.get("expr").asText()));
            }
        }
        return queries;
    }

    @Test
    void dashboardsAreWellFormed() {
        Set<String> uids = new HashSet<>();
        for (Path file : dashboards()) {
            JsonNode d = read(file);
            String where = Project.relative(file);
            assertThat(d.path("uid").asText()).as("%s: uid", where).isNotBlank().hasSizeLessThanOrEqualTo(40);
            assertThat(uids.add(d.path("uid").asText()))
                    .as("%s: uid is unique", where)
                    .isTrue();
            assertThat(d.path("title").asText()).as("%s: title", where).isNotBlank();
            assertThat(d.path("schemaVersion").asInt())
                    .as("%s: schemaVersion", where)
                    .isGreaterThanOrEqualTo(36);
            assertThat(d.has("id") && !d.get("id").isNull())
                    .as("%s: no instance-specific id", where)
                    .isFalse();

            Set<Integer> ids = new HashSet<>();
            List<JsonNode> panels = panels(d);
            assertThat(panels).as("%s: panels", where).isNotEmpty();
            for (JsonNode p : panels) {
                String panel = where + " panel '" + p.path("title").asText() + "'";
                assertThat(ids.add(p.path("id").asInt()))
                        .as("%s: id unique", panel)
                        .isTrue();
                JsonNode grid = p.path("gridPos");
                assertThat(grid.path("w").asInt()).as("%s: width", panel).isBetween(1, 24);
                assertThat(grid.path("x").asInt() + grid.path("w").asInt())
                        .as("%s: fits 24 columns", panel)
                        .isLessThanOrEqualTo(24);
                assertThat(grid.path("h").asInt()).as("%s: height", panel).isPositive();
                if ("row".equals(p.path("type").asText())) {
                    continue;
                }
                assertThat(p.path("type").asText())
                        .as("%s: type", panel)
                        .isIn(
                                "timeseries",
                                "stat",
                                "table",
                                "bargauge",
                                "gauge",
                                "barchart",
                                "heatmap",
                                "text",
                                "piechart",
                                "state-timeline");
                if (!"text".equals(p.path("type").asText())) {
                    assertThat(p.path("targets").size())
                            .as("%s: queries", panel)
                            .isPositive();
                    assertThat(p.path("datasource").path("uid").asText())
                            .as("%s: data source is the ${datasource} variable", panel)
                            .isEqualTo("${datasource}");
                }
                Set<String> refIds = new HashSet<>();
                for (JsonNode t : p.path("targets")) {
                    assertThat(refIds.add(t.path("refId").asText()))
                            .as("%s: refId unique", panel)
                            .isTrue();
                    assertThat(t.path("expr").asText()).as("%s: expr", panel).isNotBlank();
                }
            }
        }
    }

    @Test
    void everyQuerySelectsOnlyKnownMetricsAndDefinedVariables() {
        Set<String> known = KnownMetrics.all();
        for (Path file : dashboards()) {
            JsonNode d = read(file);
            Set<String> defined = new HashSet<>(BUILTIN_VARIABLES);
            boolean datasourceVariable = false;
            for (JsonNode v : d.path("templating").path("list")) {
                defined.add(v.path("name").asText());
                if ("datasource".equals(v.path("type").asText())
                        && "prometheus".equals(v.path("query").asText())) {
                    datasourceVariable = true;
                }
                if ("query".equals(v.path("type").asText())) {
                    String q = v.path("query").isObject()
                            ? v.path("query").path("query").asText()
                            : v.path("query").asText();
                    assertThat(known)
                            .as(
                                    "%s variable %s: metric names in %s",
                                    Project.relative(file), v.path("name").asText(), q)
                            .containsAll(PromQl.variableQueryMetricNames(q));
                }
            }
            assertThat(datasourceVariable)
                    .as("%s: has a Prometheus data source variable", Project.relative(file))
                    .isTrue();
            for (Query q : queries(file)) {
                Set<String> metrics = PromQl.metricNames(q.expr());
                assertThat(metrics)
                        .as("%s '%s' selects a metric: %s", q.dashboard(), q.panel(), q.expr())
                        .isNotEmpty();
                assertThat(known)
                        .as(
                                "%s '%s': metric names in %s (known: the documented list, the services' sources, standard-metrics.txt)",
                                q.dashboard(), q.panel(), q.expr())
                        .containsAll(metrics);
                assertThat(defined)
                        .as("%s '%s': variables used in %s", q.dashboard(), q.panel(), q.expr())
                        .containsAll(PromQl.grafanaVariables(q.expr()));
            }
        }
    }

    @Test
    void dashboardsCoverWhatOperatorsWatch() {
        Set<String> used = new TreeSet<>();
        for (Path file : dashboards()) {
            for (Query q : queries(file)) {
                used.addAll(PromQl.metricNames(q.expr()));
            }
        }
        assertThat(used)
                .as("diversity, gaps, recovery, throughput and dead letters, lag, model latency and errors, model load"
                        + " and token throughput, completions, judges, summary hints")
                .contains(
                        "overton_scores_mean",
                        "overton_scores_difference",
                        "overton_recovery",
                        "overton_consumer_records_total",
                        "kafka_consumer_fetch_manager_records_lag_max",
                        "overton_generation_latency_seconds_sum",
                        "overton_generation_latency_seconds_count",
                        "overton_generation_sets_total",
                        "overton_generation_calls_in_flight",
                        "overton_generation_calls_waiting",
                        "overton_generation_tokens_per_second_sum",
                        "overton_generation_tokens_per_second_count",
                        "overton_generation_completion_tokens_total",
                        "overton_generation_completions_total",
                        "overton_judge_verdicts_total",
                        "overton_judge_repairs_total",
                        "overton_judge_failures_total",
                        "overton_icl_summaries",
                        "overton_monitor_score",
                        "overton_monitor_score_ci_low",
                        "overton_monitor_score_ci_high",
                        "overton_monitor_alarm");
    }

    @Test
    void aRowPerMonitorDrawsEachWindowsMeanInItsIntervalBandWithAlarmsAsAnnotations() {
        JsonNode d = read(DASHBOARDS.resolve("overton-results.json"));
        JsonNode monitor = variable(d, "monitor");
        assertThat(monitor.path("query").path("query").asText())
                .as("the monitor variable lists the monitors that have scores")
                .isEqualTo("label_values(overton_monitor_score, monitor)");
        assertThat(monitor.path("includeAll").asBoolean()
                        && monitor.path("multi").asBoolean())
                .as("every monitor can be shown at once")
                .isTrue();

        List<JsonNode> top = new ArrayList<>();
        d.path("panels").forEach(top::add);
        int row = -1;
        for (int i = 0; i < top.size(); i++) {
            if ("row".equals(top.get(i).path("type").asText())
                    && "monitor".equals(top.get(i).path("repeat").asText())) {
                row = i;
            }
        }
        assertThat(row).as("a row repeated per value of $monitor").isNotNegative();
        assertThat(top.get(row).path("title").asText()).contains("$monitor");
        // An expanded row owns the panels that follow it up to the next row; they are repeated with it.
        List<JsonNode> inRow = new ArrayList<>();
        for (int i = row + 1;
                i < top.size() && !"row".equals(top.get(i).path("type").asText());
                i++) {
            inRow.add(top.get(i));
        }
        assertThat(inRow).as("panels of the monitor row").isNotEmpty();
        Set<String> rowMetrics = new TreeSet<>();
        for (JsonNode p : inRow) {
            for (JsonNode t : p.path("targets")) {
                String expr = t.path("expr").asText();
                rowMetrics.addAll(PromQl.metricNames(expr));
                assertThat(expr)
                        .as(
                                "'%s' selects the row's monitor: %s",
                                p.path("title").asText(), expr)
                        .contains("monitor=~\"$monitor\"");
            }
        }
        assertThat(rowMetrics)
                .contains(
                        "overton_monitor_score",
                        "overton_monitor_score_ci_low",
                        "overton_monitor_score_ci_high",
                        "overton_monitor_alarm");

        JsonNode band = inRow.stream()
                .filter(p -> p.path("targets").toString().contains("overton_monitor_score_ci_high"))
                .findFirst()
                .orElseThrow();
        assertThat(band.path("type").asText()).isEqualTo("timeseries");
        Map<String, String> legends = new TreeMap<>();
        band.path("targets")
                .forEach(t -> legends.put(
                        t.path("legendFormat").asText(), t.path("expr").asText()));
        assertThat(legends.get("ci_low")).contains("overton_monitor_score_ci_low");
        assertThat(legends.get("ci_high")).contains("overton_monitor_score_ci_high");
        assertThat(legends.get("mean")).contains("overton_monitor_score{");
        boolean filled = false;
        for (JsonNode o : band.path("fieldConfig").path("overrides")) {
            for (JsonNode prop : o.path("properties")) {
                if ("ci_high".equals(o.path("matcher").path("options").asText())
                        && "custom.fillBelowTo".equals(prop.path("id").asText())
                        && "ci_low".equals(prop.path("value").asText())) {
                    filled = true;
                }
            }
        }
        assertThat(filled)
                .as("the interval is a band: ci_high filled down to ci_low")
                .isTrue();

        List<JsonNode> alarmAnnotations = new ArrayList<>();
        for (JsonNode a : d.path("annotations").path("list")) {
            if (a.path("expr").asText().contains("overton_monitor_alarm")) {
                alarmAnnotations.add(a);
            }
        }
        assertThat(alarmAnnotations).as("alarms are annotations").hasSize(1);
        JsonNode alarm = alarmAnnotations.get(0);
        assertThat(alarm.path("enable").asBoolean()).isTrue();
        assertThat(alarm.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
        assertThat(alarm.path("expr").asText()).contains("== 1").contains("monitor=~\"$monitor\"");
        assertThat(alarm.path("tagKeys").asText()).contains("monitor", "variant", "metric");
    }

    private static JsonNode variable(JsonNode dashboard, String name) {
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if (name.equals(v.path("name").asText())) {
                return v;
            }
        }
        throw new AssertionError("no variable $" + name);
    }
}

package dev.overton.deploytests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
                        "overton_icl_summaries");
    }
}

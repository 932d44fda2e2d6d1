package dev.overton.deploytests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsMetricNamesButNotFunctionsLabelsOrVariables() {
        assertThat(
                        PromQl.metricNames(
                                "sum by (job, channel) (rate(overton_consumer_records_total{job=~\"$job\", outcome=\"failed\"}[$__rate_interval]))"))
                .containsExactly("overton_consumer_records_total");
        assertThat(PromQl.metricNames(
                        "sum by (backend) (rate(a_sum[5m])) / sum by (backend) (rate(a_count[5m])) > 0.5"))
                .containsExactly("a_sum", "a_count");
        assertThat(PromQl.metricNames("max(x) by (client_id) unless on (job) y offset 10m and bool z > 1e3"))
                .containsExactly("x", "y", "z");
        assertThat(PromQl.metricNames(
                        "label_replace(rate(m[10m]) > 0, \"client_id\", \"kafka-consumer-$1\", \"channel\", \"(.*)\")"))
                .containsExactly("m");
        assertThat(PromQl.metricNames("up{job=~\"a|b\"} == 0")).containsExactly("up");
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le) (rate(h_bucket[1m])))"))
                .containsExactly("h_bucket");
    }

    @Test
    void readsGrafanaVariableQueries() {
        assertThat(PromQl.variableQueryMetricNames("label_values(overton_scores_mean{run=~\"$run\"}, variant)"))
                .containsExactly("overton_scores_mean");
        assertThat(PromQl.variableQueryMetricNames("label_values(job)")).isEmpty();
        assertThat(PromQl.variableQueryMetricNames("query_result(topk(3, up))")).containsExactly("up");
    }

    @Test
    void listsGrafanaVariables() {
        assertThat(PromQl.grafanaVariables("x{a=~\"$run\", b=\"${metric}\", c=\"${v:regex}\"}[$__rate_interval]"))
                .containsExactly("run", "metric", "v", "__rate_interval");
    }

    @Test
    void micrometerNamesFollowThePrometheusRegistry() {
        assertThat(KnownMetrics.prometheusNames("Counter", "overton.consumer.records"))
                .containsExactly("overton_consumer_records_total");
        assertThat(KnownMetrics.prometheusNames("Timer", "overton.generation.latency"))
                .contains("overton_generation_latency_seconds_count", "overton_generation_latency_seconds_sum");
        assertThat(KnownMetrics.prometheusNames("MultiGauge", "overton.scores.ci.low"))
                .containsExactly("overton_scores_ci_low");
    }

    @Test
    void findsMetersRegisteredThroughStringConstants() {
        var sources = Map.of("a/Meters.java", """
                public final class Meters {
                    public static final String IN_FLIGHT = "overton.x.in.flight";
                    static final String LATENCY = "overton.x.latency";
                    void register() {
                        Gauge.builder(IN_FLIGHT, load, AtomicInteger::get).register(registry);
                        Timer.builder(LATENCY).register(registry);
                    }
                }
                """, "b/Consumer.java", """
                class Consumer {
                    static final String LATENCY = "overton.y.latency";
                    void count() {
                        Counter.builder(Meters.IN_FLIGHT).register(registry);
                        DistributionSummary.builder("overton.y.rate").register(registry);
                        registry.counter(NOT_A_METRIC_CONSTANT).increment();
                    }
                }
                """);
        assertThat(KnownMetrics.registeredIn(sources))
                .contains(
                        "overton_x_in_flight",
                        "overton_x_in_flight_total",
                        "overton_x_latency_seconds_count",
                        "overton_y_rate_sum")
                .doesNotContain("overton_y_latency_seconds_count");
    }

    @Test
    void documentedMetricsAreRegisteredBySomeServiceUnlessPending() {
        var registered = KnownMetrics.registeredInSources();
        assertThat(registered).as("metrics found in the services' sources").isNotEmpty();
        for (String name : KnownMetrics.DOCUMENTED) {
            if (!KnownMetrics.PENDING.contains(name)) {
                assertThat(registered)
                        .as("documented metric %s is registered by a service (see KnownMetrics.DOCUMENTED)", name)
                        .contains(name);
            }
        }
    }
}

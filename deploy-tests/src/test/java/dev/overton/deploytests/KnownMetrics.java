package dev.overton.deploytests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names dashboards and alert rules may use: Overton's own (the documented list, plus whatever the services'
 * sources register with Micrometer, named as the Prometheus registry names them) and the standard ones the services
 * export ({@code standard-metrics.txt}).
 */
final class KnownMetrics {

    /**
     * Overton's metrics as documented (docs/operations.md). Two are not emitted yet: {@code overton_recovery}
     * (icl-service's recovery verdict) and {@code overton_judge_failures_total} (once judges land).
     */
    static final List<String> DOCUMENTED = List.of(
            "overton_consumer_records_total",
            "overton_generation_sets_total",
            "overton_generation_latency_seconds_count",
            "overton_generation_latency_seconds_sum",
            "overton_generation_latency_seconds_max",
            "overton_runs_accepted_total",
            "overton_runs_rejected_total",
            "overton_scores_mean",
            "overton_scores_ci_low",
            "overton_scores_ci_high",
            "overton_scores_difference",
            "overton_recovery",
            "overton_judge_failures_total");

    /** Documented metrics that no service registers yet. */
    static final Set<String> PENDING = Set.of("overton_recovery", "overton_judge_failures_total");

    private static final Pattern BUILDER = Pattern.compile(
            "\\b(Counter|FunctionCounter|Timer|LongTaskTimer|FunctionTimer|Gauge|MultiGauge|TimeGauge|DistributionSummary)"
                    + "\\s*\\.\\s*builder\\s*\\(\\s*\"(overton\\.[A-Za-z0-9_.]+)\"");
    private static final Pattern REGISTRY_CALL =
            Pattern.compile("\\.\\s*(counter|timer|gauge|summary)\\s*\\(\\s*\"(overton\\.[A-Za-z0-9_.]+)\"");

    private KnownMetrics() {}

    /** Modules whose main sources register metrics for the services: the services and their shared libraries. */
    private static final List<String> METRIC_SOURCES = java.util.stream.Stream.concat(
                    Project.SERVICES.stream(), java.util.stream.Stream.of("messaging-support"))
            .toList();

    /** Prometheus names of the Overton metrics registered in the services' (and their libraries') main sources. */
    static Set<String> registeredInSources() {
        Set<String> names = new TreeSet<>();
        for (String module : METRIC_SOURCES) {
            Path src = Project.path(module + "/src/main/java");
            for (Path file : Project.files(src, ".java")) {
                String text = Project.read(file);
                Matcher b = BUILDER.matcher(text);
                while (b.find()) {
                    names.addAll(prometheusNames(b.group(1), b.group(2)));
                }
                Matcher r = REGISTRY_CALL.matcher(text);
                while (r.find()) {
                    names.addAll(prometheusNames(r.group(1), r.group(2)));
                }
            }
        }
        return names;
    }

    /** How Micrometer's Prometheus registry names a meter of this kind. */
    static Set<String> prometheusNames(String kind, String dotted) {
        String base = dotted.replace('.', '_');
        return switch (kind.toLowerCase()) {
            case "counter", "functioncounter" -> Set.of(base + "_total");
            case "timer", "functiontimer", "longtasktimer" ->
                Set.of(
                        base + "_seconds_count",
                        base + "_seconds_sum",
                        base + "_seconds_max",
                        base + "_seconds_bucket",
                        base + "_seconds_active_count",
                        base + "_seconds_duration_sum");
            case "distributionsummary", "summary" ->
                Set.of(base + "_count", base + "_sum", base + "_max", base + "_bucket");
            case "timegauge" -> Set.of(base + "_seconds");
            default -> Set.of(base);
        };
    }

    static Set<String> standard() {
        Set<String> names = new TreeSet<>();
        try (InputStream in = KnownMetrics.class.getResourceAsStream("/standard-metrics.txt")) {
            if (in == null) {
                throw new AssertionError("standard-metrics.txt missing from the test resources");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    names.add(l);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** Every name a dashboard or rule may select. */
    static Set<String> all() {
        Set<String> all = new TreeSet<>(DOCUMENTED);
        all.addAll(registeredInSources());
        all.addAll(standard());
        return all;
    }
}

package dev.overton.deploytests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names dashboards and alert rules may use: Overton's own (the documented list, plus whatever the services'
 * sources register with Micrometer, named as the Prometheus registry names them) and the standard ones the services
 * export ({@code standard-metrics.txt}).
 */
final class KnownMetrics {

    /** Overton's metrics as documented (the metrics table of docs/operations.md). */
    static final List<String> DOCUMENTED = List.of(
            "overton_consumer_records_total",
            "overton_generation_sets_total",
            "overton_generation_latency_seconds_count",
            "overton_generation_latency_seconds_sum",
            "overton_generation_latency_seconds_max",
            "overton_generation_calls_in_flight",
            "overton_generation_calls_waiting",
            "overton_generation_tokens_per_second_count",
            "overton_generation_tokens_per_second_sum",
            "overton_generation_tokens_per_second_max",
            "overton_generation_completion_tokens_total",
            "overton_generation_consumer_in_flight",
            "overton_generation_completions_total",
            "overton_generation_completion_latency_seconds_count",
            "overton_generation_completion_latency_seconds_sum",
            "overton_generation_completion_latency_seconds_max",
            "overton_generation_completions_republished_total",
            "overton_generation_token_scorings_total",
            "overton_generation_token_scoring_latency_seconds_count",
            "overton_generation_token_scoring_latency_seconds_sum",
            "overton_generation_token_scoring_latency_seconds_max",
            "overton_generation_token_scoring_tokens_count",
            "overton_generation_token_scoring_tokens_sum",
            "overton_generation_token_scoring_tokens_max",
            "overton_generation_token_scorings_republished_total",
            "overton_runs_accepted_total",
            "overton_runs_rejected_total",
            "overton_scores_mean",
            "overton_scores_ci_low",
            "overton_scores_ci_high",
            "overton_scores_difference",
            "overton_recovery",
            "overton_judge_requests_total",
            "overton_judge_verdicts_total",
            "overton_judge_repairs_total",
            "overton_judge_failures_total",
            "overton_icl_summaries",
            "overton_token_shift_requests_total",
            "overton_token_shift_answers_total",
            "overton_monitor_score",
            "overton_monitor_score_ci_low",
            "overton_monitor_score_ci_high",
            "overton_monitor_alarm");

    /** Documented metrics that no service registers yet (none today; a metric documented ahead of its code goes here). */
    static final Set<String> PENDING = Set.of();

    private static final String METER =
            "(Counter|FunctionCounter|Timer|LongTaskTimer|FunctionTimer|Gauge|MultiGauge|TimeGauge|DistributionSummary)";
    /** A meter name: a literal, or a String constant (plain or qualified by its class). */
    private static final String NAME =
            "(?:\"(overton\\.[A-Za-z0-9_.]+)\"|(?:([A-Z][A-Za-z0-9_]*)\\.)?([A-Z][A-Z0-9_]*)\\b)";

    private static final Pattern BUILDER = Pattern.compile("\\b" + METER + "\\s*\\.\\s*builder\\s*\\(\\s*" + NAME);
    private static final Pattern REGISTRY_CALL =
            Pattern.compile("\\.\\s*(counter|timer|gauge|summary)\\s*\\(\\s*" + NAME);
    private static final Pattern CONSTANT =
            Pattern.compile("\\bString\\s+([A-Z][A-Z0-9_]*)\\s*=\\s*\"(overton\\.[A-Za-z0-9_.]+)\"\\s*;");

    private KnownMetrics() {}

    /** Prometheus names of the Overton metrics registered in the services' (and their libraries') main sources. */
    static Set<String> registeredInSources() {
        Map<String, String> sources = new TreeMap<>();
        for (String service : Project.SERVICES) {
            for (String module : Project.moduleWithLibraries(service)) {
                for (Path file : Project.files(Project.path(module + "/src/main/java"), ".java")) {
                    sources.put(Project.relative(file), Project.read(file));
                }
            }
        }
        return registeredIn(sources);
    }

    /**
     * Prometheus names of the Overton meters that {@code sources} (file name → Java text) register, by literal name or
     * by a {@code String} constant holding one ({@code Gauge.builder(GAUGE, ...)}, {@code
     * Counter.builder(GenerationMeters.COMPLETION_TOKENS)}). A plain constant is looked up in its own file first.
     */
    static Set<String> registeredIn(Map<String, String> sources) {
        Map<String, Map<String, String>> constantsByClass = new TreeMap<>();
        for (var e : sources.entrySet()) {
            Map<String, String> constants = new TreeMap<>();
            Matcher c = CONSTANT.matcher(e.getValue());
            while (c.find()) {
                constants.put(c.group(1), c.group(2));
            }
            constantsByClass.put(className(e.getKey()), constants);
        }
        Set<String> names = new TreeSet<>();
        for (var e : sources.entrySet()) {
            String own = className(e.getKey());
            for (Pattern p : List.of(BUILDER, REGISTRY_CALL)) {
                Matcher m = p.matcher(e.getValue());
                while (m.find()) {
                    String dotted = m.group(2) != null
                            ? m.group(2)
                            : constant(constantsByClass, m.group(3) != null ? m.group(3) : own, m.group(4));
                    if (dotted != null) {
                        names.addAll(prometheusNames(m.group(1), dotted));
                    }
                }
            }
        }
        return names;
    }

    private static String constant(Map<String, Map<String, String>> constantsByClass, String cls, String name) {
        String value = constantsByClass.getOrDefault(cls, Map.of()).get(name);
        if (value != null) {
            return value;
        }
        // A statically imported constant: unique among all classes, or unknown.
        List<String> values = constantsByClass.values().stream()
                .map(m -> m.get(name))
                .filter(v -> v != null)
                .distinct()
                .toList();
        return values.size() == 1 ? values.get(0) : null;
    }

    private static String className(String file) {
        String f = file.substring(file.lastIndexOf('/') + 1);
        return f.endsWith(".java") ? f.substring(0, f.length() - ".java".length()) : f;
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

package dev.overton.contracts.spec;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.MonitorSpec;
import dev.overton.contracts.Topics;
import dev.overton.metrics.stats.MetricDirection;

/**
 * The checks of what a monitor adds to a run spec: {@code window}, {@code baseline}, {@code alarms}, {@code retention}
 * and {@code source}. The run spec's own fields are checked by the run spec's rules; whether a baseline run id names a
 * run is for the service that holds the runs to say.
 */
public final class MonitorRules {

    /** The fields a monitor adds to a run spec. */
    public static final Set<String> FIELDS = Set.of("window", "baseline", "alarms", "retention", "source");

    /** The fields of {@code window}. */
    public static final Set<String> WINDOW_FIELDS = Set.of("prompts", "every", "paired");

    /** The fields of {@code alarms}. */
    public static final Set<String> ALARM_FIELDS = Set.of("metrics", "fdr", "minEffect");

    /** The fields of {@code retention}. */
    public static final Set<String> RETENTION_FIELDS = Set.of("windows");

    /** The fields of {@code source}. */
    public static final Set<String> SOURCE_FIELDS = Set.of("topic");

    /** Most windows {@code retention.windows} may keep. */
    public static final int MAX_RETAINED_WINDOWS = 100_000;

    /** Longest monitor name: its windows are named {@code <name> #<window>}, which must fit a run name. */
    public static final int NAME_LENGTH = SpecLimits.RUN_NAME_LENGTH - 12;

    private MonitorRules() {}

    /**
     * Reads the monitor's own fields of {@code root}.
     *
     * @param datasetPrompts how many prompts the run spec's dataset has, or {@code null} when it has none (or it could
     *     not be read)
     * @return the settings, defaults applied; meaningless when an error was added
     */
    public static MonitorSpec read(JsonNode root, Integer datasetPrompts, List<FieldError> errors) {
        return read(root, datasetPrompts, MonitorSpec.Window.MIN_EVERY, errors);
    }

    /**
     * Reads the monitor's own fields of {@code root}, accepting a {@code window.every} of at least {@code minEvery}
     * (a deployment's setting; {@link MonitorSpec.Window#MIN_EVERY} unless it lowers or raises it).
     *
     * @param datasetPrompts how many prompts the run spec's dataset has, or {@code null} when it has none (or it could
     *     not be read)
     * @param minEvery the shortest accepted {@code window.every}, positive
     * @return the settings, defaults applied; meaningless when an error was added
     */
    public static MonitorSpec read(JsonNode root, Integer datasetPrompts, Duration minEvery, List<FieldError> errors) {
        if (minEvery == null || minEvery.isNegative() || minEvery.isZero()) {
            throw new IllegalArgumentException("the shortest window period must be positive, not " + minEvery);
        }
        JsonNode datasetNode = root.get("dataset");
        JsonNode sourceNode = root.get("source");
        boolean hasDataset = datasetNode != null && !datasetNode.isNull();
        boolean hasSource = sourceNode != null && !sourceNode.isNull();
        if (hasDataset && hasSource) {
            errors.add(new FieldError(
                    "source",
                    "a monitor takes its prompts from 'dataset' or from 'source', not both; remove one of them"));
        } else if (!hasDataset && !hasSource) {
            errors.add(new FieldError(
                    "dataset",
                    "is required unless the prompts come from a stream: give 'dataset' or 'source':" + " {\"topic\": \""
                            + Topics.MONITOR_PROMPTS + "\"}"));
        }
        String name = root.path("name").isTextual() ? root.get("name").asText() : null;
        if (name != null && name.length() > NAME_LENGTH) {
            errors.add(new FieldError(
                    "name",
                    "is " + name.length() + " characters long; a monitor's name may have at most " + NAME_LENGTH));
        }
        MonitorSpec.Source source = hasSource ? source(sourceNode, errors) : null;
        MonitorSpec.Window window =
                window(root.get("window"), hasSource, hasDataset ? datasetPrompts : null, minEvery, errors);
        return new MonitorSpec(
                window,
                baseline(root.get("baseline"), errors),
                alarms(root.get("alarms"), errors),
                retention(root.get("retention"), errors),
                source);
    }

    private static MonitorSpec.Window window(
            JsonNode node, boolean streamed, Integer datasetPrompts, Duration minEvery, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            errors.add(new FieldError("window", "is required: {\"prompts\": 20, \"every\": \"PT1H\"}"));
            return new MonitorSpec.Window(1, null, !streamed);
        }
        if (!node.isObject()) {
            errors.add(new FieldError("window", "must be an object: {\"prompts\": 20, \"every\": \"PT1H\"}"));
            return new MonitorSpec.Window(1, null, !streamed);
        }
        SpecJson.refuseUnknownFields(node, "window", WINDOW_FIELDS, errors);
        int max = datasetPrompts != null ? datasetPrompts : SpecLimits.PROMPTS;
        int prompts = 1;
        JsonNode promptsNode = node.get("prompts");
        String rule = "must be a whole number from 1 to " + max
                + (datasetPrompts != null ? " (the dataset has " + datasetPrompts + " prompts)" : "");
        if (promptsNode == null || promptsNode.isNull()) {
            errors.add(new FieldError("window.prompts", "is required: the prompts per window; " + rule));
        } else {
            prompts = SpecFields.whole(node, "prompts", "window.prompts", 1, max, 1, rule, errors);
        }
        String every = every(node.get("every"), minEvery, errors);
        boolean paired = !streamed;
        JsonNode pairedNode = node.get("paired");
        if (pairedNode != null && !pairedNode.isNull()) {
            if (!pairedNode.isBoolean()) {
                errors.add(new FieldError("window.paired", "must be true or false"));
            } else if (streamed && pairedNode.asBoolean()) {
                errors.add(new FieldError(
                        "window.paired",
                        "cannot be true for a stream source: each window takes the prompts that arrived since the"
                                + " previous one, so windows compare unpaired; remove it"));
            } else {
                paired = pairedNode.asBoolean();
            }
        }
        return new MonitorSpec.Window(prompts, every, paired);
    }

    private static String every(JsonNode node, Duration minEvery, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        String rule = "must be an ISO-8601 duration of at least " + minEvery
                + " (e.g. \"PT1H\"), or absent for windows that run only when triggered";
        if (!node.isTextual() || node.asText().length() > 64) {
            errors.add(new FieldError("window.every", rule));
            return null;
        }
        Duration every;
        try {
            every = Duration.parse(node.asText());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("window.every", "is not a duration; " + rule));
            return null;
        }
        if (every.compareTo(minEvery) < 0) {
            errors.add(new FieldError("window.every", "is " + every + ", below the minimum; " + rule));
            return null;
        }
        return every.toString();
    }

    private static String baseline(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return MonitorSpec.FIRST;
        }
        String rule = "must be \"first\" (the monitor's first window), \"previous\" (the window before) or the id of a"
                + " run";
        if (!node.isTextual() || node.asText().isBlank()) {
            errors.add(new FieldError("baseline", rule));
            return MonitorSpec.FIRST;
        }
        String value = node.asText();
        if (!SpecText.checkName("baseline", value, 64, errors)) {
            return MonitorSpec.FIRST;
        }
        return value;
    }

    /** Whether {@code baseline} names a run (rather than {@code first} or {@code previous}). */
    public static boolean namesRun(String baseline) {
        return baseline != null && !MonitorSpec.FIRST.equals(baseline) && !MonitorSpec.PREVIOUS.equals(baseline);
    }

    private static MonitorSpec.Alarms alarms(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(new FieldError(
                    "alarms",
                    "must be an object: {\"metrics\": [\"jaccard_1\"], \"fdr\": 0.05, \"minEffect\": {...}}"));
            return null;
        }
        SpecJson.refuseUnknownFields(node, "alarms", ALARM_FIELDS, errors);
        SortedSet<String> known = MetricDirection.withWorseDirection();
        List<String> metrics = new ArrayList<>();
        JsonNode list = node.get("metrics");
        if (list == null || list.isNull() || !list.isArray() || list.isEmpty()) {
            errors.add(new FieldError(
                    "alarms.metrics",
                    "must be a non-empty list of metric names, e.g. [\"jaccard_1\"]; one of " + known));
        } else {
            for (int i = 0; i < list.size() && i < SpecLimits.VARIANTS * 4; i++) {
                String at = "alarms.metrics[" + i + "]";
                JsonNode item = list.get(i);
                if (!item.isTextual()) {
                    errors.add(new FieldError(at, "must be a metric name, one of " + known));
                } else if (!known.contains(item.asText())) {
                    String metric = item.asText();
                    String why = MetricDirection.documented(metric)
                            ? "has no worse direction (it describes, it does not judge: docs/metrics.md)"
                            : "is not a metric this build knows";
                    errors.add(new FieldError(at, shown(metric) + " " + why + "; use one of " + known));
                } else if (metrics.contains(item.asText())) {
                    errors.add(new FieldError(at, "repeats '" + item.asText() + "'; name each metric once"));
                } else {
                    metrics.add(item.asText());
                }
            }
        }
        double fdr = MonitorSpec.Alarms.DEFAULT_FDR;
        JsonNode fdrNode = node.get("fdr");
        if (fdrNode != null && !fdrNode.isNull()) {
            Double value = SpecJson.numberIn(fdrNode, 0, 1);
            if (value == null || value <= 0 || value >= 1) {
                errors.add(new FieldError(
                        "alarms.fdr",
                        "must be a number between 0 and 1, both excluded (the false discovery rate, e.g." + " 0.05)"));
            } else {
                fdr = value;
            }
        }
        Map<String, Double> minEffect = new LinkedHashMap<>();
        JsonNode effects = node.get("minEffect");
        if (effects != null && !effects.isNull()) {
            if (!effects.isObject()) {
                errors.add(new FieldError("alarms.minEffect", "must be an object of metric name to a number ≥ 0"));
            } else {
                Iterator<Map.Entry<String, JsonNode>> fields = effects.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> entry = fields.next();
                    String metric = entry.getKey();
                    String at = "alarms.minEffect." + (printable(metric) ? metric : "(key)");
                    if (!metrics.contains(metric)) {
                        errors.add(new FieldError(
                                at, "names a metric not listed in alarms.metrics; list it there or remove it"));
                        continue;
                    }
                    Double value = SpecJson.numberIn(entry.getValue(), 0, Double.MAX_VALUE);
                    if (value == null) {
                        errors.add(new FieldError(
                                at,
                                "must be a number ≥ 0: the smallest change in the metric's worse direction that"
                                        + " raises an alarm"));
                    } else {
                        minEffect.put(metric, value);
                    }
                }
            }
        }
        return new MonitorSpec.Alarms(metrics, fdr, minEffect);
    }

    /** Whether a user's string can be echoed in a message: short, no control or unusual characters. */
    private static boolean printable(String value) {
        return value.length() <= 100 && SpecText.characterProblem(value, false) == null;
    }

    private static String shown(String value) {
        return printable(value) ? "'" + value + "'" : "the name";
    }

    private static MonitorSpec.Retention retention(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return new MonitorSpec.Retention(null);
        }
        if (!node.isObject()) {
            errors.add(new FieldError("retention", "must be an object: {\"windows\": 200}"));
            return new MonitorSpec.Retention(null);
        }
        SpecJson.refuseUnknownFields(node, "retention", RETENTION_FIELDS, errors);
        JsonNode windows = node.get("windows");
        if (windows == null || windows.isNull()) {
            return new MonitorSpec.Retention(null);
        }
        int kept = SpecFields.whole(
                node,
                "windows",
                "retention.windows",
                1,
                MAX_RETAINED_WINDOWS,
                -1,
                "must be a whole number from 1 to " + MAX_RETAINED_WINDOWS + " (the windows kept), or absent to keep"
                        + " every window",
                errors);
        return new MonitorSpec.Retention(kept < 1 ? null : kept);
    }

    private static MonitorSpec.Source source(JsonNode node, List<FieldError> errors) {
        String rule = "must be {\"topic\": \"" + Topics.MONITOR_PROMPTS + "\"}";
        if (!node.isObject()) {
            errors.add(new FieldError("source", rule));
            return null;
        }
        SpecJson.refuseUnknownFields(node, "source", SOURCE_FIELDS, errors);
        JsonNode topic = node.get("topic");
        if (topic == null || !topic.isTextual() || !Topics.MONITOR_PROMPTS.equals(topic.asText())) {
            errors.add(new FieldError(
                    "source.topic",
                    "must be \"" + Topics.MONITOR_PROMPTS + "\", the topic the services read monitor prompts from"));
            return null;
        }
        return new MonitorSpec.Source(topic.asText());
    }
}

package dev.overton.generator.monitors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.MonitorSpec;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.spec.FieldError;
import dev.overton.contracts.spec.MonitorRules;
import dev.overton.contracts.spec.SpecJson;
import dev.overton.generator.runs.AcceptedRun;
import dev.overton.generator.runs.InvalidRunSpecException;
import dev.overton.generator.runs.RunSpecValidator;

/**
 * The entry point of {@code POST /monitors}: a monitor is a run spec plus its own fields. The run spec's part is checked
 * by the {@link RunSpecValidator} of {@code POST /runs} (so a monitor accepts exactly what a run accepts), the monitor's
 * own fields by {@link MonitorRules}; every problem is reported at once, naming its field. Whether a baseline run id
 * names a run is checked by the caller, which holds the runs.
 *
 * <p>Blocking: it reads the dataset file. Call it from a worker thread.
 */
public final class MonitorValidator {

    private final RunSpecValidator runs;
    private final Duration minEvery;

    /** A validator accepting a {@code window.every} of at least {@code minEvery} ({@code overton.monitors.min-every}). */
    public MonitorValidator(RunSpecValidator runs, Duration minEvery) {
        this.runs = runs;
        this.minEvery = minEvery;
    }

    /**
     * Validates {@code body}, the request's raw bytes.
     *
     * @throws InvalidRunSpecException naming every bad field
     */
    public AcceptedMonitor validate(byte[] body) {
        SpecJson.Read read = SpecJson.read(body);
        if (read.problem() != null) {
            throw new InvalidRunSpecException(List.of(read.problem()));
        }
        JsonNode root = read.tree();
        if (root == null || !root.isObject()) {
            throw new InvalidRunSpecException(List.of(new FieldError(
                    "(body)", "must be a JSON object: a run spec (name, dataset, reference, variants) plus window")));
        }
        List<FieldError> errors = new ArrayList<>();
        AcceptedRun run = runs.check(root, MonitorRules.FIELDS, false, errors);
        Integer datasetPrompts = run.prompts().isEmpty() ? null : run.prompts().size();
        MonitorSpec monitor = MonitorRules.read(root, datasetPrompts, minEvery, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRunSpecException(errors);
        }
        RunSpec spec = run.spec();
        return new AcceptedMonitor(spec, monitor.streamed() ? List.of() : run.prompts(), monitor);
    }
}

package dev.overton.generator.monitors;

import java.util.List;

import dev.overton.contracts.MonitorSpec;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.RunSpec;

/**
 * A monitor definition that passed validation.
 *
 * @param spec the run spec every window is made from; its dataset is {@code null} for a stream source
 * @param prompts the dataset's prompts (empty for a stream source)
 * @param monitor the monitor's own settings, defaults applied
 */
public record AcceptedMonitor(RunSpec spec, List<Prompt> prompts, MonitorSpec monitor) {}

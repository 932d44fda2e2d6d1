package dev.overton.generator.runs;

import java.util.List;

import dev.overton.contracts.Prompt;
import dev.overton.contracts.RunSpec;

/**
 * A run spec that passed validation, with its dataset read.
 *
 * @param spec the spec, normalised (defaults filled in)
 * @param prompts the dataset's prompts in order
 */
public record AcceptedRun(RunSpec spec, List<Prompt> prompts) {}

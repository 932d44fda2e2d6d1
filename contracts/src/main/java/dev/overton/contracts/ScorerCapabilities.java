package dev.overton.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.overton.contracts.spec.MeasureGroup;

/**
 * Event on {@value Topics#SCORER_CAPABILITIES}: the measure groups a scorer service computes with its configuration,
 * published when it starts. Key: {@link #service()}. Services meet only on Kafka, so this is how the generator learns
 * that, say, the model-based measures are switched off and refuses a run asking for them.
 *
 * @param schemaVersion {@link SchemaVersions#V1}
 * @param service the scorer's service name (the record key)
 * @param groups the wire names of the {@link MeasureGroup}s it computes
 * @param switchedOff for each group it does not compute, the setting that switches it on (e.g. {@code
 *     overton.semantic.enabled=true})
 * @param publishedAt when the scorer published it
 */
public record ScorerCapabilities(
        int schemaVersion, String service, List<String> groups, Map<String, String> switchedOff, Instant publishedAt)
        implements Event {

    /** Rejects a record without the fields every consumer relies on. */
    public ScorerCapabilities {
        Event.require(service, "service");
        groups = groups == null ? List.of() : List.copyOf(groups);
        switchedOff = switchedOff == null ? Map.of() : Map.copyOf(switchedOff);
    }

    /** The record key. */
    public String key() {
        return service;
    }

    /** The groups it computes (unknown names, from a newer scorer, are skipped). */
    public Set<MeasureGroup> offered() {
        return MeasureGroup.selected(groups);
    }
}

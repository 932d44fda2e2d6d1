package dev.overton.contracts;

import java.time.Instant;

/**
 * Event on {@value Topics#MONITORS} (compacted): a monitor's current definition and state, published whenever it is
 * created, paused or resumed. A record with the same key and a null value (a tombstone) says the monitor was deleted.
 * Key: the monitor id. This is what the scorer needs to compare a monitor's windows and raise alarms: the windows
 * themselves arrive as ordinary runs on {@value Topics#RUNS}, with {@link RunCreated#monitor()} set.
 *
 * @param schemaVersion {@link SchemaVersions#V1}
 * @param monitorId the monitor's id
 * @param name its name; its windows are the runs named {@code <name> #<window>}
 * @param state {@value #ACTIVE} or {@value #PAUSED}
 * @param createdAt when it was created
 * @param spec the run spec every window is made from (variants, reference, judge, icl); its {@code dataset} is the
 *     monitor's dataset, or {@code null} for a stream source
 * @param monitor the monitor's own settings: window, baseline, alarms, retention, source
 */
public record MonitorDefined(
        int schemaVersion,
        String monitorId,
        String name,
        String state,
        Instant createdAt,
        RunSpec spec,
        MonitorSpec monitor)
        implements Event {

    /** {@link #state()} of a monitor whose schedule runs. */
    public static final String ACTIVE = "active";

    /** {@link #state()} of a paused monitor: no scheduled windows (a triggered one still runs). */
    public static final String PAUSED = "paused";

    /** Rejects a record without the fields every consumer relies on. */
    public MonitorDefined {
        Event.require(monitorId, "monitorId");
        Event.require(name, "name");
        Event.require(state, "state");
        Event.require(spec, "spec");
        Event.require(monitor, "monitor");
    }
}

package dev.overton.generator.monitors.persistence;

import java.time.Duration;
import java.time.Instant;

import dev.overton.contracts.MonitorDefined;
import dev.overton.contracts.MonitorSpec;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.SchemaVersions;

/**
 * A monitor as stored (its dataset's prompts are read separately: they may be many).
 *
 * @param id its id
 * @param name its name
 * @param spec the run spec its windows are made from
 * @param monitor its own settings
 * @param state {@code active}, {@code paused} or {@code deleted}
 * @param nextDue when its next scheduled window is due, or {@code null} (no schedule, or paused)
 * @param lastWindow the number of its latest window, 0 before the first
 * @param createdAt when it was created
 * @param updatedAt when its definition or state last changed (what the {@code monitors} record says)
 * @param publishedAt when Kafka acknowledged its current record, or {@code null}
 */
public record StoredMonitor(
        String id,
        String name,
        RunSpec spec,
        MonitorSpec monitor,
        String state,
        Instant nextDue,
        int lastWindow,
        Instant createdAt,
        Instant updatedAt,
        Instant publishedAt) {

    /** {@link #state()} of a deleted monitor, kept until its tombstone is published. */
    public static final String DELETED = "deleted";

    /** Whether it was deleted. */
    public boolean deleted() {
        return DELETED.equals(state);
    }

    /** How often its windows run, or {@code null} when only triggered. */
    public Duration every() {
        return monitor.window().period();
    }

    /** Its {@code monitors} record. */
    public MonitorDefined event() {
        return new MonitorDefined(SchemaVersions.V1, id, name, state, createdAt, spec, monitor);
    }
}

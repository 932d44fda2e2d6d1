package dev.overton.generator.monitors;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The monitor scheduler's knobs. */
@ConfigMapping(prefix = "overton.monitors")
public interface MonitorConfig {

    /**
     * How often each generator instance looks for due windows (the {@code @Scheduled} expression reads the same key): a
     * window starts at most this long after its due time.
     */
    @WithDefault("1s")
    Duration tick();

    /** Most monitors one instance opens a window of per tick (the next tick takes the rest). */
    @WithDefault("20")
    int batchSize();

    /**
     * How long a window may stay opened without its run stored (the instance died in between) before another instance
     * stores it; and how long a monitor record may stay unpublished (Kafka down) before it is published again.
     */
    @WithDefault("30s")
    Duration redoAfter();

    /**
     * The shortest {@code window.every} that {@code POST /monitors} accepts (default {@code PT10S}, {@link
     * dev.overton.contracts.MonitorSpec.Window#MIN_EVERY}). Lower it only for tests: a window every few seconds is a
     * run every few seconds. Below {@link #tick()} it has no effect, windows open at most once per tick.
     */
    @WithDefault("PT10S")
    Duration minEvery();

    /** Whether to create the {@code monitors} topic compacted at startup when it is missing. */
    @WithDefault("true")
    boolean createTopic();
}

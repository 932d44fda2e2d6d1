package dev.overton.generator.catalog;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Retention of runs: how old a run may get before it is deleted like {@code DELETE /runs/{id}} does. */
@ConfigMapping(prefix = "overton.retention")
public interface RetentionConfig {

    /** Runs created longer ago than this (ISO-8601, e.g. P90D) are deleted; unset keeps every run. */
    Optional<Duration> maxAge();

    /** How often the sweep runs (the {@code @Scheduled} expression reads the same key). */
    @WithDefault("60s")
    Duration every();

    /** Most runs tombstoned per sweep (the next sweep takes the rest). */
    @WithDefault("100")
    int batchSize();

    /** How long a stored deletion may stay unpublished (Kafka down) before the sweep publishes it again. */
    @WithDefault("30s")
    Duration republishAfter();
}

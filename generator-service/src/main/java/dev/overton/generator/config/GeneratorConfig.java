package dev.overton.generator.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The generator's own settings, under {@code overton.*}. */
@ConfigMapping(prefix = "overton")
public interface GeneratorConfig {

    /** Where files named in run specs are looked up. */
    Files files();

    /** Publishing of accepted runs. */
    Outbox outbox();

    /** Where files named in run specs are looked up. */
    interface Files {
        /** Folder that relative dataset paths and replay sources are resolved against. */
        @WithDefault(".")
        String baseDir();
    }

    /** Publishing of accepted runs. */
    interface Outbox {
        /** How long an accepted run may stay unpublished (e.g. Kafka was down) before it is published again. */
        @WithDefault("30s")
        Duration republishAfter();
    }
}

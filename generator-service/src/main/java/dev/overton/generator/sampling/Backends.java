package dev.overton.generator.sampling;

import java.nio.file.Path;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;

import dev.overton.generator.config.GeneratorConfig;

/** The sampling backends this build offers, by the name a run spec uses. */
@ApplicationScoped
public class Backends {

    private final Map<String, SamplingBackend> byName;

    public Backends(GeneratorConfig config) {
        SamplingBackend replay = new ReplayBackend(Path.of(config.files().baseDir()));
        this.byName = Map.of(replay.name(), replay);
    }

    /** The backend called {@code name}, or {@code null}. */
    public SamplingBackend get(String name) {
        return name == null ? null : byName.get(name);
    }
}

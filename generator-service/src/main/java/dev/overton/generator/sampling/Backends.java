package dev.overton.generator.sampling;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

import dev.overton.contracts.files.FileSandbox;
import dev.overton.generator.config.GeneratorConfig;
import dev.overton.generator.sampling.jlama.JlamaBackend;
import dev.overton.generator.sampling.openai.OpenAiBackend;
import dev.overton.generator.sampling.openai.OpenAiSettings;
import dev.overton.generator.sampling.openai.RetryPolicy;
import dev.overton.jlama.JlamaSettings;

/**
 * The sampling backends this build offers, by the name a run spec uses. The backends themselves are plain Java; this
 * bean is where they get their configuration.
 */
@ApplicationScoped
public class Backends {

    private final Map<String, SamplingBackend> byName;

    public Backends(GeneratorConfig config, FileSandbox files, MeterRegistry registry, RunCancellation cancellation) {
        List<SamplingBackend> all = List.of(
                new ReplayBackend(files),
                new OpenAiBackend(openAiSettings(config.backends().openai()), registry, cancellation),
                new JlamaBackend(jlamaSettings(config.backends().jlama()), new GenerationMeters(registry, "jlama")));
        this.byName = all.stream().collect(Collectors.toUnmodifiableMap(SamplingBackend::name, Function.identity()));
    }

    /** The names of every backend this build offers, {@code replay} included. */
    public Set<String> names() {
        return new TreeSet<>(byName.keySet());
    }

    /** The backend called {@code name}, or {@code null}. */
    public SamplingBackend get(String name) {
        return name == null ? null : byName.get(name);
    }

    static JlamaSettings jlamaSettings(GeneratorConfig.Jlama config) {
        JlamaSettings settings = JlamaSettings.defaults().withTimeouts(config.connectTimeout(), config.readTimeout());
        if (config.offline()) {
            settings = settings.withOffline(true);
        }
        if (config.cacheDir().isPresent()) {
            settings = settings.withCacheDir(Path.of(config.cacheDir().get()));
        }
        return settings;
    }

    static OpenAiSettings openAiSettings(GeneratorConfig.OpenAi config) {
        return new OpenAiSettings(
                config.connectTimeout(),
                config.requestTimeout(),
                config.maxConcurrency(),
                config.apiKeyEnv(),
                new RetryPolicy(
                        config.retry().maxAttempts(),
                        config.retry().baseDelay(),
                        config.retry().maxDelay()),
                config.circuitBreaker().failureThreshold(),
                config.circuitBreaker().coolDown(),
                config.endpoints().values().stream()
                        .map(e -> new OpenAiSettings.EndpointSettings(e.url(), e.apiKeyEnv(), e.maxConcurrency()))
                        .toList());
    }
}

package dev.overton.jlama;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the folder of a model, downloading it from the Hugging Face hub into the cache on first use.
 *
 * <p>A model is named either by a local folder (used as it is when it holds {@code config.json}) or by a hub repo id
 * ({@code owner/name}), which is looked up in {@link JlamaSettings#cacheDir()} and fetched when absent. Downloads go
 * through a temporary folder that is renamed into place only when every file arrived, so an interrupted download is
 * never mistaken for a model. When the hub cannot be reached the resolution fails with a {@link
 * JlamaModelUnavailableException} after at most the configured timeouts, never by hanging.
 *
 * <p>jlama's own downloader is not used: it has neither timeouts nor a configurable hub address, so an offline machine
 * could wait forever and tests could not stand in for the hub. The cache layout is jlama's, though ({@code
 * owner_name} plus a {@code .finished} marker).
 */
public final class JlamaModels {

    /** The base model of the default demo pair: SmolLM2 135M, pretrained only. */
    public static final String SMOLLM2_BASE = "HuggingFaceTB/SmolLM2-135M";

    /** The aligned model of the default demo pair: SmolLM2 135M after instruction tuning and preference alignment. */
    public static final String SMOLLM2_INSTRUCT = "HuggingFaceTB/SmolLM2-135M-Instruct";

    /** The file that marks a cached model folder as complete. */
    public static final String FINISHED_MARKER = ".finished";

    private static final Pattern REPO_ID =
            Pattern.compile("(?:([A-Za-z0-9][A-Za-z0-9._-]{0,95})/)?([A-Za-z0-9][A-Za-z0-9._-]{0,95})");

    private final JlamaSettings settings;
    private final HubDownloader downloader;
    private final Map<Path, Object> downloadLocks = new ConcurrentHashMap<>();

    /** Resolves models with {@code settings}. */
    public JlamaModels(JlamaSettings settings) {
        this.settings = settings;
        this.downloader = new HubDownloader(settings);
    }

    /** The settings in use. */
    public JlamaSettings settings() {
        return settings;
    }

    /**
     * The folder of {@code model}, downloading it first when it is a hub repo id that is not cached yet.
     *
     * @param model a local model folder, or a hub repo id such as {@value #SMOLLM2_INSTRUCT}
     * @return the model folder, holding {@code config.json}
     * @throws IllegalArgumentException when {@code model} is neither a model folder nor a well-formed repo id
     * @throws JlamaModelUnavailableException when the model is not cached and cannot be downloaded
     */
    public Path resolve(String model) {
        Optional<Path> local = localFolder(model);
        if (local.isPresent()) {
            return local.get();
        }
        Path target = cachePath(model);
        if (isComplete(target)) {
            return target;
        }
        if (settings.offline()) {
            throw new JlamaModelUnavailableException(
                    model, target, "downloading is switched off (offline mode, e.g. HF_HUB_OFFLINE=1)", null);
        }
        synchronized (downloadLocks.computeIfAbsent(target, t -> new Object())) {
            if (isComplete(target)) {
                return target;
            }
            try {
                downloader.download(repoId(model), target);
            } catch (IOException | RuntimeException e) {
                throw new JlamaModelUnavailableException(
                        model,
                        target,
                        "downloading it from " + settings.hubEndpoint() + " failed (" + describe(e) + ")",
                        e);
            }
        }
        return target;
    }

    /**
     * The folder in the cache where the hub model {@code repoId} is (or will be) kept: {@code <cacheDir>/owner_name}.
     *
     * @throws IllegalArgumentException when {@code repoId} is not of the form {@code owner/name}
     */
    public Path cachePath(String repoId) {
        Matcher m = matchRepoId(repoId);
        String owner = m.group(1) == null ? "na" : m.group(1);
        return settings.cacheDir().resolve(owner + "_" + m.group(2));
    }

    /** Whether {@code model} can be loaded without the network: a local folder, or a completely cached repo. */
    public boolean isAvailableOffline(String model) {
        return localFolder(model).isPresent() || isComplete(cachePath(model));
    }

    private static Optional<Path> localFolder(String model) {
        if (model == null || model.isBlank()) {
            return Optional.empty();
        }
        Path path;
        try {
            path = Path.of(model);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (!Files.isDirectory(path)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(path.resolve("config.json"))) {
            throw new IllegalArgumentException("model folder " + path.toAbsolutePath()
                    + " has no config.json: give a folder with config.json, tokenizer.json and *.safetensors, or a"
                    + " Hugging Face repo id like owner/name");
        }
        return Optional.of(path.toAbsolutePath().normalize());
    }

    private static boolean isComplete(Path folder) {
        return Files.isRegularFile(folder.resolve(FINISHED_MARKER))
                && Files.isRegularFile(folder.resolve("config.json"));
    }

    private static String repoId(String model) {
        matchRepoId(model);
        return model;
    }

    private static Matcher matchRepoId(String repoId) {
        Matcher m = REPO_ID.matcher(repoId == null ? "" : repoId);
        if (!m.matches() || repoId.contains("..")) {
            throw new IllegalArgumentException("model '" + repoId + "' is neither a local model folder nor a Hugging"
                    + " Face repo id like " + SMOLLM2_INSTRUCT);
        }
        return m;
    }

    /** The messages of {@code e} and its causes, each once. */
    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (sb.indexOf(message) < 0) {
                sb.append(sb.isEmpty() ? "" : ": ").append(message);
            }
        }
        return sb.toString();
    }
}

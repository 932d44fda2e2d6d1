package dev.overton.jlama;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where embedded models are cached and how they are fetched when missing. A record of plain values so that the
 * service's configuration mapping can build it from its own settings, and tests can point the hub at a local server.
 *
 * @param cacheDir folder holding one sub-folder per downloaded model, named {@code owner_name} with a {@code
 *     .finished} marker once complete (the layout jlama's own downloader uses, so folders it fetched into the same
 *     place are reused)
 * @param hubEndpoint base URL of the Hugging Face hub, or of a mirror speaking the same API
 * @param connectTimeout how long to wait for the hub to accept a connection
 * @param readTimeout the longest silence tolerated while reading a hub response; a stalled download fails after it
 *     instead of hanging the run
 * @param offline never contact the hub: a model that is not cached fails at once
 * @param hubToken a Hugging Face access token for gated models, or {@code null}
 */
public record JlamaSettings(
        Path cacheDir,
        URI hubEndpoint,
        Duration connectTimeout,
        Duration readTimeout,
        boolean offline,
        String hubToken) {

    /** The hub that model ids refer to. */
    public static final URI HUGGING_FACE = URI.create("https://huggingface.co");

    /** Validates the settings. */
    public JlamaSettings {
        Objects.requireNonNull(cacheDir, "cacheDir is required");
        Objects.requireNonNull(hubEndpoint, "hubEndpoint is required");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        cacheDir = cacheDir.toAbsolutePath().normalize();
    }

    /**
     * Settings from the environment, as the Hugging Face tools read it: the cache in {@code
     * ${user.home}/.cache/overton/jlama}, the hub at {@code HF_ENDPOINT} (default {@code https://huggingface.co}),
     * offline when {@code HF_HUB_OFFLINE} is {@code 1} or {@code true}, the token from {@code HF_TOKEN}; 10 s to
     * connect, 30 s of read silence.
     */
    public static JlamaSettings defaults() {
        return fromEnvironment(System.getenv(), System.getProperty("user.home"));
    }

    static JlamaSettings fromEnvironment(Map<String, String> env, String userHome) {
        String endpoint = env.get("HF_ENDPOINT");
        String offline = env.getOrDefault("HF_HUB_OFFLINE", "");
        String token = env.get("HF_TOKEN");
        return new JlamaSettings(
                defaultCacheDir(userHome),
                endpoint == null || endpoint.isBlank() ? HUGGING_FACE : URI.create(endpoint.strip()),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                offline.equals("1") || offline.equalsIgnoreCase("true"),
                token == null || token.isBlank() ? null : token.strip());
    }

    /** {@code ${user.home}/.cache/overton/jlama}. */
    public static Path defaultCacheDir(String userHome) {
        return Path.of(userHome, ".cache", "overton", "jlama");
    }

    /** The same settings with another cache folder (the explicit setting wins over the default). */
    public JlamaSettings withCacheDir(Path newCacheDir) {
        return new JlamaSettings(newCacheDir, hubEndpoint, connectTimeout, readTimeout, offline, hubToken);
    }

    /** The same settings with another hub base URL. */
    public JlamaSettings withHubEndpoint(URI newHubEndpoint) {
        return new JlamaSettings(cacheDir, newHubEndpoint, connectTimeout, readTimeout, offline, hubToken);
    }

    /** The same settings with other network timeouts. */
    public JlamaSettings withTimeouts(Duration newConnectTimeout, Duration newReadTimeout) {
        return new JlamaSettings(cacheDir, hubEndpoint, newConnectTimeout, newReadTimeout, offline, hubToken);
    }

    /** The same settings, never contacting the hub when {@code newOffline} is true. */
    public JlamaSettings withOffline(boolean newOffline) {
        return new JlamaSettings(cacheDir, hubEndpoint, connectTimeout, readTimeout, newOffline, hubToken);
    }

    /** Keeps the token out of logs. */
    @Override
    public String toString() {
        return "JlamaSettings[cacheDir=" + cacheDir + ", hubEndpoint=" + hubEndpoint + ", connectTimeout="
                + connectTimeout + ", readTimeout=" + readTimeout + ", offline=" + offline + ", hubToken="
                + (hubToken == null ? "none" : "***") + "]";
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
        }
    }
}

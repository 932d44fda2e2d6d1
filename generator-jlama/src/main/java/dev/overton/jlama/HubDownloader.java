package dev.overton.jlama;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Fetches the files of one model from the Hugging Face hub API ({@code /api/models/<repo>/tree/main} to list, {@code
 * /<repo>/resolve/main/<file>} to download), bounded by the settings' timeouts at every step: host lookup, connect,
 * and each read, so that a machine without network fails within seconds and a stalled transfer fails after the read
 * timeout.
 */
final class HubDownloader {

    private static final System.Logger LOG = System.getLogger(HubDownloader.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MODEL_FILES = List.of(
            "config.json",
            "generation_config.json",
            "tokenizer.json",
            "tokenizer_config.json",
            "special_tokens_map.json",
            "model.safetensors.index.json");

    private final JlamaSettings settings;

    HubDownloader(JlamaSettings settings) {
        this.settings = settings;
    }

    /** Downloads {@code repoId} into {@code target}, which exists and is complete when this returns. */
    void download(String repoId, Path target) throws IOException {
        requireResolvableHost();
        List<RemoteFile> files = listModelFiles(repoId);
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempDirectory(target.getParent(), ".download-" + target.getFileName() + "-");
        try {
            long total = files.stream().mapToLong(RemoteFile::size).sum();
            LOG.log(
                    Level.INFO,
                    "Downloading model {0} ({1} files, {2} MB) from {3} to {4}",
                    repoId,
                    files.size(),
                    total / (1024 * 1024),
                    settings.hubEndpoint(),
                    target);
            for (RemoteFile file : files) {
                fetch(repoId, file, partial.resolve(file.path()));
            }
            Files.createFile(partial.resolve(JlamaModels.FINISHED_MARKER));
            moveIntoPlace(partial, target);
            LOG.log(Level.INFO, "Downloaded model {0} to {1}", repoId, target);
        } finally {
            deleteRecursively(partial);
        }
    }

    private List<RemoteFile> listModelFiles(String repoId) throws IOException {
        JsonNode tree;
        HttpURLConnection connection = open(settings.hubEndpoint() + "/api/models/" + repoId + "/tree/main");
        try (InputStream in = successfulBody(connection, "listing the files of " + repoId)) {
            tree = JSON.readTree(in);
        } finally {
            connection.disconnect();
        }
        List<RemoteFile> wanted = new ArrayList<>();
        boolean hasConfig = false;
        boolean hasTokenizer = false;
        boolean hasWeights = false;
        for (JsonNode entry : tree) {
            String path = entry.path("path").asText("");
            if (!entry.path("type").asText("file").equals("file") || path.contains("/")) {
                continue;
            }
            boolean weights = path.endsWith(".safetensors") && !path.startsWith("consolidated");
            if (weights || MODEL_FILES.contains(path)) {
                // For files stored in LFS (the weights) the hub reports the object's size under "lfs".
                long size =
                        entry.path("lfs").path("size").asLong(entry.path("size").asLong(-1));
                wanted.add(new RemoteFile(path, size));
                hasConfig |= path.equals("config.json");
                hasTokenizer |= path.equals("tokenizer.json");
                hasWeights |= weights;
            }
        }
        if (!hasConfig || !hasTokenizer || !hasWeights) {
            throw new IOException("the hub repo " + repoId + " lacks what jlama needs (config.json: " + hasConfig
                    + ", tokenizer.json: " + hasTokenizer + ", *.safetensors weights: " + hasWeights + ")");
        }
        return wanted;
    }

    private void fetch(String repoId, RemoteFile file, Path destination) throws IOException {
        String url = settings.hubEndpoint() + "/" + repoId + "/resolve/main/"
                + URLEncoder.encode(file.path(), StandardCharsets.UTF_8).replace("+", "%20");
        HttpURLConnection connection = open(url);
        long written;
        try (InputStream in = successfulBody(connection, "downloading " + file.path());
                OutputStream out = Files.newOutputStream(destination)) {
            written = in.transferTo(out);
        } finally {
            connection.disconnect();
        }
        long expected = file.size() >= 0 ? file.size() : connection.getContentLengthLong();
        if (expected >= 0 && written != expected) {
            throw new IOException(
                    "download of " + file.path() + " was cut short: " + written + " of " + expected + " bytes");
        }
    }

    /**
     * Opens {@code url}, following up to five redirects by hand: the hub sends weights to a CDN on another host (where
     * the access token must not follow) and {@link HttpURLConnection} would not follow a change of protocol.
     */
    private HttpURLConnection open(String url) throws IOException {
        URI uri = URI.create(url);
        String origin = uri.getHost();
        for (int hop = 0; hop <= 5; hop++) {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(
                    Math.toIntExact(settings.connectTimeout().toMillis()));
            connection.setReadTimeout(Math.toIntExact(settings.readTimeout().toMillis()));
            connection.setInstanceFollowRedirects(false);
            connection.setRequestProperty("User-Agent", "overton-jlama");
            if (settings.hubToken() != null && origin.equalsIgnoreCase(uri.getHost())) {
                connection.setRequestProperty("Authorization", "Bearer " + settings.hubToken());
            }
            int status = connection.getResponseCode();
            String location = connection.getHeaderField("Location");
            if (status < 300 || status >= 400 || status == 304 || location == null) {
                return connection;
            }
            connection.disconnect();
            uri = uri.resolve(location);
        }
        throw new IOException("more than 5 redirects for " + url);
    }

    private static InputStream successfulBody(HttpURLConnection connection, String what) throws IOException {
        int status = connection.getResponseCode();
        if (status == 200) {
            return connection.getInputStream();
        }
        String hint = switch (status) {
            case 401, 403 -> " (a gated or private model: set HF_TOKEN to an access token that may read it)";
            case 404 -> " (no such model or file on the hub: check the model id)";
            default -> "";
        };
        throw new IOException(what + " got HTTP " + status + " from " + connection.getURL() + hint);
    }

    /**
     * Host lookup is not covered by the connect timeout of {@link HttpURLConnection}; on a machine with a broken
     * resolver it can take much longer, so it gets the connect timeout here.
     */
    private void requireResolvableHost() throws IOException {
        String host = settings.hubEndpoint().getHost();
        if (host == null) {
            throw new IOException("the hub endpoint " + settings.hubEndpoint() + " has no host");
        }
        CompletableFuture<InetAddress[]> lookup = CompletableFuture.supplyAsync(() -> {
            try {
                return InetAddress.getAllByName(host);
            } catch (IOException e) {
                throw new LookupFailure(e);
            }
        });
        try {
            lookup.get(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("looking up " + host + " took longer than " + settings.connectTimeout(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof LookupFailure f ? f.getCause() : e.getCause();
            throw new IOException("cannot look up " + host, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while looking up " + host, e);
        }
    }

    private static void moveIntoPlace(Path partial, Path target) throws IOException {
        if (Files.exists(target) && !Files.isRegularFile(target.resolve(JlamaModels.FINISHED_MARKER))) {
            // A folder without the marker is what an interrupted jlama download leaves behind.
            deleteRecursively(target);
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // Another process finished the same download first; its copy is as good as ours.
            if (!Files.isRegularFile(target.resolve(JlamaModels.FINISHED_MARKER))) {
                throw e;
            }
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target);
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private record RemoteFile(String path, long size) {}

    private static final class LookupFailure extends RuntimeException {
        LookupFailure(IOException cause) {
            super(cause);
        }
    }
}

package dev.overton.jlama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Model resolution: local folders, the cache, and downloads from a hub that is local, closed, stalled or broken. */
@Timeout(30)
class JlamaModelsTest {

    @TempDir
    Path tmp;

    private JlamaSettings settings(URI hub) {
        return JlamaSettings.defaults()
                .withCacheDir(tmp.resolve("cache"))
                .withHubEndpoint(hub)
                .withOffline(false)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500));
    }

    @Test
    void localFolderWithConfigIsUsedAsItIs() throws IOException {
        Path folder = TinyLlamaModel.base().writeTo(tmp, "local");

        assertThat(new JlamaModels(settings(JlamaSettings.HUGGING_FACE)).resolve(folder.toString()))
                .isEqualTo(folder.toAbsolutePath().normalize());
    }

    @Test
    void folderWithoutConfigIsRejectedNamingWhatIsMissing() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("empty"));

        assertThatThrownBy(() -> new JlamaModels(settings(JlamaSettings.HUGGING_FACE)).resolve(folder.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no config.json");
    }

    @Test
    void malformedModelIdsAreRejected() {
        JlamaModels models = new JlamaModels(settings(JlamaSettings.HUGGING_FACE));

        for (String bad : List.of("../etc", "a/b/c", "owner/na..me", "", "owner/")) {
            assertThatThrownBy(() -> models.resolve(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("neither a local model folder nor a Hugging Face repo id");
        }
    }

    @Test
    void cachePathIsOwnerUnderscoreNameAsJlamaLaysItOut() {
        JlamaModels models = new JlamaModels(settings(JlamaSettings.HUGGING_FACE));

        assertThat(models.cachePath(JlamaModels.SMOLLM2_INSTRUCT))
                .isEqualTo(tmp.resolve("cache").resolve("HuggingFaceTB_SmolLM2-135M-Instruct"));
    }

    @Test
    void missingModelIsDownloadedOnceAndThenResolvedWithoutTheHub() throws IOException {
        Path source = TinyLlamaModel.instruct().writeTo(tmp, "source");
        try (FakeHub hub = new FakeHub().serve("test/tiny", source)) {
            JlamaModels models = new JlamaModels(settings(hub.endpoint()));

            Path folder = models.resolve("test/tiny");
            int requestsForDownload = hub.requests();
            hub.close();
            Path again = models.resolve("test/tiny");

            assertThat(folder).isEqualTo(models.cachePath("test/tiny"));
            assertThat(again).isEqualTo(folder);
            assertThat(folder.resolve(JlamaModels.FINISHED_MARKER)).exists();
            for (String file : FakeHub.modelFiles()) {
                assertThat(folder.resolve(file)).hasSameBinaryContentAs(source.resolve(file));
            }
            assertThat(requestsForDownload).isEqualTo(1 + FakeHub.modelFiles().size());
            assertThat(leftovers()).isEmpty();
            assertThat(models.isAvailableOffline("test/tiny")).isTrue();
        }
    }

    @Test
    void redirectToAnotherHostIsFollowedWithoutTheAccessToken() throws IOException {
        Path source = TinyLlamaModel.instruct().writeTo(tmp, "source");
        try (FakeHub hub = new FakeHub().serve("test/tiny", source).redirectWeightsTo("localhost")) {
            JlamaSettings withToken = new JlamaSettings(
                    tmp.resolve("cache"), hub.endpoint(), Duration.ofSeconds(2), Duration.ofSeconds(2), false, "tok");

            Path folder = new JlamaModels(withToken).resolve("test/tiny");

            assertThat(folder.resolve("model.safetensors")).hasSameBinaryContentAs(source.resolve("model.safetensors"));
            assertThat(hub.authorizationByPath())
                    .containsEntry("/api/models/test/tiny/tree/main", "Bearer tok")
                    .containsEntry("/test/tiny/resolve/main/model.safetensors", "Bearer tok")
                    .containsEntry("/cdn/test~tiny/model.safetensors", "none");
        }
    }

    @Test
    void downloadedModelGenerates() throws IOException {
        Path source = TinyLlamaModel.instruct().writeTo(tmp, "source");
        try (FakeHub hub = new FakeHub().serve("test/tiny", source);
                JlamaEngine engine = new JlamaEngine(new JlamaModels(settings(hub.endpoint())))) {
            JlamaCompletion c = engine.generate(
                    JlamaCall.chat("test/tiny", List.of(JlamaCall.Message.user("Hi")), 0.0, 3, null, List.of()));

            assertThat(c.completionTokens()).isEqualTo(3);
        }
    }

    @Test
    void closedHubPortFailsFastNamingModelCachePathAndAlternatives() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        JlamaModels models = new JlamaModels(settings(URI.create("http://127.0.0.1:" + closedPort)));
        Path expectedCache = tmp.resolve("cache").resolve("HuggingFaceTB_SmolLM2-135M");

        assertThatThrownBy(() -> models.resolve(JlamaModels.SMOLLM2_BASE))
                .isInstanceOf(JlamaModelUnavailableException.class)
                .hasMessageContaining(JlamaModels.SMOLLM2_BASE)
                .hasMessageContaining(expectedCache.toString())
                .hasMessageContaining("run once with network access")
                .hasMessageContaining("'openai' backend")
                .hasMessageContaining("'replay'")
                .satisfies(e -> assertThat(((JlamaModelUnavailableException) e).cachePath())
                        .isEqualTo(expectedCache));
        assertThat(expectedCache).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void hubThatAcceptsButNeverAnswersFailsAfterTheReadTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        Socket s = silent.accept();
                        synchronized (accepted) {
                            accepted.add(s);
                        }
                        // Read the request and never answer.
                        InputStream in = s.getInputStream();
                        in.read(new byte[1024]);
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            JlamaModels models = new JlamaModels(settings(URI.create("http://127.0.0.1:" + silent.getLocalPort())));

            long start = System.nanoTime();
            assertThatThrownBy(() -> models.resolve("test/tiny"))
                    .isInstanceOf(JlamaModelUnavailableException.class)
                    .hasMessageContaining("timed out");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            acceptor.interrupt();
        }
    }

    @Test
    void failedDownloadLeavesNoPartialModelBehind() throws IOException {
        Path source = TinyLlamaModel.instruct().writeTo(tmp, "source");
        try (FakeHub hub = new FakeHub().serve("test/tiny", source).failOn("model.safetensors")) {
            JlamaModels models = new JlamaModels(settings(hub.endpoint()));

            assertThatThrownBy(() -> models.resolve("test/tiny"))
                    .isInstanceOf(JlamaModelUnavailableException.class)
                    .hasMessageContaining("HTTP 500");
            assertThat(models.cachePath("test/tiny")).doesNotExist();
            assertThat(leftovers()).isEmpty();
        }
    }

    @Test
    void offlineModeNeverContactsTheHub() throws IOException {
        Path source = TinyLlamaModel.instruct().writeTo(tmp, "source");
        try (FakeHub hub = new FakeHub().serve("test/tiny", source)) {
            JlamaModels models = new JlamaModels(settings(hub.endpoint()).withOffline(true));

            assertThatThrownBy(() -> models.resolve("test/tiny"))
                    .isInstanceOf(JlamaModelUnavailableException.class)
                    .hasMessageContaining("offline");
            assertThat(hub.requests()).isZero();
        }
    }

    @Test
    void unknownRepoIsReportedAsNotFoundOnTheHub() throws IOException {
        try (FakeHub hub = new FakeHub()) {
            JlamaModels models = new JlamaModels(settings(hub.endpoint()));

            assertThatThrownBy(() -> models.resolve("nobody/nothing"))
                    .isInstanceOf(JlamaModelUnavailableException.class)
                    .hasMessageContaining("HTTP 404")
                    .hasMessageContaining("check the model id");
        }
    }

    @Test
    void repoWithoutSafetensorsIsReportedAsUnusable() throws IOException {
        Path source = TinyLlamaModel.instruct().writeTo(tmp, "source");
        Files.move(source.resolve("model.safetensors"), source.resolve("pytorch_model.bin"));
        try (FakeHub hub = new FakeHub().serve("test/tiny", source)) {
            JlamaModels models = new JlamaModels(settings(hub.endpoint()));

            assertThatThrownBy(() -> models.resolve("test/tiny"))
                    .isInstanceOf(JlamaModelUnavailableException.class)
                    .hasMessageContaining("*.safetensors weights: false");
        }
    }

    @Test
    void defaultsFollowTheHuggingFaceEnvironmentVariables() {
        JlamaSettings fromEnv = JlamaSettings.fromEnvironment(
                Map.of("HF_ENDPOINT", "http://mirror.local:8080", "HF_HUB_OFFLINE", "1", "HF_TOKEN", "secret"),
                "/home/someone");
        JlamaSettings plain = JlamaSettings.fromEnvironment(Map.of(), "/home/someone");

        assertThat(fromEnv.cacheDir()).isEqualTo(Path.of("/home/someone/.cache/overton/jlama"));
        assertThat(fromEnv.hubEndpoint()).isEqualTo(URI.create("http://mirror.local:8080"));
        assertThat(fromEnv.offline()).isTrue();
        assertThat(fromEnv.hubToken()).isEqualTo("secret");
        assertThat(fromEnv.toString()).doesNotContain("secret");
        assertThat(plain.hubEndpoint()).isEqualTo(JlamaSettings.HUGGING_FACE);
        assertThat(plain.offline()).isFalse();
        assertThat(plain.hubToken()).isNull();
    }

    private List<Path> leftovers() throws IOException {
        Path cache = tmp.resolve("cache");
        if (!Files.exists(cache)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(cache)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(".download-"))
                    .toList();
        }
    }
}

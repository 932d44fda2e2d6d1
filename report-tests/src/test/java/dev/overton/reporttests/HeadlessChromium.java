package dev.overton.reporttests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs Debian's Chromium headless, one process per page: {@code --dump-dom} for the DOM after parsing and layout, and
 * {@code --screenshot} for a PNG. Each run gets a fresh profile folder, deleted afterwards, and is cut off after a
 * timeout. Network features that would call out (component updates, sync, QUIC, background networking) are off, so a
 * test run never leaves the machine.
 */
final class HeadlessChromium {

    /** Where Debian's {@code chromium} package installs the browser. */
    static final Path DEBIAN = Path.of("/usr/bin/chromium");

    private static final long TIMEOUT_SECONDS = 120;

    /** Headless, and nothing that would call out: component updates, sync, QUIC, background networking. */
    static final List<String> OFFLINE = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync");

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** The browser at {@code -Dchromium.path}, else Debian's, if it is installed. */
    private static Optional<HeadlessChromium> find() {
        String configured = System.getProperty("chromium.path", "");
        Path path = configured.isBlank() ? DEBIAN : Path.of(configured);
        return Files.isExecutable(path) ? Optional.of(new HeadlessChromium(path)) : Optional.empty();
    }

    /** The browser {@link #find()} finds, else a skipped test (a JUnit assumption) saying how to install one. */
    static HeadlessChromium findOrSkip() {
        HeadlessChromium chromium = find().orElse(null);
        assumeTrue(
                chromium != null,
                "skipping the browser test: no Chromium at " + DEBIAN
                        + " (install it with 'apt-get install -y chromium', or give -Dchromium.path=...)");
        return chromium;
    }

    /** A browser of its own, driven over the DevTools protocol; close it when done. */
    DevToolsSession drive() throws IOException, InterruptedException {
        return DevToolsSession.start(executable);
    }

    /** The serialised DOM of {@code page} once loaded. */
    String dumpDom(URI page) throws IOException, InterruptedException {
        return run(List.of("--dump-dom"), page);
    }

    /** Saves a {@code width} × {@code height} screenshot of {@code page} to {@code png}. */
    void screenshot(URI page, Path png, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height), page);
        if (!Files.isRegularFile(png)) {
            throw new IOException("chromium wrote no screenshot to " + png);
        }
    }

    private String run(List<String> options, URI page) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("overton-chromium-");
        Path stdout = Files.createTempFile("overton-chromium-", ".out");
        Path stderr = Files.createTempFile("overton-chromium-", ".err");
        try {
            List<String> command = new ArrayList<>(List.of(executable.toString()));
            command.addAll(OFFLINE);
            command.add("--user-data-dir=" + profile);
            command.addAll(options);
            command.add(page.toString());
            Process process = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IOException("chromium exited with " + process.exitValue() + ": "
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
            deleteTree(profile);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        // A helper process still finishing may add a file while the tree is deleted: walk again, a few times.
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
                return;
            } catch (java.nio.file.DirectoryNotEmptyException | java.nio.file.NoSuchFileException e) {
                if (attempt == 5) {
                    throw e;
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}

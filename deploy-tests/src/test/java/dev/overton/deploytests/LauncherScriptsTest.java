package dev.overton.deploytests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/overton and bin/overton-cli as a user runs them (issue #13 defect 3, issue #12): the services of the key-less
 * {@code local} profile listen on loopback with an explicit heap, another address is refused unless forced, and the
 * command-line client runs on a JDK 21+ even when the default {@code java} is older. Nothing is started: the commands
 * under test print or refuse before any process is launched.
 */
class LauncherScriptsTest {

    private static final Path OVERTON = Project.path("bin/overton");
    private static final Path OVERTON_CLI = Project.path("bin/overton-cli");

    @Test
    void localServicesListenOnLoopbackWithAnExplicitHeap() throws Exception {
        for (String service : Project.SERVICES) {
            Result r = run(Map.of(), OVERTON.toString(), "service-command", service);

            assertThat(r.status()).as("%s: %s", service, r.err()).isZero();
            assertThat(r.lines())
                    .as("bin/overton service-command %s", service)
                    .contains("-Dquarkus.profile=local", "-Dquarkus.http.host=127.0.0.1")
                    .anySatisfy(arg -> assertThat(arg).matches("-Xmx\\d+[mg]"))
                    .last()
                    .isEqualTo(Project.path(service + "/target/quarkus-app/quarkus-run.jar")
                            .toString());
        }
    }

    @Test
    void aNonLoopbackAddressIsRefusedBeforeAnythingStarts() throws Exception {
        for (String host : List.of("0.0.0.0", "192.168.1.20", "overton.example.org", "::")) {
            Result print =
                    run(Map.of("OVERTON_HTTP_HOST", host), OVERTON.toString(), "service-command", "scorer-service");
            assertThat(print.status()).as("service-command on %s", host).isEqualTo(1);
            assertThat(print.err()).contains("refusing", host, "OVERTON_ALLOW_REMOTE_LOCAL=1", "--force-remote");
            assertThat(print.out()).isEmpty();

            // 'up' refuses first, so no half-started stack is left behind (the check precedes Kafka and PostgreSQL).
            Result up = run(Map.of("OVERTON_HTTP_HOST", host), OVERTON.toString(), "up");
            assertThat(up.status()).as("up on %s", host).isEqualTo(1);
            assertThat(up.err()).contains("refusing");
            assertThat(up.out()).doesNotContain("kafka", "postgresql");
        }
        for (String host : List.of("127.0.0.1", "127.0.1.1", "localhost", "::1")) {
            Result r = run(Map.of("OVERTON_HTTP_HOST", host), OVERTON.toString(), "service-command", "icl-service");
            assertThat(r.status()).as("loopback %s: %s", host, r.err()).isZero();
            assertThat(r.lines()).contains("-Dquarkus.http.host=" + host);
        }
    }

    @Test
    void aNonLoopbackAddressNeedsAnExplicitForce() throws Exception {
        Result byEnvironment = run(
                Map.of("OVERTON_HTTP_HOST", "0.0.0.0", "OVERTON_ALLOW_REMOTE_LOCAL", "1"),
                OVERTON.toString(),
                "service-command",
                "generator-service");
        assertThat(byEnvironment.status()).isZero();
        assertThat(byEnvironment.lines()).contains("-Dquarkus.http.host=0.0.0.0");
        assertThat(byEnvironment.err()).contains("warning", "without an API key");

        Result byFlag = run(
                Map.of("OVERTON_HTTP_HOST", "10.0.0.7"),
                OVERTON.toString(),
                "service-command",
                "generator-service",
                "--force-remote");
        assertThat(byFlag.status()).isZero();
        assertThat(byFlag.lines()).contains("-Dquarkus.http.host=10.0.0.7");

        Result heap = run(Map.of("OVERTON_SCORER_HEAP", "3g"), OVERTON.toString(), "service-command", "scorer-service");
        assertThat(heap.lines()).contains("-Xmx3g");
    }

    @Test
    void helpSaysWhereLocalListensAndHowToForceIt() throws Exception {
        Result r = run(Map.of(), OVERTON.toString(), "help");

        assertThat(r.status()).isZero();
        assertThat(r.out())
                .contains("127.0.0.1 only (-Dquarkus.http.host)")
                .contains("OVERTON_ALLOW_REMOTE_LOCAL=1")
                .contains("--force-remote")
                .contains("OVERTON_SCORER_HEAP")
                .contains("bin/overton-cli");
    }

    /**
     * The README's first command failed on a machine whose default {@code java} is 17 (class file version 65). The
     * launcher picks a JDK 21+ whatever {@code JAVA_HOME} and {@code PATH} offer first, and passes every argument on.
     */
    @Test
    void cliLauncherRunsTheClientOnAJdk21OrNewerWithItsArguments(@TempDir Path dir) throws Exception {
        Path jar = versionPrintingJar(dir);
        Path old = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        Map<String, String> env = new java.util.HashMap<>(Map.of("OVERTON_CLI_JAR", jar.toString()));
        if (Files.isExecutable(old.resolve("bin/java"))) {
            // The machine's old default, first everywhere the launcher looks.
            env.put("JAVA_HOME", old.toString());
            env.put("PATH", old.resolve("bin") + ":" + System.getenv("PATH"));
        }
        for (List<String> command : List.of(
                List.of(OVERTON_CLI.toString(), "--help", "two words"),
                List.of(OVERTON.toString(), "cli", "--help", "two words"))) {
            Result r = run(env, command.toArray(String[]::new));

            assertThat(r.status()).as("%s: %s", command, r.err()).isZero();
            assertThat(r.lines()).hasSize(2);
            assertThat(Integer.parseInt(r.lines().get(0)))
                    .as("%s: Java feature version", command)
                    .isGreaterThanOrEqualTo(21);
            assertThat(r.lines().get(1)).isEqualTo("[--help, two words]");
        }

        Result missing = run(Map.of("OVERTON_CLI_JAR", dir.resolve("none.jar").toString()), OVERTON_CLI.toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("OVERTON_CLI_JAR names no file");
    }

    /** A runnable jar, compiled for Java 21, whose main prints the running Java's feature version and its arguments. */
    private static Path versionPrintingJar(Path dir) throws IOException {
        Path source = dir.resolve("PrintVersion.java");
        Files.writeString(
                source,
                "public class PrintVersion { public static void main(String[] a) {"
                        + " System.out.println(Runtime.version().feature());"
                        + " System.out.println(java.util.Arrays.toString(a)); } }");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "--release", "21", "-d", dir.toString(), source.toString()))
                .isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "PrintVersion");
        Path jar = dir.resolve("print-version.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("PrintVersion.class"));
            out.write(Files.readAllBytes(dir.resolve("PrintVersion.class")));
            out.closeEntry();
        }
        return jar;
    }

    private record Result(int status, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
        }
    }

    private static Result run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(Project.ROOT.toFile());
        // Settings of the environment the build runs in must not decide the outcome.
        builder.environment()
                .keySet()
                .removeAll(List.of(
                        "OVERTON_HTTP_HOST",
                        "OVERTON_ALLOW_REMOTE_LOCAL",
                        "OVERTON_GENERATOR_HEAP",
                        "OVERTON_SCORER_HEAP",
                        "OVERTON_ICL_HEAP",
                        "OVERTON_CLI_JAR"));
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS))
                .as("%s finished", List.of(command))
                .isTrue();
        return new Result(
                p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}

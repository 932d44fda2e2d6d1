package dev.overton.jlama;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class JlamaRuntimeTest {

    @Test
    void missingVectorModuleIsReportedWithTheFlagToAdd() {
        assertThat(JlamaRuntime.unsupportedReason(false, false))
                .hasValueSatisfying(reason -> assertThat(reason).contains("--add-modules jdk.incubator.vector"));
    }

    @Test
    void nativeImageIsReportedAsUnsupportedWithTheAlternatives() {
        assertThat(JlamaRuntime.unsupportedReason(false, true))
                .hasValueSatisfying(reason ->
                        assertThat(reason).contains("GraalVM native image").contains("'openai' backend"));
    }

    @Test
    void thisTestJvmStartedWithTheFlagsIsSupported() {
        assertThat(JlamaRuntime.unsupportedReason()).isEmpty();
    }

    @Test
    @Timeout(60)
    void engineInAJvmWithoutTheVectorModuleFailsNamingTheFlagInsteadOfAClassLoadingError()
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder(
                        List.of(java, "-cp", System.getProperty("java.class.path"), RuntimeProbe.class.getName()))
                .redirectErrorStream(true)
                .start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(output).contains("start the JVM with --add-modules jdk.incubator.vector");
        assertThat(output).doesNotContain("NoClassDefFoundError").doesNotContain("ClassNotFoundException");
        assertThat(probe.exitValue()).isEqualTo(3);
    }
}

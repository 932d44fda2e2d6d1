package dev.overton.deploytests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The parsing the other tests rely on reads what the services really configure (so they cannot pass vacuously). */
class ServiceConfigTest {

    @Test
    void readsPortsEnvironmentAndConsumers() {
        for (String service : Project.SERVICES) {
            ServiceConfig c = ServiceConfig.of(service);
            assertThat(c.httpPort()).as("%s quarkus.http.port", service).isBetween(1, 65535);
            assertThat(c.envVars())
                    .as("%s reads Kafka and database settings from the environment", service)
                    .contains("KAFKA_BOOTSTRAP_SERVERS", "DB_HOST", "DB_PASSWORD");
            assertThat(c.incoming()).as("%s consumes topics", service).isNotEmpty();
        }
        ServiceConfig.Channel scorer = ServiceConfig.of("scorer-service").consumerOf("sample-sets");
        assertThat(scorer.groupId()).isEqualTo("scorer-service");
    }

    @Test
    void readsWhatTheCodeTheImageAndThePomAddToTheEnvironment() {
        ServiceConfig generator = ServiceConfig.of("generator-service");
        // The jlama engine (generator-jlama, a library of the generator) reads the Hugging Face variables itself.
        assertThat(Project.moduleWithLibraries("generator-service")).contains("generator-jlama", "messaging-support");
        assertThat(generator.codeEnvVars()).contains("HF_ENDPOINT", "HF_HUB_OFFLINE", "HF_TOKEN");
        assertThat(generator.credentialEnvVars()).contains("HF_TOKEN", "OPENAI_API_KEY", "OVERTON_API_KEYS");
        assertThat(generator.credentialEnvVars()).doesNotContain("DB_PASSWORD");
        for (String service : Project.SERVICES) {
            ServiceConfig c = ServiceConfig.of(service);
            assertThat(c.imageEnv()).as("%s Dockerfile.jvm ENV", service).containsKey(ServiceConfig.JAVA_OPTS_APPEND);
            assertThat(c.requiredJvmOptions()).as("%s JVM options", service).isNotEmpty();
            assertThat(c.topics()).as("%s topics", service).contains("sample-sets");
        }
        assertThat(generator.jvmArgs()).anyMatch(a -> a.contains("--add-modules jdk.incubator.vector"));
        assertThat(generator.jvmOptionProblems("-Dquarkus.http.host=0.0.0.0")).isNotEmpty();
        assertThat(generator.jvmOptionProblems(null)).isNotEmpty();
        assertThat(ServiceConfig.cacheDirs(Map.of(
                        ServiceConfig.JAVA_OPTS_APPEND,
                        "-Xmx1g -Doverton.backends.jlama.cache-dir=/var/cache/j -Da=b",
                        "OVERTON_JLAMA_CACHE_DIR",
                        "/var/cache/k",
                        "OVERTON_FILES_DIR",
                        "/srv/overton")))
                .containsExactlyInAnyOrder("/var/cache/j", "/var/cache/k");
    }

    @Test
    void topicsHaveSeveralPartitions() {
        assertThat(ServiceConfig.partitions()).isGreaterThan(1);
    }
}

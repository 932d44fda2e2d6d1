package dev.overton.deploytests;

import static org.assertj.core.api.Assertions.assertThat;

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
    void topicsHaveSeveralPartitions() {
        assertThat(ServiceConfig.partitions()).isGreaterThan(1);
    }
}

package dev.overton.generator.monitors.messaging;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;

import dev.overton.generator.monitors.MonitorConfig;

/**
 * Creates the {@code monitors} topic compacted ({@code cleanup.policy=compact}) at startup when it does not exist yet,
 * so that it keeps the latest definition of every monitor however old. A broker that auto-creates topics would
 * otherwise create it with the default policy (delete) on the first publish, and old definitions would expire. An
 * existing topic is left as it is (an operator may have set it up); a failure is logged, never fatal.
 */
@ApplicationScoped
public class CompactedMonitorTopic {

    private static final Logger LOG = Logger.getLogger(CompactedMonitorTopic.class);

    void onStart(
            @Observes StartupEvent event,
            Vertx vertx,
            MonitorConfig config,
            @ConfigProperty(name = "mp.messaging.outgoing.monitors-out.topic") String topic,
            @ConfigProperty(name = "kafka.bootstrap.servers") String servers) {
        if (!config.createTopic()) {
            return;
        }
        // Off the startup thread: an unreachable broker must not hold up startup.
        vertx.executeBlocking(() -> {
                    createIfMissing(servers, topic);
                    return null;
                })
                .subscribe()
                .with(ok -> {}, e -> LOG.warnf("could not check the %s topic: %s", topic, e.toString()));
    }

    private static void createIfMissing(String servers, String topic) throws InterruptedException {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(config)) {
            NewTopic compacted = new NewTopic(topic, java.util.Optional.empty(), java.util.Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(compacted)).all().get(20, TimeUnit.SECONDS);
            LOG.infof("created topic %s (compacted)", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warnf(
                        "could not create the compacted topic %s: %s",
                        topic, e.getCause().toString());
            }
        } catch (TimeoutException e) {
            LOG.warnf("could not create the compacted topic %s: the broker did not answer in 20 s", topic);
        }
    }
}

package dev.overton.scorer.scoring.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.ScorerCapabilities;
import dev.overton.contracts.json.EventJson;
import dev.overton.contracts.spec.MeasureGroup;
import dev.overton.scorer.config.ScorerConfig;
import dev.overton.scorer.scoring.SemanticScoring;
import dev.overton.support.messaging.KeyedMessages;

/**
 * Publishes what this scorer computes ({@link ScorerCapabilities}) on {@code scorer-capabilities}: soon after start,
 * and again every {@code overton.capabilities.every}, so that the record outlives the topic's retention even where the
 * topic was created without compaction. The generator reads it to refuse a measure group that no scorer offers.
 */
@ApplicationScoped
public class CapabilitiesPublisher {

    private static final Logger LOG = Logger.getLogger(CapabilitiesPublisher.class);

    private final SemanticScoring semantic;
    private final MutinyEmitter<String> capabilities;
    private final String service;
    private final Duration every;
    private volatile Instant lastPublished;

    public CapabilitiesPublisher(
            SemanticScoring semantic,
            @Channel("scorer-capabilities-out") MutinyEmitter<String> capabilities,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "scorer-service") String service,
            ScorerConfig config) {
        this.every = config.capabilities().every();
        this.semantic = semantic;
        this.capabilities = capabilities;
        this.service = service;
    }

    /** The record this scorer publishes now. */
    public ScorerCapabilities current() {
        Set<MeasureGroup> offered = semantic.offered();
        Map<String, String> switchedOff = new LinkedHashMap<>();
        for (MeasureGroup group : MeasureGroup.values()) {
            if (!offered.contains(group)) {
                switchedOff.put(group.wireName(), SemanticScoring.ENABLE_SETTING);
            }
        }
        return new ScorerCapabilities(
                SchemaVersions.V1, service, MeasureGroup.wireNamesOf(offered), switchedOff, Instant.now());
    }

    /**
     * Publishes {@link #current()} when it is due: every 5 s until a send has succeeded, then every {@code
     * overton.capabilities.every}. Turns are skipped until the application is running: the messaging channels are
     * connected during start-up, and a turn before that would fail to create this bean (its emitter has no channel yet).
     */
    @Scheduled(
            every = "5s",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> publishWhenDue() {
        Instant last = lastPublished;
        if (last != null && Instant.now().isBefore(last.plus(every))) {
            return Uni.createFrom().voidItem();
        }
        return publish();
    }

    /** Publishes {@link #current()} now, retrying a failed send a few times; a send that still fails waits for the next turn. */
    public Uni<Void> publish() {
        ScorerCapabilities record = current();
        // Deferred, so that each retry sends again: during start-up the emitter may not be connected yet, and then
        // sendMessage throws instead of returning a failed Uni.
        return Uni.createFrom()
                .deferred(() -> capabilities.sendMessage(KeyedMessages.of(record.key(), EventJson.write(record))))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30))
                .atMost(10)
                .invoke(() -> {
                    lastPublished = Instant.now();
                    LOG.infof("published capabilities: measure groups %s", record.groups());
                })
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf("capabilities not published, will try again on schedule: %s", e.toString());
                    return null;
                });
    }
}

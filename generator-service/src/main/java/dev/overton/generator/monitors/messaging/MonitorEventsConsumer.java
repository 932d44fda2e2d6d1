package dev.overton.generator.monitors.messaging;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.AlarmChanged;
import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.json.EventJson;
import dev.overton.contracts.spec.FieldError;
import dev.overton.contracts.spec.SpecJson;
import dev.overton.generator.monitors.StreamPrompt;
import dev.overton.generator.monitors.persistence.MonitorStore;
import dev.overton.generator.monitors.persistence.OpenAlarmStore;
import dev.overton.generator.monitors.persistence.StreamPromptStore;
import dev.overton.support.log.LogSafe;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;
import dev.overton.support.messaging.StorableText;

/**
 * Consumes what the monitors read from Kafka.
 *
 * <p>{@code monitor-prompts}: the prompts users' producers publish for stream monitors, {@code {"monitor": "<name>",
 * "prompt": "..."}} or {@code {"monitor": "<name>", "messages": [...]}}. A prompt is stored for the named monitor's
 * next window, then the offset is committed. A record that is no such prompt is dead-lettered; one for a monitor that
 * does not exist (or draws from a dataset) is counted and dropped, since no later retry can place it.
 *
 * <p>{@code alarms}: the scorer's alarms (own group per deployment: the generator instances share one database), kept
 * as each monitor's open alarms for {@code GET /monitors/{id}}. Records of one monitor share its key, so they arrive in
 * order; each is idempotent.
 */
@ApplicationScoped
public class MonitorEventsConsumer {

    static final String CHANNEL = "monitor-prompts-in";

    static final String ALARMS_CHANNEL = "alarms-in";

    private static final Logger LOG = Logger.getLogger(MonitorEventsConsumer.class);

    private final MonitorStore store;
    private final StreamPromptStore promptStore;
    private final OpenAlarmStore alarms;
    private final ConsumerMetrics metrics;

    public MonitorEventsConsumer(
            MonitorStore store, StreamPromptStore promptStore, OpenAlarmStore alarms, ConsumerMetrics metrics) {
        this.store = store;
        this.promptStore = promptStore;
        this.alarms = alarms;
        this.metrics = metrics;
    }

    @Incoming(ALARMS_CHANNEL)
    public Uni<Void> consumeAlarm(String json) {
        return InboundRecords.handle(ALARMS_CHANNEL, json, AlarmChanged.class, metrics, LOG, alarms::apply);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        List<FieldError> errors = new ArrayList<>();
        SpecJson.Read read = SpecJson.read(json);
        JsonNode root = read.tree();
        if (read.problem() != null) {
            errors.add(read.problem());
        }
        String name = root != null && root.path("monitor").isTextual()
                ? root.get("monitor").asText()
                : null;
        if (root != null && name == null) {
            errors.add(new FieldError("monitor", "is required: the name of the stream monitor the prompt is for"));
        }
        List<ChatMessage> messages = root == null ? null : StreamPrompt.read(root, "", errors);
        if (StorableText.problem(json).isPresent()) {
            errors.add(new FieldError("(record)", StorableText.problem(json).get()));
        }
        if (!errors.isEmpty() || messages == null) {
            metrics.failed(CHANNEL, ConsumerMetrics.DeadLetterReason.MALFORMED);
            String reason = errors.isEmpty()
                    ? "empty record"
                    : errors.get(0).field() + " " + errors.get(0).message();
            LOG.warnf("%s: dead-lettering a record: %s", CHANNEL, reason);
            throw new EventJson.MalformedEventException(reason);
        }
        return store.findByName(name).chain(monitor -> {
            if (monitor == null || !monitor.monitor().streamed()) {
                metrics.processed(CHANNEL);
                LOG.warnf("%s: no stream monitor named %s; prompt dropped", CHANNEL, LogSafe.quote(name));
                return Uni.createFrom().voidItem();
            }
            return promptStore
                    .addPrompt(monitor.id(), messages, Instant.now().truncatedTo(ChronoUnit.MICROS))
                    .invoke(() -> metrics.processed(CHANNEL))
                    .replaceWithVoid();
        });
    }
}

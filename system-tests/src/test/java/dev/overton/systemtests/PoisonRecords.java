package dev.overton.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Parseable poison for {@link HostileInputIT}: real records of a good run, read back from the tested services' topics,
 * with NUL appended to their text (and, in one kind, to their ids), to send with {@link KafkaClients#producer}. The IT class
 * checks that the services stay healthy afterwards.
 */
final class PoisonRecords {

    private PoisonRecords() {}

    /** One record per consumed topic from {@code templateRun}, to poison. */
    static Map<String, List<String>> templateRecords(List<String> topics, String templateRun) {
        Map<String, List<String>> found = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = KafkaClients.consumer("system-tests-hostile-")) {
            consumer.subscribe(
                    topics.stream().map(t -> ServiceProcesses.TOPIC_PREFIX + t).toList());
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < until && found.size() < 4) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() != null && r.value().contains(templateRun)) {
                        String topic = r.topic().substring(ServiceProcesses.TOPIC_PREFIX.length());
                        List<String> list = found.computeIfAbsent(topic, k -> new ArrayList<>());
                        if (list.isEmpty()) {
                            list.add(r.value());
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Appends NUL to every text value (to ids as well when {@code ids}); the run id becomes {@code runId}. */
    static JsonNode poison(JsonNode node, String runId, boolean ids) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            fields.forEachRemaining(entries::add);
            for (Map.Entry<String, JsonNode> e : entries) {
                String key = e.getKey();
                JsonNode value = e.getValue();
                boolean isId = key.equalsIgnoreCase("id") || key.endsWith("Id");
                if (key.equals("runId") && value.isTextual()) {
                    object.put(key, ids ? runId + "\u0000" : runId);
                } else if (value.isTextual() && (ids || !isId)) {
                    object.put(key, value.asText() + "\u0000");
                } else if (value.isContainerNode()) {
                    poison(value, runId, ids);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isTextual()) {
                    array.set(i, TextNode.valueOf(value.asText() + "\u0000"));
                } else {
                    poison(value, runId, ids);
                }
            }
        }
        return node;
    }
}

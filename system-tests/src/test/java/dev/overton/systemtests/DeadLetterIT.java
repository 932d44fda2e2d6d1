package dev.overton.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import dev.overton.contracts.Topics;
import dev.overton.systemtests.ServiceProcesses.Service;

/**
 * Poison records (not JSON, unknown schema version, missing fields) on every consumed topic end on that topic's
 * dead-letter topic, and the pipeline keeps going: a run submitted afterwards completes.
 */
class DeadLetterIT extends AllServicesRunning {

    @Test
    void poisonRecordsGoToDeadLetterTopicsAndThePipelineContinues() throws Exception {
        String marker = "poison-" + UUID.randomUUID();
        Map<String, String> poisonByKey = new HashMap<>();
        List<String> consumed = List.of(Topics.RUNS, Topics.GENERATION_REQUESTS, Topics.SAMPLE_SETS, Topics.SCORES);
        try (KafkaProducer<String, String> producer = KafkaClients.producer()) {
            for (String topic : consumed) {
                String notJson = marker + "/" + topic + "/not-json";
                String future = marker + "/" + topic + "/schema-99";
                producer.send(
                        new ProducerRecord<>(ServiceProcesses.TOPIC_PREFIX + topic, notJson, "{this is not json"));
                producer.send(new ProducerRecord<>(
                        ServiceProcesses.TOPIC_PREFIX + topic,
                        future,
                        "{\"schemaVersion\":99,\"runId\":\"" + marker + "\",\"promptId\":\"0\"}"));
                poisonByKey.put(notJson, ServiceProcesses.TOPIC_PREFIX + Topics.deadLetter(topic));
                poisonByKey.put(future, ServiceProcesses.TOPIC_PREFIX + Topics.deadLetter(topic));
            }
            producer.flush();
        }

        Map<String, String> foundOn = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, String> consumer = KafkaClients.consumer("system-tests-dlq-")) {
            consumer.subscribe(consumed.stream()
                    .map(t -> ServiceProcesses.TOPIC_PREFIX + Topics.deadLetter(t))
                    .toList());
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null && r.key().startsWith(marker)) {
                        foundOn.merge(r.key(), r.topic(), (a, b) -> a + "," + b);
                    }
                }
                // icl-service and the scorer both consume sample-sets, so a poisoned sample set is dead-lettered by
                // each of them: every key must be there, and only on its own topic's dead-letter topic.
                assertThat(foundOn.keySet()).containsExactlyInAnyOrderElementsOf(poisonByKey.keySet());
            });
        }
        foundOn.forEach((key, topics) ->
                assertThat(Arrays.stream(topics.split(",")).distinct()).as(key).containsOnly(poisonByKey.get(key)));

        String spec = "{\"name\":\"after poison\",\"dataset\":{\"prompts\":[\"first\",\"second\",\"third\"]},"
                + "\"reference\":\"llama-2-chat\",\"variants\":[" + PipelineItVariants.replay(fixtures, "llama-2-chat")
                + "]}";
        String runId = Runs.submit(spec);
        await().atMost(Duration.ofMinutes(2))
                .untilAsserted(() -> given().baseUri(Service.GENERATOR.url())
                        .get("/runs/" + runId)
                        .then()
                        .body("status", org.hamcrest.Matchers.equalTo("complete"))
                        .body("variants[0].scored", org.hamcrest.Matchers.equalTo(3)));
    }
}

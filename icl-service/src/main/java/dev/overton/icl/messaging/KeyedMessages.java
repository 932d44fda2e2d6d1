package dev.overton.icl.messaging;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Builds outgoing Kafka messages with their record key set, so that partitioning follows the key. */
public final class KeyedMessages {

    private KeyedMessages() {}

    /** A message whose Kafka record has key {@code key} and value {@code json}. */
    public static Message<String> of(String key, String json) {
        return Message.of(json)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(key)
                        .build());
    }
}

package dev.overton.contracts.json;

import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.overton.contracts.Event;
import dev.overton.contracts.SchemaVersions;

/**
 * Reads and writes events as JSON text. Records travel as UTF-8 JSON strings so that a consumer owns parsing: a record
 * that is not JSON, lacks a required field or has an unknown schema version fails in {@link #read} with a message that
 * says which, and the consumer dead-letters it instead of losing it or stalling the partition.
 *
 * <p>Unknown fields are ignored (a newer producer may add optional fields without a new schema version); instants are
 * ISO-8601 strings.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventJson() {}

    /** The mapper used for events, shared so that services write other JSON the same way. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses {@code json} as an event of {@code type} and checks its schema version.
     *
     * @throws MalformedEventException when the text is not a valid event of that type
     */
    public static <T extends Event> T read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException(type.getSimpleName() + ": empty record");
        }
        T event;
        try {
            event = MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(
                    type.getSimpleName() + ": not a valid record: " + e.getOriginalMessage(), e);
        }
        try {
            SchemaVersions.requireSupported(type.getSimpleName(), event.schemaVersion());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(e.getMessage(), e);
        }
        return event;
    }

    /** The JSON text of {@code value}. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A record that cannot be processed: it belongs on the dead-letter topic. */
    public static final class MalformedEventException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public MalformedEventException(String message) {
            super(message);
        }

        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

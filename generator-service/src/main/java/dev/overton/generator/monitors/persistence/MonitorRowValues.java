package dev.overton.generator.monitors.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.overton.contracts.json.EventJson;

/**
 * How the monitor stores write and read the values of their columns: instants as UTC timestamps, specs and prompts as
 * JSON text. Shared by {@link MonitorStore}, {@link MonitorWindowStore} and {@link StreamPromptStore}, which read the
 * same tables, so a stored value is converted one way and a row that is not valid JSON fails with one message.
 */
final class MonitorRowValues {

    private MonitorRowValues() {}

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return EventJson.mapper().readValue(json, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored monitor's " + type.getSimpleName() + " is not valid JSON", e);
        }
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return EventJson.mapper().readValue(json, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored monitor's prompts are not valid JSON", e);
        }
    }
}

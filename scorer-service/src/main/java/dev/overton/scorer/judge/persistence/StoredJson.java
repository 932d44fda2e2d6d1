package dev.overton.scorer.judge.persistence;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.json.EventJson;

/** The JSON columns of the judge tables: written from and read back into their records, with the reason on failure. */
final class StoredJson {

    static final TypeReference<List<ChatMessage>> MESSAGES = new TypeReference<>() {};
    static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private static final ObjectMapper JSON = EventJson.mapper();

    private StoredJson() {}

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON cannot be read: " + e.getMessage(), e);
        }
    }
}

package dev.overton.contracts;

/**
 * An event published on one of the {@link Topics}. Every event carries the schema version it was written with, so that
 * a consumer can refuse (dead-letter) what it does not understand.
 */
public interface Event {

    /** The schema version the record was written with; see {@link SchemaVersions}. */
    int schemaVersion();

    /**
     * Throws {@link IllegalArgumentException} naming {@code field} when {@code value} is null; used by the records'
     * constructors so that a malformed record fails at parse time, not deep inside a consumer.
     */
    static <T> T require(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing required field '" + field + "'");
        }
        return value;
    }
}

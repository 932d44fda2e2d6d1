package dev.overton.contracts;

/**
 * The schema version every event carries in its {@code schemaVersion} field. A consumer rejects (dead-letters) an
 * event whose version it does not know instead of guessing at its fields.
 */
public final class SchemaVersions {

    /** Version 1: the foundation events documented in {@code docs/events.md}. */
    public static final int V1 = 1;

    private SchemaVersions() {}

    /**
     * Throws when {@code version} is not one this build understands.
     *
     * @param eventType the event's name, for the message
     * @param version the version found in the record
     */
    public static void requireSupported(String eventType, int version) {
        if (version != V1) {
            throw new UnsupportedSchemaVersionException(eventType, version);
        }
    }

    /** A record whose schema version this build does not understand. */
    public static final class UnsupportedSchemaVersionException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnsupportedSchemaVersionException(String eventType, int version) {
            super(eventType + " has schemaVersion " + version + "; this build understands only " + V1);
        }
    }
}

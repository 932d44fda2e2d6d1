package dev.overton.contracts;

/**
 * The schema version every event carries in its {@code schemaVersion} field. A consumer rejects (dead-letters) an
 * event whose version it does not know instead of guessing at its fields.
 */
public final class SchemaVersions {

    /**
     * Version 1: every event documented in {@code docs/events.md}. Fields added since (the run spec's {@code icl} and
     * {@code judge}, {@code GenerationRequest.renderedPrompt}, the completion events, {@code RunSpec.tokenShift} and the token-score events)
     * are optional and were added
     * within version 1: a consumer ignores fields it does not know, so only an incompatible change needs a version 2.
     */
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

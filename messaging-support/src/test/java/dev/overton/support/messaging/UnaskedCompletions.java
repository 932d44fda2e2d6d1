package dev.overton.support.messaging;

import java.time.Instant;
import java.util.Map;

import dev.overton.contracts.Completion;
import dev.overton.contracts.SchemaVersions;

/**
 * Completions that answer no request of the service under test: another service's (another purpose on the shared
 * {@code completions} topic) or one whose request the service never made. Flow tests send them to check that a
 * consumer skips what is not its own. Shared with the services' tests through this module's test jar.
 */
public final class UnaskedCompletions {

    private UnaskedCompletions() {}

    /**
     * A {@link Completion#COMPLETED} answer saying {@code text} (finish reason {@code stop}, no usage, no attributes,
     * completed now) to request {@code requestId} of {@code runId} with {@code purpose}, from {@code model}.
     */
    public static Completion completed(String requestId, String runId, String purpose, String text, String model) {
        return new Completion(
                SchemaVersions.V1,
                requestId,
                runId,
                purpose,
                Completion.COMPLETED,
                text,
                null,
                "stop",
                null,
                null,
                null,
                model,
                Map.of(),
                Instant.now());
    }
}

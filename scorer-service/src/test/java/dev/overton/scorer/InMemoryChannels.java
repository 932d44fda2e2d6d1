package dev.overton.scorer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The test profile of the service's {@code @QuarkusTest}s: every channel in memory, so that the tests neither need nor
 * disturb a broker (they play the other services by sending to the sources and reading the sinks); scheduled gauges
 * off; semantic measures off (no encoder load: fast, and the ONNX tokenizer's native library stays out of this class
 * loader, free for the plain unit tests that load it in the same JVM). One profile for all, so Quarkus starts once.
 */
public class InMemoryChannels implements QuarkusTestProfile {

    /** Incoming channels. */
    public static final List<String> INCOMING = List.of(
            "sample-sets-in",
            "recoveries-in",
            "runs-in",
            "generation-requests-in",
            "completions-in",
            "run-deletions-in",
            "monitors-in",
            "token-scores-in");

    /** Outgoing channels. */
    public static final List<String> OUTGOING = List.of(
            "scores-out",
            "sample-sets-dlq-out",
            "completion-requests-out",
            "run-deletion-confirmations-out",
            "scorer-capabilities-out",
            "alarms-out",
            "token-score-requests-out");

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        for (String channel : INCOMING) {
            config.put("mp.messaging.incoming." + channel + ".connector", "smallrye-in-memory");
            config.put("mp.messaging.incoming." + channel + ".run-on-vertx-context", "true");
        }
        for (String channel : OUTGOING) {
            config.put("mp.messaging.outgoing." + channel + ".connector", "smallrye-in-memory");
        }
        config.put("quarkus.scheduler.enabled", "false");
        config.put("overton.semantic.enabled", "false");
        return config;
    }
}

package dev.overton.generator.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service with retries and circuit-breaker cool-downs in milliseconds instead of seconds, so that tests of model
 * servers failing and recovering run in seconds. The shape of the fault handling is unchanged; only its clock is
 * faster. One profile for all such tests, so that Quarkus starts once for them.
 *
 * <p>Budget of one request: 8 attempts with waits of at least 25, 50, 100, 200, 250, 250 and 250 ms (about 1.1 s in
 * all), well beyond the breaker's 300 ms cool-down and the few hundred milliseconds a test server stays down.
 */
public class FastRetries implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "overton.backends.openai.retry.max-attempts", "8",
                "overton.backends.openai.retry.base-delay", "50ms",
                "overton.backends.openai.retry.max-delay", "500ms",
                "overton.backends.openai.circuit-breaker.cool-down", "300ms",
                "overton.backends.openai.connect-timeout", "2s",
                "overton.backends.openai.request-timeout", "20s");
    }
}

package dev.overton.generator.sampling.openai;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import dev.overton.generator.sampling.RunCancellation;

/**
 * What the openai backend's calls take from outside the request: whether a run was cancelled, the environment (API
 * keys), the clock, the waits before retries and the jitter. One value, so that a test replaces them all in one place
 * and the backend hands them to {@link OpenAiCalls} as they are.
 *
 * @param cancellation tells whether a request's run was cancelled
 * @param environment looks up environment variables (API keys)
 * @param clock time for {@code Retry-After} dates
 * @param waits told of every wait before a retry (the waiting itself is SmallRye's)
 * @param random jitter source (must be thread-safe: parallel requests share it)
 */
public record OpenAiSurroundings(
        RunCancellation cancellation,
        Function<String, String> environment,
        InstantSource clock,
        Consumer<Duration> waits,
        RandomGenerator random) {

    /** The real clock, environment and randomness, with runs cancelled as {@code cancellation} says. */
    public static OpenAiSurroundings real(RunCancellation cancellation) {
        return new OpenAiSurroundings(cancellation, System::getenv, InstantSource.system(), wait -> {}, new Random());
    }
}

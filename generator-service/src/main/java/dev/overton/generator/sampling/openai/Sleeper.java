package dev.overton.generator.sampling.openai;

import java.time.Duration;

/** Waits between retries. An interface so that tests can record the waits instead of sleeping through them. */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the calling thread. */
    Sleeper THREAD = Thread::sleep;

    /**
     * Waits for {@code duration}.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;
}

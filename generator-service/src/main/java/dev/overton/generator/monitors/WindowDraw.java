package dev.overton.generator.monitors;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import dev.overton.contracts.Prompt;

/**
 * Which prompts a monitor window asks: a uniform sample without replacement, seeded so that it can be drawn again after
 * a crash and gives the same prompts. A paired monitor draws with the monitor's seed, so every window asks the same
 * prompts; an unpaired one (or a stream) seeds with the window's number too, so each window draws afresh.
 */
public final class WindowDraw {

    private WindowDraw() {}

    /** The seed of a paired monitor's draw: the same for every window. */
    public static long seed(String monitorId) {
        return fnv1a(monitorId);
    }

    /** The seed of an unpaired window's draw. */
    public static long seed(String monitorId, int window) {
        return fnv1a(monitorId + "#" + window);
    }

    /**
     * Up to {@code n} of {@code prompts}, drawn uniformly without replacement (partial Fisher–Yates), returned in their
     * original order.
     */
    public static List<Prompt> draw(List<Prompt> prompts, int n, long seed) {
        if (n >= prompts.size()) {
            return List.copyOf(prompts);
        }
        List<Prompt> pool = new ArrayList<>(prompts);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(pool.size() - i);
            Prompt picked = pool.get(j);
            pool.set(j, pool.get(i));
            pool.set(i, picked);
        }
        List<Prompt> chosen = new ArrayList<>(pool.subList(0, n));
        chosen.sort(Comparator.comparingInt(Prompt::index));
        return List.copyOf(chosen);
    }

    // A stable hash of the text, unlike String.hashCode it is 64 bits and the same in every JVM by definition.
    private static long fnv1a(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}

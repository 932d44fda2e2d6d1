package dev.overton.scorer.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.overton.scorer.monitor.Estimate;
import dev.overton.scorer.monitor.MonitorAlarm;
import dev.overton.scorer.monitor.MonitorHistory;
import dev.overton.scorer.monitor.WindowPoint;

/**
 * A hand-built monitor history for the trend page's tests: six windows of variants {@code base} and {@code chat},
 * window 1 the baseline, window 6 still being scored; chat's {@code jaccard_1} jumps at window 4 (an alarm, cleared at
 * window 6) and its {@code embedding_vendi_score} drops from window 5 (an alarm still open). Window 4's label is a
 * script tag, window 5's carries a control character, window 6 has none; the monitor's name is markup.
 */
public final class TrendFixtures {

    public static final String MONITOR = "mon-1";
    public static final String NAME = "chat-prod <b>bold</b>";
    public static final String HOSTILE_LABEL = "<script>alert('x')</script>";
    public static final String BELL_LABEL = "v2.0\u0007beta";
    public static final List<String> LABELS =
            java.util.Arrays.asList("v1.0", "v1.1", "v1.2", HOSTILE_LABEL, BELL_LABEL, null);

    /** chat's jaccard_1 per window (1..6). */
    public static final double[] CHAT_JACCARD = {0.30, 0.31, 0.29, 0.55, 0.52, 0.30};

    /** base's jaccard_1 per window (1..6). */
    public static final double[] BASE_JACCARD = {0.20, 0.21, 0.19, 0.20, 0.22, 0.21};

    /** chat's embedding_vendi_score per window (1..6). */
    public static final double[] CHAT_VENDI = {6.1, 6.0, 6.2, 6.1, 3.9, 3.8};

    private TrendFixtures() {}

    /** The run of window {@code k}. */
    public static String run(int k) {
        return "run-w" + k;
    }

    /** The history. */
    public static MonitorHistory history() {
        List<WindowPoint> windows = new ArrayList<>();
        for (int k = 1; k <= 6; k++) {
            Map<String, Map<String, Estimate>> variants = new LinkedHashMap<>();
            variants.put(
                    "chat",
                    Map.of(
                            "jaccard_1", estimate(CHAT_JACCARD[k - 1], 0.02),
                            "embedding_vendi_score", estimate(CHAT_VENDI[k - 1], 0.3),
                            "mean_tokens", estimate(120 + k, 10)));
            // base's window 3 rests on one prompt: a mean without an interval
            variants.put(
                    "base",
                    Map.of(
                            "jaccard_1",
                            k == 3
                                    ? new Estimate(BASE_JACCARD[k - 1], null, null, 1)
                                    : estimate(BASE_JACCARD[k - 1], 0.02),
                            "embedding_vendi_score",
                            estimate(8.0, 0.3),
                            "mean_tokens",
                            estimate(140, 10)));
            windows.add(new WindowPoint(
                    k,
                    run(k),
                    LABELS.get(k - 1),
                    Instant.parse("2026-03-0" + k + "T09:00:00Z"),
                    k == 1,
                    k != 6,
                    variants));
        }
        List<MonitorAlarm> alarms = List.of(
                new MonitorAlarm(
                        MONITOR,
                        "chat",
                        "jaccard_1",
                        4,
                        run(4),
                        run(1),
                        0.25,
                        0.0004,
                        Instant.parse("2026-03-04T09:05:00Z"),
                        6,
                        Instant.parse("2026-03-06T09:05:00Z")),
                new MonitorAlarm(
                        MONITOR,
                        "chat",
                        "embedding_vendi_score",
                        5,
                        run(5),
                        run(1),
                        -2.2,
                        0.003,
                        Instant.parse("2026-03-05T09:05:00Z"),
                        null,
                        null));
        return new MonitorHistory(
                MONITOR, NAME, run(1), List.of("embedding_vendi_score", "jaccard_1", "mean_tokens"), windows, alarms);
    }

    private static Estimate estimate(double mean, double half) {
        return new Estimate(mean, mean - half, mean + half, 20);
    }
}

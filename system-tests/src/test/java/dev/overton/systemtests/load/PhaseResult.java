package dev.overton.systemtests.load;

import java.util.List;
import java.util.Locale;

/**
 * One load-bench phase's figures. Latencies (publish to stored) in milliseconds, sorted.
 *
 * @param scorers scorer instances running
 * @param offeredRate sets published per second
 * @param measured sets published after the warm-up
 * @param scored measured sets scored within the grace period
 * @param throughput scored sets per second, from the end of the warm-up to the last score within the grace period
 * @param latencies the scored sets' latencies
 * @param lost measured sets not scored within the grace period
 * @param publishFailures sets the broker refused
 * @param drainSeconds how long the backlog took to drain after the grace period (0: none left)
 * @param load the machine's 1-minute load average at the end of the phase
 * @param cpuMillisPerSet the scorers' CPU time (user + system, all threads) from the phase's first publication to the
 *     end of its drain, per set scored in that time (warm-up included): unlike throughput, barely moved by other work
 *     on shared cores, so it compares two scorer versions on a busy machine; NaN when no set was scored
 */
record PhaseResult(
        int scorers,
        double offeredRate,
        long measured,
        long scored,
        double throughput,
        List<Long> latencies,
        long lost,
        long publishFailures,
        double drainSeconds,
        String load,
        double cpuMillisPerSet) {

    static final String HEADER = String.format(
            Locale.ROOT,
            "%-8s %9s %9s %8s %11s %8s %8s %8s %8s %6s %8s %6s %10s",
            "scorers",
            "offered/s",
            "published",
            "scored",
            "achieved/s",
            "p50 ms",
            "p90 ms",
            "p99 ms",
            "max ms",
            "lost",
            "drain s",
            "load",
            "cpu ms/set");

    String row() {
        return String.format(
                Locale.ROOT,
                "%-8d %9.1f %9d %8d %11.2f %8s %8s %8s %8s %6d %8.1f %6s %10.2f%s",
                scorers,
                offeredRate,
                measured,
                scored,
                throughput,
                percentile(0.50),
                percentile(0.90),
                percentile(0.99),
                latencies.isEmpty() ? "-" : latencies.getLast().toString(),
                lost,
                drainSeconds,
                load,
                cpuMillisPerSet,
                publishFailures == 0 ? "" : " (" + publishFailures + " publish failures)");
    }

    /** Whether the scorers kept up: scored (nearly) all that was offered, at (nearly) the offered rate. */
    boolean keptUp() {
        return lost == 0 && throughput >= 0.95 * offeredRate;
    }

    /**
     * The plateau of the phases with {@code scorers} instances: the best achieved throughput, and whether any offered
     * rate exceeded what they kept up with (otherwise the plateau lies above the highest rate offered).
     */
    static String plateau(List<PhaseResult> results, int scorers) {
        List<PhaseResult> mine =
                results.stream().filter(r -> r.scorers == scorers).toList();
        if (mine.isEmpty()) {
            return "";
        }
        PhaseResult best = mine.stream()
                .max((a, b) -> Double.compare(a.throughput, b.throughput))
                .orElseThrow();
        double keptUpTo = mine.stream()
                .filter(PhaseResult::keptUp)
                .mapToDouble(PhaseResult::offeredRate)
                .max()
                .orElse(0);
        boolean overloaded = mine.stream().anyMatch(r -> !r.keptUp());
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT,
                "%d scorer%s: kept up with %.0f sets/s offered; ",
                scorers,
                scorers == 1 ? "" : "s",
                keptUpTo));
        if (overloaded) {
            line.append(String.format(
                    Locale.ROOT,
                    "plateau %.1f sets/s (best achieved, at %.0f offered); overloaded phases achieved",
                    best.throughput,
                    best.offeredRate));
            mine.stream()
                    .filter(r -> !r.keptUp())
                    .forEach(r -> line.append(
                            String.format(Locale.ROOT, " %.1f at %.0f offered,", r.throughput, r.offeredRate)));
            line.setLength(line.length() - 1);
        } else {
            line.append("no plateau reached (every offered rate kept up with)");
        }
        return line.toString();
    }

    private String percentile(double q) {
        if (latencies.isEmpty()) {
            return "-";
        }
        int rank = (int) Math.ceil(q * latencies.size());
        return latencies.get(Math.max(0, rank - 1)).toString();
    }
}

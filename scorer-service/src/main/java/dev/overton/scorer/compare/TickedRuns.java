package dev.overton.scorer.compare;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The two runs ticked on the runs page ({@code GET /compare?run=X&run=Y}, what the page's form submits): checked here,
 * then answered with the address of their comparison, {@code /compare?a=OLDER&b=NEWER}, the older run (by creation) as
 * the baseline. Plain code, so that the browser test serves the same redirect the service does.
 */
public final class TickedRuns {

    /** The query parameter of a ticked run. */
    public static final String PARAMETER = "run";

    private TickedRuns() {}

    /**
     * The distinct runs ticked, checked as {@code a} and {@code b} are, with {@code map} and {@code metrics}.
     *
     * @throws CompareProblem (400) naming {@code run} unless exactly two different, valid run ids were ticked, or
     *     naming {@code map} or {@code metrics} when those are bad
     */
    public static List<String> check(List<String> runs, String map, String metrics) {
        List<String> ticked = runs == null
                ? List.of()
                : runs.stream()
                        .filter(r -> r != null && !r.isBlank())
                        .distinct()
                        .toList();
        if (ticked.size() != 2) {
            throw CompareProblem.badParameter(
                    PARAMETER,
                    ticked.isEmpty()
                            ? "no runs to compare: tick two runs on the runs page (/), or give both 'a' and 'b'"
                                    + " (GET /compare?a=RUN&b=RUN)"
                            : "tick exactly two runs to compare: " + ticked.size() + " different runs were ticked");
        }
        try {
            CompareQuery.parse(ticked.get(0), ticked.get(1), map, metrics);
        } catch (CompareProblem e) {
            if (e.parameter().equals("a") || e.parameter().equals("b")) {
                throw CompareProblem.badParameter(PARAMETER, e.getMessage());
            }
            throw e;
        }
        return ticked;
    }

    /**
     * The comparison's address (relative to the scorer's root).
     *
     * @param oldestFirst the two ticked runs, older first
     * @param map the variant pairing given with them, or {@code null}
     * @param metrics the metrics given with them, or {@code null}
     */
    public static String location(List<String> oldestFirst, String map, String metrics) {
        StringBuilder target = new StringBuilder("/compare?a=")
                .append(encode(oldestFirst.get(0)))
                .append("&b=")
                .append(encode(oldestFirst.get(1)));
        if (map != null) {
            target.append("&map=").append(encode(map));
        }
        if (metrics != null) {
            target.append("&metrics=").append(encode(metrics));
        }
        return target.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

package dev.overton.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code overton monitor history ID [--metric m]}: the monitor's windows as the scorer evaluated them ({@code GET
 * /monitors/{id}/history} on scorer-service): per window, variant and metric the mean, its 95% interval and n, the
 * baseline window marked {@code *}; then its alarms, open and cleared.
 */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = "A monitor's windows with each metric's mean and interval per variant, and its alarms (from the"
                + " scorer).")
public class MonitorHistoryCommand extends MonitorCommand.OnMonitor {

    @Option(names = "--metric", paramLabel = "M", description = "only this metric, e.g. jaccard_1")
    String metric;

    @Override
    public Integer call() {
        ServiceClient scorer = parent.cli.scorer();
        String path = MonitorCommand.path(id, "/history")
                + (metric == null ? "" : "?metric=" + URLEncoder.encode(metric, StandardCharsets.UTF_8));
        ServiceClient.Answer answer = scorer.get(path);
        if (answer.status() == 404) {
            throw CliException.badInput(
                    "no monitor with id '" + id + "' has reached the scorer (scorer-service" + " answered 404)");
        }
        if (answer.status() >= 400 && answer.status() < 500) {
            throw CliException.badInput("scorer-service refused the history: " + ServiceClient.problemText(answer));
        }
        print(scorer.requireOk(answer, scorer.url(path)).json(), out());
        return ExitCodes.OK;
    }

    static void print(JsonNode h, PrintWriter out) {
        out.println("monitor " + MonitorCommand.text(h.get("name")) + " (" + MonitorCommand.text(h.get("monitorId"))
                + "), baseline run " + MonitorCommand.text(h.get("baselineRunId")) + " (window marked *)");
        String row = "%-7s  %-12s  %-14s  %-28s  %9s  %-21s  %4s%n";
        out.printf(row, "WINDOW", "LABEL", "VARIANT", "METRIC", "MEAN", "95% INTERVAL", "N");
        for (JsonNode w : h.path("windows")) {
            String window = "#" + MonitorCommand.text(w.get("window"))
                    + (w.path("baseline").asBoolean() ? " *" : "");
            String label = MonitorCommand.text(w.get("label"));
            if (!w.path("scored").asBoolean()) {
                out.printf(row, window, label, "-", "(being scored)", "-", "-", "-");
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> variants = w.path("variants").fields();
            while (variants.hasNext()) {
                Map.Entry<String, JsonNode> variant = variants.next();
                Iterator<Map.Entry<String, JsonNode>> metrics =
                        variant.getValue().fields();
                while (metrics.hasNext()) {
                    Map.Entry<String, JsonNode> m = metrics.next();
                    JsonNode e = m.getValue();
                    out.printf(
                            row,
                            window,
                            label,
                            variant.getKey(),
                            m.getKey(),
                            number(e.get("mean")),
                            e.path("low").isNumber()
                                    ? "[" + number(e.get("low")) + ", " + number(e.get("high")) + "]"
                                    : "-",
                            MonitorCommand.text(e.get("n")));
                }
            }
        }
        JsonNode alarms = h.path("alarms");
        out.println(alarms.isEmpty() ? "alarms: none" : "alarms:");
        for (JsonNode a : alarms) {
            out.printf(
                    "  %s %s %s at window #%s vs %s: difference %s, q %s, %s%n",
                    a.path("clearedAt").isNull() ? "OPEN   " : "cleared",
                    MonitorCommand.text(a.get("variant")),
                    MonitorCommand.text(a.get("metric")),
                    MonitorCommand.text(a.get("window")),
                    MonitorCommand.text(a.get("baselineRunId")),
                    number(a.get("difference")),
                    number(a.get("q")),
                    a.path("clearedAt").isNull()
                            ? "still worse"
                            : "cleared at window #" + MonitorCommand.text(a.get("clearedWindow")));
        }
        out.flush();
    }

    private static String number(JsonNode node) {
        return node == null || !node.isNumber() ? "-" : String.format(java.util.Locale.ROOT, "%.4f", node.asDouble());
    }
}

package dev.overton.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code overton monitor ...}: define and steer monitors on generator-service ({@code /monitors}; docs/monitors.md).
 * Writes send the API key like {@code overton run}.
 */
@Command(
        name = "monitor",
        mixinStandardHelpOptions = true,
        description = {"Continuous evaluation: monitors that run a window of the run spec on a schedule.", ""},
        subcommands = {
            MonitorCommand.Create.class,
            MonitorCommand.ListMonitors.class,
            MonitorCommand.Show.class,
            MonitorCommand.Trigger.class,
            MonitorCommand.Pause.class,
            MonitorCommand.Resume.class,
            MonitorCommand.Delete.class,
            MonitorHistoryCommand.class
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  overton monitor create examples/monitor-vllm.json",
            "  overton monitor list",
            "  overton monitor trigger <id> --label v2.1",
            "  overton monitor pause <id>",
            "  overton monitor history <id> --metric jaccard_1"
        })
public class MonitorCommand implements Runnable {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    OvertonCli cli;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String path(String id, String suffix) {
        return "/monitors/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20") + suffix;
    }

    /** {@code answer} when it is one of {@code expected}; else the exit the status calls for. */
    static ServiceClient.Answer expect(
            ServiceClient generator, ServiceClient.Answer answer, String request, String id, int... expected) {
        for (int status : expected) {
            if (answer.status() == status) {
                return answer;
            }
        }
        if (answer.status() == 404 && id != null) {
            throw CliException.badInput("no monitor with id '" + id + "' (generator-service answered 404)");
        }
        if (answer.status() >= 400 && answer.status() < 500) {
            throw CliException.badInput(
                    "generator-service refused " + request + ": " + ServiceClient.problemText(answer));
        }
        throw CliException.failed("generator-service answered " + answer.status() + " for " + request + " ("
                + generator.url("/monitors") + "): " + ServiceClient.problemText(answer));
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? "-" : node.asText();
    }

    /** One line per monitor field, as {@code show} and {@code create} print them. */
    static void describe(JsonNode m, PrintWriter out) {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("id", text(m.get("id")));
        lines.put("name", text(m.get("name")));
        lines.put("state", text(m.get("state")));
        JsonNode window = m.path("window");
        lines.put(
                "window",
                text(window.get("prompts")) + " prompts, every " + text(window.get("every")) + ", "
                        + (window.path("paired").asBoolean() ? "paired" : "unpaired"));
        lines.put(
                "source",
                m.path("source").isObject() ? "topic " + text(m.path("source").get("topic")) : "dataset");
        lines.put("baseline", text(m.get("baseline")));
        JsonNode alarms = m.path("alarms");
        lines.put(
                "alarms",
                alarms.isObject()
                        ? alarms.path("metrics").toString() + " fdr " + text(alarms.get("fdr"))
                                + (alarms.path("minEffect").isEmpty() ? "" : " minEffect " + alarms.path("minEffect"))
                        : "-");
        lines.put(
                "retention",
                m.path("retention").path("windows").isNull()
                        ? "every window"
                        : text(m.path("retention").get("windows")) + " windows");
        lines.put("windows", text(m.get("windows")) + " opened, " + text(m.get("windowsKept")) + " kept");
        JsonNode last = m.path("lastWindow");
        lines.put(
                "last window",
                last.isObject()
                        ? "#" + text(last.get("window")) + " " + text(last.get("status")) + " run "
                                + text(last.get("runId")) + " label " + text(last.get("label")) + " ("
                                + text(last.get("trigger")) + ", " + text(last.get("openedAt")) + ")"
                        : "-");
        lines.put("next window", text(m.get("nextWindowAt")));
        lines.forEach((k, v) -> out.printf("%-12s %s%n", k + ":", v));
    }

    /** A subcommand that acts on one monitor, named by its id. */
    abstract static class OnMonitor implements Callable<Integer> {
        @ParentCommand
        MonitorCommand parent;

        @Parameters(paramLabel = "ID", description = "the monitor's id")
        String id;

        PrintWriter out() {
            return parent.spec.commandLine().getOut();
        }
    }

    /** {@code overton monitor create FILE}. */
    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Define a monitor from a JSON file: a run spec plus window, baseline, alarms, retention"
                    + " (docs/monitors.md). Needs the API key.")
    public static class Create implements Callable<Integer> {
        @ParentCommand
        MonitorCommand parent;

        @Parameters(paramLabel = "FILE", description = "the monitor definition (JSON)")
        Path file;

        @Override
        public Integer call() {
            String body;
            try {
                if (!Files.isRegularFile(file)) {
                    throw CliException.badInput("no readable file at " + file);
                }
                body = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw CliException.badInput("cannot read " + file + ": " + e.getMessage());
            }
            ServiceClient generator = parent.cli.generator();
            ServiceClient.Answer answer =
                    expect(generator, generator.postJson("/monitors", body), "the monitor", null, 201);
            PrintWriter out = parent.spec.commandLine().getOut();
            out.println("monitor created");
            describe(answer.json(), out);
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code overton monitor list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List monitors, oldest first.")
    public static class ListMonitors implements Callable<Integer> {
        @ParentCommand
        MonitorCommand parent;

        @Override
        public Integer call() {
            JsonNode monitors = parent.cli.generator().getJson("/monitors", "no monitor listing");
            PrintWriter out = parent.spec.commandLine().getOut();
            out.printf("%-36s  %-7s  %7s  %-27s  %s%n", "ID", "STATE", "WINDOWS", "NEXT WINDOW", "NAME");
            for (JsonNode m : monitors) {
                out.printf(
                        "%-36s  %-7s  %7s  %-27s  %s%n",
                        text(m.get("id")),
                        text(m.get("state")),
                        text(m.get("windows")),
                        text(m.get("nextWindowAt")),
                        text(m.get("name")));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code overton monitor show ID}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "A monitor's definition and windows.")
    public static class Show extends OnMonitor {

        @Override
        public Integer call() {
            JsonNode m = parent.cli.generator().getJson(path(id, ""), "no monitor with id '" + id + "'");
            describe(m, out());
            out().flush();
            return ExitCodes.OK;
        }
    }

    /** {@code overton monitor trigger ID [--label L]}. */
    @Command(
            name = "trigger",
            mixinStandardHelpOptions = true,
            description = "Run one window now (e.g. after releasing a model). Needs the API key.")
    public static class Trigger extends OnMonitor {

        @Option(names = "--label", paramLabel = "L", description = "the window's label, e.g. the model version")
        String label;

        @Override
        public Integer call() {
            Map<String, String> body = new LinkedHashMap<>();
            if (label != null) {
                body.put("label", label);
            }
            ServiceClient generator = parent.cli.generator();
            String json;
            try {
                json = JSON.writeValueAsString(body);
            } catch (IOException e) {
                throw CliException.failed(e.getMessage());
            }
            JsonNode w = expect(generator, generator.postJson(path(id, "/windows"), json), "the window", id, 202)
                    .json();
            PrintWriter out = out();
            out.println("window #" + text(w.get("window")) + " of monitor " + id + ": "
                    + (w.path("runId").isTextual()
                            ? "run " + w.get("runId").asText() + " ('overton status "
                                    + w.get("runId").asText() + "')"
                            : "no run (no prompt arrived since the previous window)"));
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** Pause or resume. */
    abstract static class StateChange extends OnMonitor {

        abstract String verb();

        @Override
        public Integer call() {
            ServiceClient generator = parent.cli.generator();
            JsonNode m = expect(generator, generator.postJson(path(id, "/" + verb()), ""), verb(), id, 200)
                    .json();
            PrintWriter out = out();
            out.println(
                    "monitor " + id + " is " + text(m.get("state")) + "; next window: " + text(m.get("nextWindowAt")));
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code overton monitor pause ID}. */
    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause the schedule. Needs the API key.")
    public static class Pause extends StateChange {
        @Override
        String verb() {
            return "pause";
        }
    }

    /** {@code overton monitor resume ID}. */
    @Command(
            name = "resume",
            mixinStandardHelpOptions = true,
            description = "Resume the schedule (next window one period from now). Needs the API key.")
    public static class Resume extends StateChange {
        @Override
        String verb() {
            return "resume";
        }
    }

    /** {@code overton monitor delete ID}. */
    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = "Delete a monitor and its windows' runs everywhere. Needs the API key.")
    public static class Delete extends OnMonitor {

        @Override
        public Integer call() {
            ServiceClient generator = parent.cli.generator();
            JsonNode d = expect(generator, generator.delete(path(id, "")), "the deletion", id, 202)
                    .json();
            PrintWriter out = out();
            out.println("monitor " + id + " deleted; " + d.path("runs").size()
                    + " window run(s) are being deleted from every service");
            out.flush();
            return ExitCodes.OK;
        }
    }
}

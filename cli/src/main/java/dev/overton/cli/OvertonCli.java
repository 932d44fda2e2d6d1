package dev.overton.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code overton}: the command-line client of Overton. It talks to the three services over their HTTP APIs only
 * (generator for runs and progress, scorer for results, reports and exports, icl-service for the in-context plan), so
 * it works against any deployment it can reach.
 *
 * <p>Exit codes: 0 done; 1 the run failed or its verdict is not available; 2 usage error; 3 a service did not answer
 * (the message names its URL); 4 bad input (a missing file, a refused spec, an unknown run).
 */
@Command(
        name = "overton",
        mixinStandardHelpOptions = true,
        version = "overton 0.1.0",
        description = {
            "Measures how alignment changes what a language model says: submit a run, follow it, read the verdicts.",
            ""
        },
        subcommands = {
            RunCommand.class,
            StatusCommand.class,
            ReportCommand.class,
            ExportCommand.class,
            CompareCommand.class,
            ListCommand.class,
            DeleteCommand.class,
            MonitorCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:the run failed, or its verdict is not available; compare --fail-if-worse: a listed metric got"
                    + " significantly worse",
            "2:usage error (unknown option, missing or malformed argument)",
            "3:a service did not answer (run 'bin/overton up')",
            "4:bad input (missing file, refused run spec, unknown run)"
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  overton run --dataset prompts.jsonl \\",
            "      --base replay:llama-2-base --replay-base base.jsonl \\",
            "      --aligned replay:llama-2-chat --replay-aligned chat.jsonl",
            "  overton status <run>",
            "  overton report <run> --html report.html",
            "  overton export <run> --format csv --output values.csv",
            "  overton compare <old-run> <new-run> --fail-if-worse jaccard_1",
            "  overton list --label v2 --status complete",
            "  overton delete <run>",
            "  overton monitor create monitor.json",
            "",
            "Each command has --help. More: docs/report.md"
        })
public class OvertonCli implements Runnable {

    @Option(
            names = "--generator",
            scope = ScopeType.INHERIT,
            defaultValue = "http://127.0.0.1:8081",
            paramLabel = "URL",
            description = "generator-service (runs, progress). Default: ${DEFAULT-VALUE}")
    URI generator;

    @Option(
            names = "--scorer",
            scope = ScopeType.INHERIT,
            defaultValue = "http://127.0.0.1:8082",
            paramLabel = "URL",
            description = "scorer-service (results, report, exports). Default: ${DEFAULT-VALUE}")
    URI scorer;

    @Option(
            names = "--api-key",
            scope = ScopeType.INHERIT,
            paramLabel = "KEY",
            description = "API key for generator-service's POST /runs (header X-API-Key). Default: the environment"
                    + " variable OVERTON_API_KEY, if set")
    String apiKey;

    // Not inherited: after 'run', --icl lists the in-context variants to build. Give it before the subcommand
    // (overton --icl URL status RUN) or, for 'status', after it.
    @Option(
            names = "--icl",
            defaultValue = "http://127.0.0.1:8083",
            paramLabel = "URL",
            description = "icl-service (in-context plan), given before the subcommand. Default: ${DEFAULT-VALUE}")
    URI icl;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final HttpClient http;
    private final Boolean terminal;
    private final Sleeper sleeper;

    /** Pauses between polls; replaced in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** The client as run from a shell. */
    public OvertonCli() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), null, d -> Thread.sleep(d));
    }

    /**
     * @param http the HTTP client
     * @param terminal whether output is an interactive terminal, or {@code null} to detect it
     * @param sleeper how to wait between polls
     */
    public OvertonCli(HttpClient http, Boolean terminal, Sleeper sleeper) {
        this.http = http;
        this.terminal = terminal;
        this.sleeper = sleeper;
    }

    public static void main(String[] args) {
        System.exit(
                execute(new OvertonCli(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs {@code args} against {@code cli}, writing to {@code out} and {@code err}; returns the exit code. */
    public static int execute(OvertonCli cli, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(cli)
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parseResult) -> {
                    if (e instanceof CliException failure) {
                        cmd.getErr().println("overton: " + failure.getMessage());
                        cmd.getErr().flush();
                        return failure.exitCode();
                    }
                    cmd.getErr().println("overton: unexpected error: " + e);
                    cmd.getErr().flush();
                    return ExitCodes.FAILED;
                });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** generator-service. */
    ServiceClient generator() {
        String key = apiKey != null ? apiKey : System.getenv("OVERTON_API_KEY");
        return new ServiceClient("generator-service", generator, http, Duration.ofSeconds(60), key);
    }

    /** scorer-service. */
    ServiceClient scorer() {
        return new ServiceClient("scorer-service", scorer, http, Duration.ofMinutes(5));
    }

    /** icl-service, at {@code override} when given, else at the global {@code --icl}. */
    ServiceClient icl(URI override) {
        return new ServiceClient("icl-service", override != null ? override : icl, http, Duration.ofSeconds(30));
    }

    Sleeper sleeper() {
        return sleeper;
    }

    /** Whether standard output is an interactive terminal (so progress can be redrawn in place). */
    boolean terminal() {
        if (terminal != null) {
            return terminal;
        }
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Java 22+ returns a Console even when redirected; isTerminal() tells (absent on 21, where null did).
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}

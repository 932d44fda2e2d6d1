package dev.overton.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code overton export RUN --format csv|jsonl [--output FILE]}: every stored value of a run, with its settings. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Export every per-set, per-sample and per-pair value of a run with its settings (columns promptId,"
                    + " variant, sample, reference, metric, value, reason, settings), to analyse elsewhere.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  overton export <run> --format csv --output values.csv",
            "  overton export <run> --format jsonl | jq -c 'select(.metric == \"jaccard_1\")'"
        })
public class ExportCommand implements Callable<Integer> {

    /** The export formats the scorer serves. */
    public enum Format {
        csv,
        jsonl
    }

    @ParentCommand
    OvertonCli cli;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "the run's id")
    String runId;

    @Option(
            names = "--format",
            required = true,
            paramLabel = "FORMAT",
            description = "csv or jsonl (one JSON object per line)")
    Format format;

    @Option(names = "--output", paramLabel = "FILE", description = "write to FILE instead of standard output")
    Path output;

    @Override
    public Integer call() throws IOException {
        ServiceClient scorer = cli.scorer();
        String path = "/runs/" + runId + "/export?format=" + format.name();
        ServiceClient.Answer answer = scorer.get(path);
        if (answer.status() == 404) {
            throw CliException.badInput("no values of run '" + runId + "': none of its sets reached the scorer ("
                    + scorer.url(path) + " answered 404)");
        }
        if (!answer.ok()) {
            throw CliException.failed("scorer-service answered " + answer.status() + " for " + scorer.url(path) + ": "
                    + ServiceClient.problemText(answer));
        }
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(answer.body());
            out.flush();
        } else {
            Path file = output.toAbsolutePath().normalize();
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, answer.body(), StandardCharsets.UTF_8);
            long rows = answer.body().lines().count() - (format == Format.csv ? 1 : 0);
            spec.commandLine().getErr().println("wrote " + rows + " values to " + file);
        }
        return ExitCodes.OK;
    }
}

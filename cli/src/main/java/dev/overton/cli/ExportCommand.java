package dev.overton.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
public class ExportCommand extends Subcommand {

    /** The export formats the scorer serves. */
    public enum Format {
        csv,
        jsonl
    }

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
        scorer.requireOk(answer, scorer.url(path));
        if (output == null) {
            PrintWriter out = out();
            out.print(answer.body());
            out.flush();
        } else {
            Path file = answer.save(output);
            long rows = answer.body().lines().count() - (format == Format.csv ? 1 : 0);
            spec.commandLine().getErr().println("wrote " + rows + " values to " + file);
        }
        return ExitCodes.OK;
    }
}

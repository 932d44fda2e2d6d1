package dev.overton.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code overton report RUN [--html FILE]}: the headline table and verdicts; optionally saves the report page. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Print a run's headline results and verdicts; with --html, save the scorer's report page (self-contained"
                    + " HTML with inline plots).",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {"  overton report 3f2c9a1e-0b7d-4c1e-9d55-2f1e8a7b6c40", "  overton report <run> --html report.html"})
public class ReportCommand extends Subcommand {

    @Parameters(paramLabel = "RUN", description = "the run's id")
    String runId;

    @Option(names = "--html", paramLabel = "FILE", description = "save the report page to FILE")
    Path html;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = out();
        JsonNode status = null;
        try {
            ServiceClient.Answer answer = cli.generator().get("/runs/" + runId);
            status = answer.ok() ? answer.json() : null;
        } catch (CliException e) {
            // the generator is only asked for the reference's name and failed sets; the scorer has the results
        }
        int exit = Results.print(cli, runId, status, out);
        if (html != null) {
            ServiceClient scorer = cli.scorer();
            String path = "/runs/" + runId + "/report";
            Path file = scorer.requireOk(scorer.get(path), scorer.url(path)).save(html);
            out.println("saved the report page to " + file);
        }
        out.flush();
        return exit;
    }
}

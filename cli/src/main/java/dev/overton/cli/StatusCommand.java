package dev.overton.cli;

import java.io.PrintWriter;
import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code overton status RUN}: the run's progress per variant, once, and what icl-service plans for it. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {"Show a run's progress per variant (generated, scored, failed sets).", ""},
        footerHeading = "%nExample:%n",
        footer = "  overton status 3f2c9a1e-0b7d-4c1e-9d55-2f1e8a7b6c40")
public class StatusCommand extends Subcommand {

    @Parameters(paramLabel = "RUN", description = "the run's id, as 'overton run' printed it")
    String runId;

    @Option(
            names = "--icl",
            paramLabel = "URL",
            description = "icl-service, if not at the global --icl URL (default http://127.0.0.1:8083)")
    URI icl;

    @Override
    public Integer call() {
        PrintWriter out = out();
        JsonNode status = cli.generator().getJson("/runs/" + runId, "no run with id '" + runId + "'");
        ProgressView.lines(status).forEach(out::println);
        ServiceClient icl = cli.icl(this.icl);
        try {
            ServiceClient.Answer plan = icl.get("/runs/" + runId + "/plan");
            if (plan.ok()) {
                out.println("icl-service: " + plan.json().path("plan").asText());
            }
        } catch (CliException e) {
            out.println("icl-service: not reachable at " + icl.url("") + " (in-context variants and the recovery"
                    + " verdict need it)");
        }
        if ("complete".equals(status.path("status").asText())) {
            out.println("complete: overton report " + runId);
        }
        out.flush();
        return ExitCodes.OK;
    }
}

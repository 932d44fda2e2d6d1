package dev.overton.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code overton delete RUN}: cancels the run if it is still generating and deletes it from every service ({@code
 * DELETE /runs/{id}}, with the API key). The deletion finishes in the background; {@code overton status RUN} says
 * {@code deleting} until every service confirmed.
 */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = {"Delete a run everywhere (cancelled first if still generating). Needs the API key.", ""},
        footerHeading = "%nExample:%n",
        footer = "  overton delete 3f2c9a1e-0b7d-4c1e-9d55-2f1e8a7b6c40")
public class DeleteCommand extends Subcommand {

    @Parameters(paramLabel = "RUN", description = "the run's id, as 'overton run' or 'overton list' printed it")
    String runId;

    @Override
    public Integer call() {
        PrintWriter out = out();
        ServiceClient generator = cli.generator();
        String path =
                "/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8).replace("+", "%20");
        ServiceClient.Answer answer = generator.delete(path);
        if (answer.status() == 404) {
            throw CliException.badInput("no run with id '" + runId + "' (generator-service answered 404)");
        }
        generator.requireOk(answer, "DELETE " + generator.url(path));
        out.println("run " + runId + " is being deleted from every service; 'overton status " + runId
                + "' says deleting until all confirmed");
        out.flush();
        return ExitCodes.OK;
    }
}

package dev.overton.cli;

import java.io.PrintWriter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Prints a finished run's results: the headline table from the scorer's {@code /scores}, the verdicts from its {@code
 * /report/verdicts}, and where the report page is. Shared by {@code run} and {@code report}.
 */
final class Results {

    private Results() {}

    /**
     * Prints the results of {@code runId}; {@code status} (the generator's, may be {@code null}) adds the failed-set
     * warnings and the reference's name.
     *
     * @return {@link ExitCodes#OK}, or {@link ExitCodes#FAILED} when a variant has no generated set or no verdict is
     *     available
     */
    static int print(OvertonCli cli, String runId, JsonNode status, PrintWriter out) {
        ServiceClient scorer = cli.scorer();
        String reference = status == null ? null : status.path("reference").asText(null);
        int exit = ExitCodes.OK;
        if (status != null) {
            for (JsonNode v : status.path("variants")) {
                long failed = v.path("failed").asLong();
                if (v.path("generated").asLong() == 0 && failed > 0) {
                    out.println("FAILED: every set of " + v.path("name").asText() + " failed (" + failed
                            + "); read the errors with GET " + cli.generator().url("/runs/" + runId + "/samples")
                            + " or on the report's prompt pages");
                    exit = ExitCodes.FAILED;
                } else if (failed > 0) {
                    out.println("warning: " + failed + " set(s) of "
                            + v.path("name").asText() + " failed");
                }
            }
        }
        JsonNode scores = scorer.getJson(
                "/runs/" + runId + "/scores",
                "no results for run '" + runId + "': none of its sets reached the scorer");
        out.println();
        out.print(ResultsTable.render(scores, reference));
        out.println();
        ServiceClient.Answer verdicts = scorer.get("/runs/" + runId + "/report/verdicts");
        boolean verdict = false;
        if (verdicts.ok()) {
            JsonNode body = verdicts.json();
            ResultsTable.verdicts(body).forEach(out::println);
            for (JsonNode v : body.path("shift")) {
                verdict |= !"UNDEFINED".equals(v.path("outcome").asText());
            }
        } else {
            out.println("verdicts unavailable: scorer-service answered " + verdicts.status());
        }
        out.println();
        out.println("Report: " + scorer.url("/runs/" + runId + "/report"));
        out.flush();
        if (!verdict && exit == ExitCodes.OK) {
            cli.spec
                    .commandLine()
                    .getErr()
                    .println("overton: no distributional-shift verdict for run " + runId
                            + " (no variant has paired values with the reference on two or more prompts)");
            exit = ExitCodes.FAILED;
        }
        return exit;
    }
}

package dev.overton.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code overton list}: the runs in the catalog, newest first ({@code GET /runs}), as a table. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = {"List runs, newest first: id, created, status, prompts, name, label.", ""},
        footerHeading = "%nExamples:%n",
        footer = {"  overton list", "  overton list --name llama --status complete --limit 10"})
public class ListCommand extends Subcommand {

    @Option(names = "--name", paramLabel = "TEXT", description = "only runs whose name contains TEXT (any case)")
    String name;

    @Option(
            names = "--status",
            paramLabel = "STATUS",
            description = "only runs in this status: accepted, generating, scoring, complete, deleting")
    String status;

    @Option(names = "--label", paramLabel = "LABEL", description = "only runs with exactly this label")
    String label;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "at most N runs (1-500, default ${DEFAULT-VALUE})",
            defaultValue = "50")
    int limit;

    @Override
    public Integer call() {
        PrintWriter out = out();
        JsonNode page = list();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "CREATED", "STATUS", "PROMPTS", "NAME", "LABEL"});
        for (JsonNode run : page.path("items")) {
            rows.add(new String[] {
                run.path("id").asText(),
                run.path("createdAt").asText(),
                run.path("status").asText(),
                run.path("prompts").asText(),
                RunTitles.oneLine(run.path("name").asText()),
                run.path("label").isTextual()
                        ? RunTitles.oneLine(run.path("label").asText())
                        : ""
            });
        }
        if (rows.size() == 1) {
            out.println("no runs" + (name != null || status != null || label != null ? " match" : " yet"));
        } else {
            print(out, rows);
            if (!page.path("next").isMissingNode() && !page.path("next").isNull()) {
                out.println("(more runs: raise --limit or narrow the filters)");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private JsonNode list() {
        StringBuilder path = new StringBuilder("/runs?limit=").append(limit);
        append(path, "name", name);
        append(path, "status", status);
        append(path, "label", label);
        ServiceClient generator = cli.generator();
        ServiceClient.Answer answer = generator.get(path.toString());
        if (answer.status() == 400) {
            throw CliException.badInput("generator-service refused the listing: " + ServiceClient.problemText(answer));
        }
        return generator.requireOk(answer, generator.url(path.toString())).json();
    }

    private static void append(StringBuilder path, String parameter, String value) {
        if (value != null) {
            path.append('&').append(parameter).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    /** Control characters would break the table (labels cannot hold any; names are printed defensively). */
    private static void print(PrintWriter out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}

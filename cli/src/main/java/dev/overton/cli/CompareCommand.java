package dev.overton.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code overton compare A B [--map a=b] [--metrics m,...] [--fail-if-worse m,...]}: how run B differs from run A, per
 * variant pair and metric, from the scorer's {@code GET /compare}. With {@code --fail-if-worse} it is a release gate:
 * exit 1 when a listed metric moved significantly (q ≤ 0.05) its worse way for any variant pair, 0 otherwise. Which way
 * is worse comes from the scorer's answer ({@code worseWhen}), so the client holds no copy of the metrics' directions.
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compare run B with run A: per variant and metric the difference B - A (paired over the prompts both runs"
                    + " have), its 95% bootstrap interval, p-value, Benjamini-Hochberg q-value and direction in words"
                    + " ('less diverse', 'closer to the aligned model'). Rows marked * are significant (q <= 0.05).",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  overton compare <old-run> <new-run>",
            "  overton compare <old-run> <new-run> --map llama-2-chat=llama-3-chat --metrics jaccard_1,distinct_2",
            "  overton compare <old-run> <new-run> --fail-if-worse jaccard_1,embedding_vendi_score   # CI gate",
            "",
            "Exit codes: 0 no listed metric got significantly worse; 1 one did; 2 usage error; 3 scorer unreachable;",
            "4 unknown run or bad parameter (the scorer's message says which)."
        })
public class CompareCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "A", description = "the baseline run's id")
    String runA;

    @Parameters(index = "1", paramLabel = "B", description = "the run compared with A")
    String runB;

    @Option(
            names = "--map",
            split = ",",
            paramLabel = "VARIANT_A=VARIANT_B",
            description = "pair variant VARIANT_A of run A with VARIANT_B of run B (repeatable or comma-separated);"
                    + " default: variants with the same name")
    List<String> map = new ArrayList<>();

    @Option(
            names = "--metrics",
            split = ",",
            paramLabel = "METRIC",
            description = "compare only these metrics (comma-separated); default: every metric both runs have")
    List<String> metrics = new ArrayList<>();

    @Option(
            names = "--fail-if-worse",
            split = ",",
            paramLabel = "METRIC",
            description = "exit 1 when one of these metrics moved significantly (q <= 0.05) in its worse direction"
                    + " (e.g. jaccard_1 higher = less diverse) for any variant")
    List<String> failIfWorse = new ArrayList<>();

    @Override
    public Integer call() {
        String query = query();
        JsonNode comparison = fetch(query);
        PrintWriter out = out();
        out.print(CompareTable.render(comparison));
        List<String> worse = gate(comparison);
        for (String line : worse) {
            out.println(line);
        }
        out.flush();
        return worse.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private String query() {
        StringBuilder pairs = new StringBuilder();
        for (String entry : map) {
            String[] sides = entry.split("=", -1);
            if (sides.length != 2 || sides[0].isBlank() || sides[1].isBlank()) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--map: expected VARIANT_A=VARIANT_B (e.g. --map llama-2-chat=llama-3-chat), got '" + entry
                                + "'");
            }
            pairs.append(pairs.isEmpty() ? "" : ",")
                    .append(sides[0])
                    .append(':')
                    .append(sides[1]);
        }
        StringBuilder query = new StringBuilder("/compare?a=" + encode(runA) + "&b=" + encode(runB));
        if (!pairs.isEmpty()) {
            query.append("&map=").append(encode(pairs.toString()));
        }
        if (!metrics.isEmpty()) {
            // the gate's metrics are always fetched, or a gate on a metric left out of --metrics would pass unseen
            Set<String> asked = new LinkedHashSet<>(metrics);
            asked.addAll(failIfWorse);
            query.append("&metrics=").append(encode(String.join(",", asked)));
        }
        return query.toString();
    }

    private JsonNode fetch(String path) {
        ServiceClient scorer = cli.scorer();
        ServiceClient.Answer answer = scorer.get(path);
        if (answer.status() == 404 || answer.status() == 400) {
            throw CliException.badInput("cannot compare " + runA + " with " + runB + ": "
                    + ServiceClient.problemText(answer) + " (" + scorer.name() + " answered " + answer.status()
                    + " for " + scorer.url(path) + ")");
        }
        return scorer.requireOk(answer, scorer.url(path)).json();
    }

    /** One line per gate metric that got significantly worse; a gate metric that cannot be judged is bad input. */
    private List<String> gate(JsonNode comparison) {
        List<String> worse = new ArrayList<>();
        for (String metric : failIfWorse) {
            boolean seen = false;
            for (JsonNode row : comparison.path("rows")) {
                if (!metric.equals(row.path("metric").asText())) {
                    continue;
                }
                seen = true;
                if (row.path("worseWhen").isNull() || row.path("worseWhen").isMissingNode()) {
                    throw CliException.badInput("--fail-if-worse " + metric + ": the metric has no worse direction"
                            + " (docs/metrics.md describes it, it does not rank it); gate on a diversity or coverage"
                            + " metric instead");
                }
                if (row.path("significant").asBoolean() && row.path("worse").asBoolean()) {
                    worse.add(String.format(
                            Locale.ROOT,
                            "WORSE: %s %s: %s (%s, q = %s)",
                            CompareTable.pair(row),
                            metric,
                            row.path("direction").asText(),
                            CompareTable.difference(row),
                            CompareTable.pValue(row.path("q"))));
                }
            }
            if (!seen) {
                throw CliException.badInput("--fail-if-worse " + metric + ": no variant of the two runs has values of"
                        + " that metric to compare");
            }
        }
        return worse;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

package dev.overton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a shell user gets for a mistyped command line: a message naming the option, and exit code 2 or 4. */
class ArgumentErrorsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @ParameterizedTest
    @ValueSource(strings = {"", "run", "status", "report", "export", "compare"})
    void everyCommandHasHelp(String command) {
        int exit = command.isEmpty() ? run("--help") : run(command, "--help");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).startsWith("Usage: overton" + (command.isEmpty() ? "" : " " + command));
    }

    @Test
    void runWithoutItsRequiredOptionsIsAUsageError() {
        assertThat(run("run")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString())
                .contains("Missing required options: '--dataset=FILE', '--base=BACKEND:MODEL[@ENDPOINT]',"
                        + " '--aligned=BACKEND:MODEL[@ENDPOINT]'")
                .contains("Usage: overton run");
    }

    @Test
    void aModelWithoutBackendIsAUsageErrorShowingTheForm() {
        assertThat(run("run", "--dataset", "p.jsonl", "--base", "llama-2", "--aligned", "replay:chat"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString())
                .contains("Invalid value for option '--base'")
                .contains("backend:model[@endpoint], e.g. replay:llama-2-base");
    }

    @Test
    void outOfRangeSamplesAndUnknownInContextKindsAreUsageErrors() {
        assertThat(run("run", "--dataset", "p", "--base", "replay:a", "--aligned", "replay:b", "--samples", "0"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--samples must be from 1 to 100");
        assertThat(run("run", "--dataset", "p", "--base", "replay:a", "--aligned", "replay:b", "--icl", "knn,nearest"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--icl: unknown kind 'nearest'; use one or more of fixed, random, knn");
    }

    @Test
    void anUnknownExportFormatIsAUsageErrorListingTheFormats() {
        assertThat(run("export", "r1", "--format", "xml")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString())
                .contains("Invalid value for option '--format'")
                .contains("csv, jsonl");
    }

    @Test
    void aMissingDatasetIsBadInputNamingTheOption() {
        Path missing = dir.resolve("missing.jsonl");

        assertThat(run("run", "--dataset", missing.toString(), "--base", "replay:a", "--aligned", "replay:b"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString())
                .isEqualTo("overton: --dataset: no readable file at " + missing
                        + " (give a JSONL file of {\"messages\":[...]} lines)\n");
    }

    @Test
    void aSpecFileExcludesTheBuildingOptions() {
        assertThat(run("run", "--spec", "x.json", "--dataset", "p.jsonl")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--spec submits a spec file as it is");
    }

    private int run(String... args) {
        return OvertonCli.execute(
                new OvertonCli(HttpClient.newHttpClient(), false, d -> {}),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                args);
    }
}

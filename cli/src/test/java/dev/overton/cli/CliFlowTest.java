package dev.overton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.json.EventJson;

/**
 * The client's flows over real HTTP against {@link FakeServices}: submitting a run and following it to the results,
 * status, report and export, and what the user sees (and which exit code) when something is wrong.
 */
class CliFlowTest {

    private static final String VERDICTS = """
            {"runId":"r1","reference":"llama-2-chat",
             "shift":[{"variant":"llama-2-base","reference":"llama-2-chat","metric":"jaccard_1","difference":-0.19,
                       "ciLow":-0.2051,"ciHigh":-0.1763,"n":50,"outcome":"MORE_DIVERSE",
                       "headline":"llama-2-base is more diverse than llama-2-chat",
                       "detail":"jaccard_1 llama-2-base - llama-2-chat = -0.190 [-0.205, -0.176]"}],
             "recovery":null}
            """;

    @TempDir
    Path dir;

    @RegisterExtension
    final CliHarness cli = new CliHarness("--generator", "--scorer");

    @Test
    void runSubmitsTheSpecFollowsProgressAndEndsWithTheHeadlineResults() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        cli.services()
                .json("POST /runs", 201, "{\"id\":\"r1\"}")
                .answer("GET /runs/r1", () -> {
                    int poll = polls.incrementAndGet();
                    String status = poll == 1 ? "generating" : poll == 2 ? "scoring" : "complete";
                    int generated = poll == 1 ? 20 : 50;
                    int scored = poll == 1 ? 10 : poll == 2 ? 40 : 50;
                    return new FakeServices.Canned(
                            200,
                            "application/json",
                            ProgressViewTest.status(status, generated, scored, 0)
                                    .toString());
                })
                .json("GET /runs/r1/scores", 200, ResultsTableTest.SCORES)
                .json("GET /runs/r1/report/verdicts", 200, VERDICTS);

        int exit = cli.run(
                "run",
                "--dataset",
                file("prompts.jsonl"),
                "--base",
                "replay:llama-2-base",
                "--replay-base",
                file("base.jsonl"),
                "--aligned",
                "replay:llama-2-chat",
                "--replay-aligned",
                file("chat.jsonl"),
                "--icl",
                "knn,summary",
                "--samples",
                "3");

        assertThat(exit).as(cli.err()).isEqualTo(ExitCodes.OK);
        JsonNode posted = EventJson.mapper().readTree(cli.services().bodies.get("POST /runs"));
        assertThat(posted.path("reference").asText()).isEqualTo("llama-2-chat");
        assertThat(posted.path("variants").get(0).path("samples").asInt()).isEqualTo(3);
        assertThat(posted.path("icl")).hasSize(2);
        assertThat(polls.get()).isEqualTo(3);
        List<String> lines = cli.out().lines().toList();
        assertThat(lines.get(0))
                .isEqualTo("run r1 submitted to " + cli.services().url() + "/runs");
        assertThat(lines)
                .contains(
                        "generating | llama-2-base: generated 20/50, scored 10, failed 0"
                                + " | llama-2-chat (ref): generated 50/50, scored 50, failed 0",
                        "Distributional shift: llama-2-base is more diverse than llama-2-chat"
                                + " (jaccard_1 llama-2-base - llama-2-chat = -0.190 [-0.205, -0.176])",
                        "Recovery: no verdict from icl-service yet",
                        "Report: " + cli.services().url() + "/runs/r1/report");
        assertThat(cli.out()).contains("llama-2-base              0.089 [0.078, 0.101]  -0.190 [-0.205, -0.176]");
    }

    @Test
    void aRefusedSpecIsBadInputListingTheGeneratorsFieldErrors() throws Exception {
        cli.services()
                .problem(
                        "POST /runs",
                        400,
                        "{\"title\":\"Invalid run spec\",\"status\":400,\"detail\":\"1 problem(s)\",\"errors\":"
                                + "[{\"field\":\"variants[0].source\",\"message\":\"has 3 records but the dataset has 50"
                                + " prompts\"}]}");

        int exit = cli.run(
                "run",
                "--dataset",
                file("prompts.jsonl"),
                "--base",
                "replay:a",
                "--replay-base",
                file("a.jsonl"),
                "--aligned",
                "replay:b",
                "--replay-aligned",
                file("b.jsonl"));

        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err())
                .contains("generator-service refused the run spec: 1 problem(s)")
                .contains("variants[0].source: has 3 records but the dataset has 50 prompts");
    }

    @Test
    void anUnauthorizedSubmissionIsBadInputNamingTheOptionAndTheVariable() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("OVERTON_API_KEY") == null);
        cli.services()
                .problem(
                        "POST /runs",
                        401,
                        "{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"Missing API key: send header"
                                + " X-API-Key\"}");

        int exit = cli.run("run", "--spec", specFile());

        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.services().apiKeys).doesNotContainKey("POST /runs");
        assertThat(cli.err())
                .contains("401")
                .contains("Missing API key")
                .contains("--api-key")
                .contains("OVERTON_API_KEY");
    }

    @Test
    void theApiKeyIsSentAsHeaderAndAWrongOneIsBadInput() throws Exception {
        cli.services().problem("POST /runs", 401, "{\"title\":\"Unauthorized\",\"detail\":\"Wrong API key\"}");

        int exit = cli.run("--api-key", "k1", "run", "--spec", specFile());

        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.services().apiKeys).containsEntry("POST /runs", "k1");
        assertThat(cli.err()).contains("Wrong API key").doesNotContain("k1");
    }

    @Test
    void aRunWhoseVariantFailedEntirelyExitsOne() throws Exception {
        String status = "{\"id\":\"r1\",\"status\":\"complete\",\"prompts\":2,\"reference\":\"chat\",\"variants\":["
                + "{\"name\":\"base\",\"reference\":false,\"requested\":2,\"generated\":0,\"failed\":2,\"scored\":0},"
                + "{\"name\":\"chat\",\"reference\":true,\"requested\":2,\"generated\":2,\"failed\":0,\"scored\":2}]}";
        cli.services()
                .json("POST /runs", 201, "{\"id\":\"r1\"}")
                .json("GET /runs/r1", 200, status)
                .json("GET /runs/r1/scores", 200, "{\"runId\":\"r1\",\"variants\":[],\"differences\":[]}")
                .json("GET /runs/r1/report/verdicts", 200, "{\"shift\":[],\"recovery\":null}");

        int exit = cli.run("run", "--spec", specFile());

        assertThat(exit).isEqualTo(ExitCodes.FAILED);
        assertThat(cli.out()).contains("FAILED: every set of base failed (2)");
    }

    @Test
    void statusShowsProgressAndTheInContextPlan() {
        cli.services()
                .json(
                        "GET /runs/r1",
                        200,
                        ProgressViewTest.status("complete", 50, 50, 0).toString())
                .json("GET /runs/r1/plan", 200, "{\"plan\":\"no in-context variants to build\"}");

        int exit = cli.run("status", "r1", "--icl", cli.services().url());

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.out())
                .startsWith("run r1 · complete · 50 prompts\n")
                .contains("icl-service: no in-context variants to build")
                .contains("complete: overton report r1");
    }

    @Test
    void anUnknownRunIsBadInput() {
        int exit = cli.run("status", "nope");

        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("no run with id 'nope'").contains("404");
    }

    @Test
    void reportSavesThePageAndExportWritesTheFile() throws Exception {
        cli.services()
                .json("GET /runs/r1/scores", 200, ResultsTableTest.SCORES)
                .json("GET /runs/r1/report/verdicts", 200, VERDICTS)
                .answer("GET /runs/r1/report", () -> new FakeServices.Canned(200, "text/html", "<!DOCTYPE html><p>hi"))
                .answer(
                        "GET /runs/r1/export?format=csv",
                        () -> new FakeServices.Canned(200, "text/csv", "promptId,variant\r\n0,base\r\n1,base\r\n"));
        Path html = dir.resolve("out/report.html");
        Path csv = dir.resolve("values.csv");

        assertThat(cli.run("report", "r1", "--html", html.toString())).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(html)).isEqualTo("<!DOCTYPE html><p>hi");
        assertThat(cli.out()).contains("saved the report page to " + html);

        assertThat(cli.run("export", "r1", "--format", "CSV", "--output", csv.toString()))
                .isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(csv)).isEqualTo("promptId,variant\r\n0,base\r\n1,base\r\n");
        assertThat(cli.err()).contains("wrote 2 values to " + csv);
    }

    @Test
    void anUnreachableServiceNamesItsUrlAndHowToStartIt() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        StringWriter e = new StringWriter();
        int exit = OvertonCli.execute(
                new OvertonCli(HttpClient.newHttpClient(), false, d -> {}),
                new PrintWriter(new StringWriter()),
                new PrintWriter(e),
                "--generator",
                "http://127.0.0.1:" + port,
                "status",
                "r1");

        assertThat(exit).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(e.toString())
                .contains("cannot reach generator-service at http://127.0.0.1:" + port)
                .contains("bin/overton up");
    }

    private String file(String name) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}\n");
        return file.toString();
    }

    private String specFile() throws IOException {
        Path file = dir.resolve("spec.json");
        Files.writeString(file, "{\"name\":\"x\"}");
        return file.toString();
    }
}

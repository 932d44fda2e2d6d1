package dev.overton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code overton monitor ...} over real HTTP against {@link FakeServices}. */
class MonitorCommandTest {

    private static final String MONITOR = "{\"id\":\"m1\",\"name\":\"chat-prod\",\"state\":\"active\","
            + "\"window\":{\"prompts\":20,\"every\":\"PT1H\",\"paired\":true},\"baseline\":\"first\","
            + "\"alarms\":{\"metrics\":[\"jaccard_1\"],\"fdr\":0.05,\"minEffect\":{}},\"retention\":{\"windows\":200},"
            + "\"source\":null,\"windows\":3,\"windowsKept\":3,\"lastWindow\":{\"window\":3,\"runId\":\"r3\","
            + "\"label\":\"v2.1\",\"trigger\":\"manual\",\"status\":\"created\",\"openedAt\":\"2026-12-06T10:00:00Z\"},"
            + "\"nextWindowAt\":\"2026-12-06T11:00:00Z\",\"openAlarms\":null}";

    @RegisterExtension
    final CliHarness cli = new CliHarness("--generator");

    @Test
    void createPostsTheFileWithTheKeyAndPrintsTheMonitor(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("monitor.json");
        Files.writeString(file, "{\"name\":\"chat-prod\"}");
        cli.services().json("POST /monitors", 201, MONITOR);

        int exit = cli.run("--api-key", "k1", "monitor", "create", file.toString());

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.services().bodies).containsEntry("POST /monitors", "{\"name\":\"chat-prod\"}");
        assertThat(cli.services().apiKeys).containsEntry("POST /monitors", "k1");
        assertThat(cli.out()).contains("m1", "chat-prod", "20 prompts, every PT1H, paired", "[\"jaccard_1\"]");
    }

    @Test
    void aRefusedDefinitionIsBadInputNamingTheField(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("monitor.json");
        Files.writeString(file, "{}");
        cli.services()
                .problem(
                        "POST /monitors",
                        400,
                        "{\"title\":\"Invalid run spec\",\"status\":400,\"detail\":\"1 problem(s)\","
                                + "\"errors\":[{\"field\":\"window.every\",\"message\":\"is PT5S, below the"
                                + " minimum\"}]}");

        int exit = cli.run("--api-key", "k1", "monitor", "create", file.toString());

        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("window.every", "below the minimum");
        assertThat(cli.run("monitor", "create", dir.resolve("missing.json").toString()))
                .isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void listAndShowPrintTheMonitors() {
        cli.services().json("GET /monitors", 200, "[" + MONITOR + "]");
        cli.services().json("GET /monitors/m1", 200, MONITOR);

        assertThat(cli.run("monitor", "list")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out().lines().toList()).hasSize(2).satisfies(lines -> {
            assertThat(lines.get(0)).startsWith("ID").contains("STATE", "WINDOWS", "NAME");
            assertThat(lines.get(1)).startsWith("m1").contains("active", "3", "chat-prod");
        });
        assertThat(cli.run("monitor", "show", "m1")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).contains("#3 created run r3 label v2.1", "2026-12-06T11:00:00Z");
        assertThat(cli.run("monitor", "show", "nope")).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void triggerSendsTheLabelAndPrintsTheWindowsRun() {
        cli.services()
                .json(
                        "POST /monitors/m1/windows",
                        202,
                        "{\"window\":4,\"runId\":\"r4\",\"label\":\"v2.2\",\"trigger\":\"manual\",\"status\":\"created\"}");

        int exit = cli.run("--api-key", "k1", "monitor", "trigger", "m1", "--label", "v2.2");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.services().bodies).containsEntry("POST /monitors/m1/windows", "{\"label\":\"v2.2\"}");
        assertThat(cli.out()).contains("window #4", "run r4");
    }

    @Test
    void pauseResumeAndDelete() {
        cli.services().json("POST /monitors/m1/pause", 200, MONITOR.replace("\"active\"", "\"paused\""));
        cli.services().json("POST /monitors/m1/resume", 200, MONITOR);
        cli.services()
                .json("DELETE /monitors/m1", 202, "{\"id\":\"m1\",\"state\":\"deleted\",\"runs\":[\"r1\",\"r2\"]}");

        assertThat(cli.run("--api-key", "k1", "monitor", "pause", "m1")).isEqualTo(ExitCodes.OK);
        assertThat(cli.run("--api-key", "k1", "monitor", "resume", "m1")).isEqualTo(ExitCodes.OK);
        assertThat(cli.run("--api-key", "k1", "monitor", "delete", "m1")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).contains("is paused", "is active", "2 window run(s)");
        assertThat(cli.run("--api-key", "k1", "monitor", "delete", "nope")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("no monitor with id 'nope'");
    }

    @Test
    void historyAsksTheScorerAndPrintsEachWindowsFiguresAndTheAlarms() {
        cli.services()
                .json(
                        "GET /monitors/m1/history?metric=jaccard_1",
                        200,
                        "{\"monitorId\":\"m1\",\"name\":\"chat-prod\",\"baselineRunId\":\"r1\",\"metrics\":[\"jaccard_1\"],"
                                + "\"windows\":[{\"window\":1,\"runId\":\"r1\",\"label\":\"v1\",\"baseline\":true,"
                                + "\"scored\":true,\"variants\":{\"chat\":{\"jaccard_1\":{\"mean\":0.21,\"low\":0.19,"
                                + "\"high\":0.23,\"n\":20}}}},{\"window\":2,\"runId\":\"r2\",\"label\":\"v2\","
                                + "\"baseline\":false,\"scored\":true,\"variants\":{\"chat\":{\"jaccard_1\":{\"mean\":0.9,"
                                + "\"low\":0.85,\"high\":0.95,\"n\":20}}}},{\"window\":3,\"runId\":\"r3\",\"label\":null,"
                                + "\"baseline\":false,\"scored\":false,\"variants\":{}}],"
                                + "\"alarms\":[{\"monitorId\":\"m1\",\"variant\":\"chat\",\"metric\":\"jaccard_1\","
                                + "\"window\":2,\"runId\":\"r2\",\"baselineRunId\":\"r1\",\"difference\":0.69,"
                                + "\"q\":0.0002,\"raisedAt\":\"2026-12-06T10:00:00Z\",\"clearedWindow\":null,"
                                + "\"clearedAt\":null}]}");

        assertThat(cli.run("--scorer", cli.services().url(), "monitor", "history", "m1", "--metric", "jaccard_1"))
                .isEqualTo(ExitCodes.OK);
        assertThat(cli.services().requests).contains("GET /monitors/m1/history?metric=jaccard_1");
        assertThat(cli.out())
                .contains("#1 *", "0.2100", "[0.1900, 0.2300]", "#2 ", "0.9000", "(being scored)")
                .contains("OPEN", "chat jaccard_1 at window #2 vs r1", "q 0.0002");

        cli.services()
                .json(
                        "GET /monitors/m2/history?metric=x",
                        400,
                        "{\"title\":\"Invalid parameter\",\"status\":400,\"detail\":\"bad metric\","
                                + "\"errors\":[{\"field\":\"metric\",\"message\":\"names 'x', which no window has\"}]}");
        assertThat(cli.run("--scorer", cli.services().url(), "monitor", "history", "m2", "--metric", "x"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("metric");
        assertThat(cli.run("--scorer", cli.services().url(), "monitor", "history", "nope"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("no monitor with id 'nope'");
    }
}

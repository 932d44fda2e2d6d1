package dev.overton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code overton list} and {@code overton delete} over real HTTP against {@link FakeServices}. */
class CatalogCommandsTest {

    private FakeServices services;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        services = new FakeServices();
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void listPassesTheFiltersAndPrintsOneRowPerRun() {
        services.json(
                "GET /runs?limit=5&name=llama+2&status=complete&label=v2",
                200,
                "{\"items\":[{\"id\":\"r2\",\"name\":\"llama 2 chat\",\"label\":\"v2\","
                        + "\"createdAt\":\"2026-12-01T10:00:00Z\",\"status\":\"complete\",\"prompts\":50,"
                        + "\"variants\":[\"base\",\"chat\"]},{\"id\":\"r1\",\"name\":\"llama 2 base\",\"label\":null,"
                        + "\"createdAt\":\"2026-11-30T10:00:00Z\",\"status\":\"complete\",\"prompts\":50,"
                        + "\"variants\":[\"base\"]}],\"next\":\"abc\"}");

        int exit = run("list", "--name", "llama 2", "--status", "complete", "--label", "v2", "--limit", "5");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(out.toString().lines().toList()).hasSize(4).satisfies(lines -> {
            assertThat(lines.get(0)).startsWith("ID").contains("STATUS", "NAME", "LABEL");
            assertThat(lines.get(1)).startsWith("r2").contains("complete", "llama 2 chat", "v2");
            assertThat(lines.get(2)).startsWith("r1").endsWith("llama 2 base");
            assertThat(lines.get(3)).contains("more runs");
        });
    }

    @Test
    void aRefusedListingIsBadInputNamingTheParameter() {
        services.answer(
                "GET /runs?limit=50&status=done",
                () -> new FakeServices.Canned(
                        400,
                        "application/problem+json",
                        "{\"title\":\"Invalid query parameter\",\"status\":400,\"detail\":\"status is not a run"
                                + " status\",\"errors\":[{\"field\":\"status\",\"message\":\"is not a run status\"}]}"));

        int exit = run("list", "--status", "done");

        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("status: is not a run status");
    }

    @Test
    void deleteSendsTheApiKeyAndReportsTheDeletion() {
        services.json("DELETE /runs/r1", 202, "{\"id\":\"r1\",\"status\":\"deleting\"}");

        int exit = run("--api-key", "k1", "delete", "r1");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(services.apiKeys).containsEntry("DELETE /runs/r1", "k1");
        assertThat(out.toString()).contains("r1", "being deleted");
    }

    @Test
    void deletingAnUnknownRunIsBadInput() {
        int exit = run("--api-key", "k1", "delete", "nope");

        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("no run with id 'nope'");
    }

    @Test
    void anUnauthorizedDeletionIsBadInputNamingTheOption() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("OVERTON_API_KEY") == null);
        services.answer(
                "DELETE /runs/r1",
                () -> new FakeServices.Canned(
                        401,
                        "application/problem+json",
                        "{\"title\":\"Unauthorized\",\"detail\":\"Missing API key\"}"));

        int exit = run("delete", "r1");

        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("401", "--api-key");
    }

    private int run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--generator";
        all[1] = services.url();
        System.arraycopy(args, 0, all, 2, args.length);
        return OvertonCli.execute(
                new OvertonCli(HttpClient.newHttpClient(), false, d -> {}),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                all);
    }
}

package dev.overton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code overton list} and {@code overton delete} over real HTTP against {@link FakeServices}. */
class CatalogCommandsTest {

    @RegisterExtension
    final CliHarness cli = new CliHarness("--generator");

    @Test
    void listPassesTheFiltersAndPrintsOneRowPerRun() {
        cli.services()
                .json(
                        "GET /runs?limit=5&name=llama+2&status=complete&label=v2",
                        200,
                        "{\"items\":[{\"id\":\"r2\",\"name\":\"llama 2 chat\",\"label\":\"v2\","
                                + "\"createdAt\":\"2026-12-01T10:00:00Z\",\"status\":\"complete\",\"prompts\":50,"
                                + "\"variants\":[\"base\",\"chat\"]},{\"id\":\"r1\",\"name\":\"llama 2 base\",\"label\":null,"
                                + "\"createdAt\":\"2026-11-30T10:00:00Z\",\"status\":\"complete\",\"prompts\":50,"
                                + "\"variants\":[\"base\"]}],\"next\":\"abc\"}");

        int exit = cli.run("list", "--name", "llama 2", "--status", "complete", "--label", "v2", "--limit", "5");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.out().lines().toList()).hasSize(4).satisfies(lines -> {
            assertThat(lines.get(0)).startsWith("ID").contains("STATUS", "NAME", "LABEL");
            assertThat(lines.get(1)).startsWith("r2").contains("complete", "llama 2 chat", "v2");
            assertThat(lines.get(2)).startsWith("r1").endsWith("llama 2 base");
            assertThat(lines.get(3)).contains("more runs");
        });
    }

    @Test
    void aRefusedListingIsBadInputNamingTheParameter() {
        cli.services()
                .problem(
                        "GET /runs?limit=50&status=done",
                        400,
                        "{\"title\":\"Invalid query parameter\",\"status\":400,\"detail\":\"status is not a run"
                                + " status\",\"errors\":[{\"field\":\"status\",\"message\":\"is not a run status\"}]}");

        int exit = cli.run("list", "--status", "done");

        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("status: is not a run status");
    }

    @Test
    void deleteSendsTheApiKeyAndReportsTheDeletion() {
        cli.services().json("DELETE /runs/r1", 202, "{\"id\":\"r1\",\"status\":\"deleting\"}");

        int exit = cli.run("--api-key", "k1", "delete", "r1");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.services().apiKeys).containsEntry("DELETE /runs/r1", "k1");
        assertThat(cli.out()).contains("r1", "being deleted");
    }

    @Test
    void deletingAnUnknownRunIsBadInput() {
        int exit = cli.run("--api-key", "k1", "delete", "nope");

        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("no run with id 'nope'");
    }

    @Test
    void anUnauthorizedDeletionIsBadInputNamingTheOption() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("OVERTON_API_KEY") == null);
        cli.services().problem("DELETE /runs/r1", 401, "{\"title\":\"Unauthorized\",\"detail\":\"Missing API key\"}");

        int exit = cli.run("delete", "r1");

        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("401", "--api-key");
    }
}

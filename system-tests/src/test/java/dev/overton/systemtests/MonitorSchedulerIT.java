package dev.overton.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import dev.overton.systemtests.ServiceProcesses.Instance;

/**
 * Monitor scheduling across generator instances (issue 15, "Must show: Scheduler"): two generators on the same database
 * and broker, a monitor with {@code every: PT5S} for about 30 s, and one generator killed with SIGKILL half-way. Every
 * due time gets exactly one window (the expected number, no duplicate, no gap), and every window exactly one run in the
 * catalog ({@code GET /runs?monitor=}). Only the generators run: windows are counted in the generator's catalog, so the
 * scorer and icl-service are not needed.
 *
 * <p>The generators accept {@code PT5S} through {@code overton.monitors.min-every} (default {@code PT10S}), and store a
 * window's run left unstored by a dead instance after 5 s ({@code overton.monitors.redo-after}, default 30 s).
 */
class MonitorSchedulerIT {

    private static final Duration EVERY = Duration.ofSeconds(5);
    private static final int SECOND_GENERATOR_PORT = 18186;

    private static ServiceProcesses services;
    private static Path fixtures;

    @BeforeAll
    static void startTwoGenerators() throws Exception {
        fixtures = SharedFixtures.limaOe();
        services = ServiceProcesses.startGenerators(
                List.of(ServiceProcesses.Service.GENERATOR.port, SECOND_GENERATOR_PORT),
                List.of("-Doverton.monitors.min-every=" + EVERY, "-Doverton.monitors.redo-after=5s"));
    }

    @AfterAll
    static void stopGenerators() {
        if (services != null) {
            services.close();
            services = null;
        }
    }

    @Test
    void twoGeneratorsOpenOneWindowPerDueTimeAndKillingOneMidwayChangesNothing() throws Exception {
        List<Instance> generators = services.instances();
        assertThat(generators).hasSize(2);
        Instance victim = generators.get(0);
        Instance survivor = generators.get(1);

        String name = "scheduler-" + UUID.randomUUID().toString().substring(0, 8);
        JsonPath created = given().baseUri(victim.url())
                .header("X-API-Key", ServiceProcesses.API_KEY)
                .contentType(ContentType.JSON)
                .body(monitorSpec(name))
                .post("/monitors")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String id = created.getString("id");
        Instant start = Instant.parse(created.getString("createdAt"));

        // Both instances tick every second and race for each due window; half-way one of them dies mid-whatever.
        sleepUntil(start.plusSeconds(15));
        services.kill(victim);
        sleepUntil(start.plusSeconds(32));
        JsonPath paused = given().baseUri(survivor.url())
                .header("X-API-Key", ServiceProcesses.API_KEY)
                .post("/monitors/" + id + "/pause")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Instant pausedAt = Instant.now();
        int windows = paused.getInt("windows");

        // Due times start, start+5s, ... up to the pause: 7 for 32 s. One either way for a tick in flight at the pause.
        long expected = Duration.between(start, pausedAt).toMillis() / EVERY.toMillis() + 1;
        assertThat((long) windows)
                .as("windows opened in %s at every %s", Duration.between(start, pausedAt), EVERY)
                .isBetween(expected - 1, expected + 1);

        // A window whose run the killed instance had not stored yet is stored by the survivor after redo-after.
        List<Integer> runWindows = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    runWindows.clear();
                    runWindows.addAll(given().baseUri(survivor.url())
                            .queryParam("monitor", id)
                            .queryParam("limit", 500)
                            .get("/runs")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("items.window", Integer.class));
                    assertThat(runWindows).hasSize(windows);
                });
        assertThat(runWindows)
                .as("one run per window in the catalog, numbered 1..%d without a duplicate or a gap", windows)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.rangeClosed(1, windows).boxed().toList());

        // The windows as the database holds them: each stands for the next due time, none twice, none skipped, and
        // the kill caused no catch-up window (the survivor kept ticking).
        List<Instant> dueTimes = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:5432/overton_it", "overton", "overton");
                PreparedStatement st = db.prepareStatement("select window_no, trigger, due_at, run_id from"
                        + " generator.monitor_windows where monitor_id = ? order by window_no")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int window = rs.getInt("window_no");
                    assertThat(rs.getString("trigger")).as("window %d", window).isEqualTo("schedule");
                    assertThat(rs.getString("run_id"))
                            .as("window %d has its run", window)
                            .isNotNull();
                    dueTimes.add(rs.getTimestamp("due_at").toInstant());
                }
            }
        }
        assertThat(dueTimes).hasSize(windows);
        for (int k = 0; k < dueTimes.size(); k++) {
            assertThat(dueTimes.get(k))
                    .as("window %d stands for due time start + %d x %s", k + 1, k, EVERY)
                    .isEqualTo(start.plus(EVERY.multipliedBy(k)));
        }
    }

    /** One prompt per window, two replayed variants: a window's run is cheap, the schedule is what is tested. */
    private static String monitorSpec(String name) {
        return "{\"name\":\"" + name + "\",\"dataset\":{\"prompts\":[\"first prompt\",\"second prompt\"]},"
                + "\"reference\":\"llama-2-chat\",\"variants\":["
                + PipelineItVariants.replay(fixtures, "llama-2-chat").replace("\"samples\":5", "\"samples\":2") + ","
                + PipelineItVariants.replay(fixtures, "llama-2-base").replace("\"samples\":5", "\"samples\":2")
                + "],\"window\":{\"prompts\":1,\"every\":\"" + EVERY + "\"}}";
    }

    private static void sleepUntil(Instant when) {
        Duration wait = Duration.between(Instant.now(), when);
        if (!wait.isNegative()) {
            await().pollDelay(wait).atMost(wait.plusSeconds(5)).until(() -> true);
        }
    }
}

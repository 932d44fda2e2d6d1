package dev.overton.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.overton.systemtests.ServiceProcesses.Instance;
import dev.overton.systemtests.ServiceProcesses.Service;

/**
 * Faults in the middle of a run, through the real broker and database; after each, every expected score exists exactly
 * once. The run replays four LIMA-OE variants (200 sample sets, 950 pair values against chat's sample 0), enough that
 * the fault lands while sets are still being scored.
 */
class FaultToleranceIT extends AllServicesRunning {

    private static final List<String> VARIANTS =
            List.of("llama-2-chat", "llama-2-base", "llama-2-icl", "llama-2-icl-chat");
    private static final int SETS = 200;
    // 5 pairs per prompt for each non-reference variant, 4 for the reference (samples 1..4 against sample 0)
    private static final int PAIRS = 3 * 250 + 200;

    // One set of services for all the faults: each test leaves them as it found them (a killed scorer is started
    // again, the broker and the database come back, the extra scorer is stopped).
    private static String submitAndAwaitFirstScores() {
        String runId = Runs.submitLimaOe(fixtures, "llama-2-chat", VARIANTS);
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions()
                .until(() -> Runs.total(runId, "scored") >= 3);
        return runId;
    }

    @Test
    void scorerKilledWithSigkillMidRunAndRestartedLosesNothing() throws Exception {
        String runId = submitAndAwaitFirstScores();

        services.kill(services.first(Service.SCORER));
        int scoredAtKill = Runs.total(runId, "scored");
        services.startInstance(Service.SCORER, Service.SCORER.port);

        Runs.awaitComplete(runId, Duration.ofMinutes(4));
        assertThat(scoredAtKill).as("the kill landed in the middle of the run").isLessThan(SETS);
        Runs.assertEveryScoreExactlyOnce(Service.SCORER.url(), runId, SETS, PAIRS);
    }

    @Test
    void kafkaBrokerRestartedMidRunLosesNothing() throws Exception {
        String runId = submitAndAwaitFirstScores();

        run(ServiceProcesses.repoRoot(), "bin/overton", "restart", "kafka");

        Runs.awaitComplete(runId, Duration.ofMinutes(5));
        Runs.assertEveryScoreExactlyOnce(Service.SCORER.url(), runId, SETS, PAIRS);
    }

    @Test
    void postgresqlStoppedForFifteenSecondsMidRunLosesNothing() throws Exception {
        String cluster = postgresCluster();
        String runId = submitAndAwaitFirstScores();

        pgCtlCluster(cluster, "stop", "-m", "fast");
        try {
            Thread.sleep(15_000);
        } finally {
            pgCtlCluster(cluster, "start");
        }

        Runs.awaitComplete(runId, Duration.ofMinutes(5));
        Runs.assertEveryScoreExactlyOnce(Service.SCORER.url(), runId, SETS, PAIRS);
    }

    @Test
    void secondScorerStoppedMidRunHandsItsPartitionsToTheFirst() throws Exception {
        Instance second = services.startInstance(Service.SCORER, 18184);
        String runId = submitAndAwaitFirstScores();

        services.stop(second);

        Runs.awaitComplete(runId, Duration.ofMinutes(4));
        Runs.assertEveryScoreExactlyOnce(Service.SCORER.url(), runId, SETS, PAIRS);
    }

    /** The "version name" of the PostgreSQL cluster on port 5432; skips when it is not a local Debian cluster. */
    private static String postgresCluster() throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("pg_lsclusters", "--no-header")
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            assumeTrue(false, "skipped: pg_lsclusters is not available, so PostgreSQL cannot be paused here");
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        for (String line : out.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[2].equals("5432") && f[3].equals("online")) {
                return f[0] + " " + f[1];
            }
        }
        assumeTrue(false, "skipped: no local PostgreSQL cluster online on port 5432 (pg_lsclusters: " + out + ")");
        return null;
    }

    /** Runs Debian's {@code pg_ctlcluster} on {@code cluster} (as {@link #postgresCluster()} names it). */
    private static void pgCtlCluster(String cluster, String... action) throws IOException, InterruptedException {
        String[] versionAndName = cluster.split(" ");
        List<String> command = new ArrayList<>(
                List.of("pg_ctlcluster", "--skip-systemctl-redirect", versionAndName[0], versionAndName[1]));
        command.addAll(List.of(action));
        run(Path.of("/"), command.toArray(String[]::new));
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS))
                .as(String.join(" ", command))
                .isTrue();
        assertThat(p.exitValue())
                .as(String.join(" ", command) + " said:\n" + out)
                .isZero();
    }
}

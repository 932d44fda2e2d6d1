package dev.overton.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.overton.systemtests.ServiceProcesses.Service;

/**
 * The generator killed with SIGKILL in the middle of a run and started again: the requests it had not committed are
 * redelivered, sets it had stored but maybe not published are published again, and at the end every sample set (and
 * every sample) exists exactly once, in the generator and in the scorer.
 */
class GeneratorCrashIT extends AllServicesRunning {

    private static final List<String> VARIANTS =
            List.of("llama-2-chat", "llama-2-base", "llama-2-icl", "llama-2-icl-chat");

    @Test
    void generatorKilledMidRunProducesEverySampleSetExactlyOnce() throws Exception {
        String runId = Runs.submitLimaOe(fixtures, "llama-2-chat", VARIANTS);
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .ignoreExceptions()
                .until(() -> Runs.total(runId, "generated") >= 3);

        services.kill(services.first(Service.GENERATOR));
        services.startInstance(Service.GENERATOR, Service.GENERATOR.port);
        int generatedAtKill = Runs.total(runId, "generated");

        Runs.awaitComplete(runId, Duration.ofMinutes(4));
        assertThat(generatedAtKill)
                .as("the kill landed in the middle of the run")
                .isLessThan(200);
        String samples = Runs.samples(runId);
        List<String> keys =
                samples.lines().map(l -> l.replaceAll(",\"text\":.*", "")).toList();
        assertThat(keys).hasSize(1000).doesNotHaveDuplicates();
        Runs.assertEveryScoreExactlyOnce(Service.SCORER.url(), runId, 200, 3 * 250 + 200);
    }
}

package dev.overton.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class GaugeRefreshTest {

    private static final Logger LOG = Logger.getLogger(GaugeRefreshTest.class);
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void perRunComputesEachRunInOrderAndKeepsItsId() {
        List<GaugeRefresh.PerRun<Integer>> runs = GaugeRefresh.perRun(
                        Uni.createFrom().item(List.of("a", "bb", "ccc")),
                        run -> Uni.createFrom().item(run.length()))
                .await()
                .atMost(WAIT);

        assertThat(runs)
                .containsExactly(
                        new GaugeRefresh.PerRun<>("a", 1),
                        new GaugeRefresh.PerRun<>("bb", 2),
                        new GaugeRefresh.PerRun<>("ccc", 3));
    }

    @Test
    void publishHandsTheSnapshotToTheGauges() {
        List<String> published = new ArrayList<>();

        GaugeRefresh.publish(Uni.createFrom().item("snapshot"), published::add, "test", LOG)
                .await()
                .atMost(WAIT);

        assertThat(published).containsExactly("snapshot");
    }

    @Test
    void aFailedSnapshotPublishesNothingAndCompletesTheRefreshNormally() {
        List<String> published = new ArrayList<>();

        GaugeRefresh.publish(
                        Uni.createFrom().<String>failure(new IllegalStateException("database away")),
                        published::add,
                        "test",
                        LOG)
                .await()
                .atMost(WAIT);

        assertThat(published).isEmpty();
    }
}

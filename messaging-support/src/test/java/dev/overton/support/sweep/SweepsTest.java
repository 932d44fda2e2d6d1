package dev.overton.support.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class SweepsTest {

    private static final Logger LOG = Logger.getLogger(SweepsTest.class);
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void eachRunsTheStepsOneAfterTheOtherInOrder() {
        List<String> done = new ArrayList<>();

        Sweeps.each(
                        List.of("a", "b", "c"),
                        item -> Uni.createFrom()
                                .item(item)
                                .onItem()
                                .delayIt()
                                .by(Duration.ofMillis("a".equals(item) ? 50 : 1))
                                .invoke(done::add))
                .await()
                .atMost(WAIT);

        assertThat(done).containsExactly("a", "b", "c");
    }

    @Test
    void eachOfNothingCompletesWithoutAStep() {
        List<String> done = new ArrayList<>();

        Void result = Sweeps.each(
                        List.<String>of(), item -> Uni.createFrom().item(item).invoke(done::add))
                .await()
                .atMost(WAIT);

        assertThat(result).isNull();
        assertThat(done).isEmpty();
    }

    @Test
    void eachStopsAtTheFirstFailure() {
        List<String> done = new ArrayList<>();

        Uni<Void> sweep = Sweeps.each(
                List.of("a", "b", "c"),
                item -> "b".equals(item)
                        ? Uni.createFrom().failure(new IllegalStateException("row b"))
                        : Uni.createFrom().item(item).invoke(done::add));

        assertThatThrownBy(() -> sweep.await().atMost(WAIT)).hasMessage("row b");
        assertThat(done).containsExactly("a");
    }

    @Test
    void logFailureCompletesAFailedSweepNormally() {
        Uni<Void> sweep = Uni.createFrom()
                .<String>failure(new IllegalStateException("database away"))
                .plug(Sweeps.logFailure(LOG, "run %s: test sweep failed, will try again", "r1"));

        assertThat(sweep.await().atMost(WAIT)).isNull();
    }

    @Test
    void logFailureLeavesASuccessfulSweepAlone() {
        List<String> done = new ArrayList<>();

        Uni.createFrom()
                .item("ok")
                .invoke(done::add)
                .plug(Sweeps.logFailure(LOG, "test sweep failed"))
                .await()
                .atMost(WAIT);

        assertThat(done).containsExactly("ok");
    }
}

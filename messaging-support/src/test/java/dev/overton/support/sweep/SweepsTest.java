package dev.overton.support.sweep;

import static org.assertj.core.api.Assertions.assertThat;

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

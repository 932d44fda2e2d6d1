package dev.overton.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Collection;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class SnapshotGaugeTest {

    private static final String NAME = "overton.test.values";
    private static final double DELTA = 1e-12;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SnapshotGauge gauge = new SnapshotGauge(
            MultiGauge.builder(NAME).description("Values for the test").register(registry));

    private Collection<Gauge> series() {
        return registry.find(NAME).gauges();
    }

    private double value(String run, String state) {
        return registry.get(NAME).tags("run", run, "state", state).gauge().value();
    }

    @Test
    void hasNoSeriesBeforeTheFirstSnapshot() {
        assertThat(series()).isEmpty();
    }

    @Test
    void exportsEachRowOfTheSnapshotUnderItsTagsWithTheDescription() {
        gauge.replace(new SnapshotGauge.Rows()
                .add(Tags.of("run", "r1", "state", "requested"), 3)
                .add(Tags.of("run", "r1", "state", "failed"), 0.5));

        assertThat(series()).hasSize(2);
        assertThat(value("r1", "requested")).isEqualTo(3.0, offset(DELTA));
        assertThat(value("r1", "failed")).isEqualTo(0.5, offset(DELTA));
        assertThat(series())
                .allSatisfy(g -> assertThat(g.getId().getDescription()).isEqualTo("Values for the test"));
    }

    @Test
    void replacingUpdatesKeptSeriesAndRemovesThoseMissingFromTheNewSnapshot() {
        gauge.replace(new SnapshotGauge.Rows()
                .add(Tags.of("run", "old", "state", "requested"), 1)
                .add(Tags.of("run", "new", "state", "requested"), 2));

        gauge.replace(new SnapshotGauge.Rows().add(Tags.of("run", "new", "state", "requested"), 5));

        assertThat(series()).hasSize(1);
        assertThat(value("new", "requested")).isEqualTo(5.0, offset(DELTA));
        assertThat(registry.find(NAME).tag("run", "old").gauge()).isNull();
    }

    @Test
    void anEmptySnapshotRemovesEverySeries() {
        gauge.replace(new SnapshotGauge.Rows().add(Tags.of("run", "r1", "state", "completed"), 4));

        gauge.replace(new SnapshotGauge.Rows());

        assertThat(series()).isEmpty();
    }
}

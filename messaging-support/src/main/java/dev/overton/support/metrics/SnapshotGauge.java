package dev.overton.support.metrics;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * A gauge with one series per tag set, whose series are all replaced at once from a snapshot (typically recomputed
 * from the database on a schedule): series in the snapshot take its values, series missing from it are removed. So a
 * run that drops out of the window stops being exported instead of keeping its last value.
 *
 * <p>It wraps a Micrometer {@link MultiGauge} and registers its rows with overwrite, so that services need not repeat
 * the row list and the replace-all call for each gauge. The caller still builds and registers the {@code MultiGauge}
 * with {@code MultiGauge.builder("overton....")} in its own source: that is where readers, and the deploy-tests' scan
 * for the metric names dashboards may use, find the name. Values are fixed numbers, not live references: a series
 * changes only at the next {@link #replace}.
 */
public final class SnapshotGauge {

    private final MultiGauge gauge;

    /** Takes over {@code gauge}, registered and with no rows yet; from now on only {@link #replace} should set them. */
    public SnapshotGauge(MultiGauge gauge) {
        this.gauge = gauge;
    }

    /** Makes {@code snapshot} the gauge's series: each row's value under its tags, every other series removed. */
    public void replace(Rows snapshot) {
        gauge.register(snapshot.rows, true);
    }

    /** The series of one snapshot, in the order added. */
    public static final class Rows {

        private final List<MultiGauge.Row<?>> rows = new ArrayList<>();

        /** Adds the series {@code tags} with {@code value}. */
        public Rows add(Tags tags, Number value) {
            rows.add(MultiGauge.Row.of(tags, value));
            return this;
        }
    }
}

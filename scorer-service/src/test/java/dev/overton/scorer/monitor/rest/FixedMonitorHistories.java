package dev.overton.scorer.monitor.rest;

import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.smallrye.mutiny.Uni;

import dev.overton.scorer.monitor.MonitorHistories;
import dev.overton.scorer.monitor.MonitorHistory;
import dev.overton.scorer.report.TrendFixtures;

/**
 * The trend page's test histories in place of the database's: {@link TrendFixtures#history()} for its monitor, and an
 * empty history for {@code mon-empty}; every other id is unknown. Enabled only under {@link FixedHistoryProfile}, so the
 * real bean serves every other test.
 */
@Alternative
@ApplicationScoped
public class FixedMonitorHistories implements MonitorHistories {

    /** A monitor known to the scorer that has no window yet. */
    static final String EMPTY = "mon-empty";

    @Override
    public Uni<Optional<MonitorHistory>> history(String monitorId, String metric) {
        if (TrendFixtures.MONITOR.equals(monitorId)) {
            return Uni.createFrom().item(Optional.of(TrendFixtures.history()));
        }
        if (EMPTY.equals(monitorId)) {
            return Uni.createFrom()
                    .item(Optional.of(new MonitorHistory(
                            EMPTY, "empty", null, java.util.List.of(), java.util.List.of(), java.util.List.of())));
        }
        return Uni.createFrom().item(Optional.empty());
    }
}

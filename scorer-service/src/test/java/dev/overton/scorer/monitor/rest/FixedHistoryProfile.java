package dev.overton.scorer.monitor.rest;

import java.util.Set;

import dev.overton.scorer.InMemoryChannels;

/** {@link InMemoryChannels} with the monitor histories replaced by {@link FixedMonitorHistories}. */
public class FixedHistoryProfile extends InMemoryChannels {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(FixedMonitorHistories.class);
    }
}

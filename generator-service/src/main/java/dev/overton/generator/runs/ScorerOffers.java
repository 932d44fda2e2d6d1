package dev.overton.generator.runs;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.enterprise.context.ApplicationScoped;

import dev.overton.contracts.ScorerCapabilities;
import dev.overton.contracts.spec.MeasureGroup;

/**
 * What the scorers can compute, as they last said on {@code scorer-capabilities} (newest record per scorer service).
 * The generator cannot read a scorer's configuration, so this is how {@code POST /runs} knows to refuse a measure group
 * that is switched off everywhere. Until any scorer has said, nothing is known and nothing is refused.
 */
@ApplicationScoped
public class ScorerOffers {

    private final Map<String, ScorerCapabilities> byService = new ConcurrentHashMap<>();

    /** Keeps {@code capabilities} unless a newer record of the same service is already kept. */
    public void update(ScorerCapabilities capabilities) {
        byService.merge(capabilities.service(), capabilities, ScorerOffers::newer);
    }

    private static ScorerCapabilities newer(ScorerCapabilities kept, ScorerCapabilities arrived) {
        if (kept.publishedAt() != null
                && arrived.publishedAt() != null
                && arrived.publishedAt().isBefore(kept.publishedAt())) {
            return kept;
        }
        return arrived;
    }

    /** The groups some scorer computes, or {@code null} when no scorer has said yet. */
    public Set<MeasureGroup> offered() {
        if (byService.isEmpty()) {
            return null;
        }
        Set<MeasureGroup> offered = EnumSet.noneOf(MeasureGroup.class);
        byService.values().forEach(c -> offered.addAll(c.offered()));
        return offered;
    }

    /** The setting a scorer named as switching {@code group} on, or {@code null}. */
    public String howToEnable(MeasureGroup group) {
        return byService.values().stream()
                .map(c -> c.switchedOff().get(group.wireName()))
                .filter(s -> s != null)
                .findFirst()
                .orElse(null);
    }
}

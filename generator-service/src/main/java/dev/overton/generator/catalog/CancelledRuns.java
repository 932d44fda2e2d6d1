package dev.overton.generator.catalog;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.vertx.core.Context;

import dev.overton.generator.catalog.persistence.DeletionStore;
import dev.overton.generator.sampling.RunCancellation;

/**
 * The runs whose deletion was requested, as the sampling backends see them: a run's tombstone in {@code run_deletions}
 * (written by whichever generator instance took the {@code DELETE}, so every instance sees it) means cancelled. A run
 * once seen cancelled is remembered, since a tombstone is never removed; a run not cancelled is looked up again next
 * time. A lookup that fails (the database is away) answers "not cancelled": work goes on rather than stop on a hiccup,
 * and the consumer's own check after the draw still keeps the set from being stored or published.
 */
@ApplicationScoped
public class CancelledRuns implements RunCancellation {

    private static final Logger LOG = Logger.getLogger(CancelledRuns.class);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);

    private final DeletionStore deletions;
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();

    public CancelledRuns(DeletionStore deletions) {
        this.deletions = deletions;
    }

    @Override
    public boolean isCancelled(String runId) {
        if (cancelled.contains(runId)) {
            return true;
        }
        if (Context.isOnEventLoopThread()) {
            // Blocking here would stall every consumer on this loop; the consumer checks reactively instead.
            return false;
        }
        try {
            if (deletions.isDeleted(runId).await().atMost(LOOKUP_TIMEOUT)) {
                cancelled.add(runId);
                return true;
            }
            return false;
        } catch (RuntimeException e) {
            LOG.debugf(e, "run %s: cannot look up its deletion; treating it as not cancelled", runId);
            return false;
        }
    }
}

package dev.overton.generator.runs.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.ScorerCapabilities;
import dev.overton.generator.runs.ScorerOffers;
import dev.overton.support.log.LogSafe;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

/**
 * Consumes {@code scorer-capabilities} from its beginning, in a consumer group of its own per generator instance (every
 * instance must know every scorer), and keeps the newest record per scorer in {@link ScorerOffers}.
 */
@ApplicationScoped
public class ScorerCapabilitiesConsumer {

    static final String CHANNEL = "scorer-capabilities-in";

    private static final Logger LOG = Logger.getLogger(ScorerCapabilitiesConsumer.class);

    private final ScorerOffers offers;
    private final ConsumerMetrics metrics;

    public ScorerCapabilitiesConsumer(ScorerOffers offers, ConsumerMetrics metrics) {
        this.offers = offers;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        return InboundRecords.handle(CHANNEL, json, ScorerCapabilities.class, metrics, LOG, c -> {
            offers.update(c);
            LOG.infof("scorer %s offers measure groups %s", LogSafe.quote(c.service()), c.offered());
            return Uni.createFrom().voidItem();
        });
    }
}

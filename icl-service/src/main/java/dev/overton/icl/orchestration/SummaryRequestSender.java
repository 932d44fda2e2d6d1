package dev.overton.icl.orchestration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

import dev.overton.contracts.CompletionRequest;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.json.EventJson;
import dev.overton.icl.hints.SummarizerModel;
import dev.overton.icl.hints.SummaryRequests;
import dev.overton.icl.hints.persistence.SummaryStore;
import dev.overton.icl.orchestration.persistence.OrchestrationStore;
import dev.overton.support.messaging.KeyedMessages;
import dev.overton.support.reactive.InOrder;

/**
 * Asks the summarizer models of a run's in-context variants for their summary hints: one {@link CompletionRequest} on
 * {@code completion-requests} per prompt whose reference answer has arrived, claimed by inserting its {@code summaries}
 * row, sent, then marked sent (the same discipline as generation requests, so a request is never sent twice by two
 * instances, and one stranded between claim and send is re-sent by {@link #resendUnsent}).
 */
@ApplicationScoped
public class SummaryRequestSender {

    private static final Logger LOG = Logger.getLogger(SummaryRequestSender.class);

    private final SummaryStore summaries;
    private final MutinyEmitter<String> completionRequests;

    public SummaryRequestSender(
            SummaryStore summaries, @Channel("completion-requests-out") MutinyEmitter<String> completionRequests) {
        this.summaries = summaries;
        this.completionRequests = completionRequests;
    }

    /**
     * Asks each summarizer of the run's open variants for the summaries it has not been asked for: one request per
     * prompt whose reference answer has arrived. Variants with the same summarizer share its summaries.
     */
    public Uni<Void> requestSummaries(
            String runId,
            String reference,
            List<IclSettings> summarizing,
            OrchestrationStore.Inputs inputs,
            Map<String, Map<String, SummaryStore.State>> states) {
        Map<String, SummarizerModel> models = new LinkedHashMap<>();
        summarizing.forEach(s -> models.putIfAbsent(s.summarizer().id(), s.summarizer()));
        Map<String, String> answers = inputs.answers().getOrDefault(reference, Map.of());
        Instant now = Instant.now();
        List<CompletionRequest> wanted = new ArrayList<>();
        for (SummarizerModel model : models.values()) {
            Map<String, SummaryStore.State> asked = states.getOrDefault(model.id(), Map.of());
            for (Prompt p : inputs.prompts()) {
                String answer = answers.get(p.id());
                if (answer != null && !answer.isBlank() && !asked.containsKey(p.id())) {
                    wanted.add(SummaryRequests.request(runId, model, p, answer, now));
                }
            }
        }
        if (wanted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return summaries
                .claim(wanted, now)
                .invoke(claimed -> LOG.infof(
                        "run %s: %d summary request(s) to send%s",
                        runId,
                        claimed.size(),
                        wanted.size() > claimed.size()
                                ? " (" + (wanted.size() - claimed.size()) + " already claimed by another instance)"
                                : ""))
                .chain(claimed -> InOrder.each(claimed, this::send));
    }

    /** Re-sends the summary requests claimed before {@code before} and never marked sent. */
    public Uni<Void> resendUnsent(Instant before) {
        return summaries
                .unsent(before, 500)
                .chain(unsent -> InOrder.each(unsent, r -> {
                    LOG.infof("run %s: re-sending summary request %s", r.runId(), r.requestId());
                    return send(r);
                }));
    }

    private Uni<Void> send(CompletionRequest request) {
        return completionRequests
                .sendMessage(KeyedMessages.of(request.key(), EventJson.write(request)))
                .chain(() -> summaries.markSent(request.requestId(), Instant.now()));
    }
}

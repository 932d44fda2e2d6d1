package dev.overton.scorer.judge.messaging;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.GenerationRequest;
import dev.overton.scorer.judge.persistence.JudgeRunStore;
import dev.overton.scorer.tokenshift.messaging.TokenShiftRequests;
import dev.overton.scorer.tokenshift.persistence.TokenShiftStore;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

/**
 * Consumes {@code generation-requests} (own group) to learn each prompt's text, which the judge prompts quote (sample
 * sets carry only the responses), and the in-context prompts icl-service rendered (the token shift's icl contexts).
 * Stores them once, then plans the prompt's judgments and token-shift scorings in case its sets and its run arrived
 * first.
 */
@ApplicationScoped
public class PromptsConsumer {

    static final String CHANNEL = "generation-requests-in";
    private static final Logger LOG = Logger.getLogger(PromptsConsumer.class);

    private final JudgeRunStore runs;
    private final JudgeRequests requests;
    private final ConsumerMetrics metrics;
    private final TokenShiftStore tokenShiftStore;
    private final TokenShiftRequests tokenShift;

    public PromptsConsumer(
            JudgeRunStore runs,
            JudgeRequests requests,
            ConsumerMetrics metrics,
            TokenShiftStore tokenShiftStore,
            TokenShiftRequests tokenShift) {
        this.runs = runs;
        this.requests = requests;
        this.metrics = metrics;
        this.tokenShiftStore = tokenShiftStore;
        this.tokenShift = tokenShift;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        return InboundRecords.handle(CHANNEL, json, GenerationRequest.class, metrics, LOG, this::handle);
    }

    private Uni<Void> handle(GenerationRequest request) {
        List<ChatMessage> messages = request.prompt().messages() == null
                ? List.of()
                : request.prompt().messages();
        String runId = request.runId();
        String promptId = request.prompt().id();
        Uni<Void> rendered = request.renderedPrompt() == null
                ? Uni.createFrom().voidItem()
                : tokenShiftStore.storeRendered(
                        runId, promptId, request.variant().name(), request.renderedPrompt());
        return runs.storePrompt(runId, promptId, messages)
                .chain(() -> rendered)
                .chain(() -> requests.planPrompt(runId, promptId))
                .chain(() -> tokenShift.planPrompt(runId, promptId));
    }
}

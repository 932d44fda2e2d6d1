package dev.overton.scorer.judge.messaging;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.GenerationRequest;
import dev.overton.scorer.judge.persistence.JudgeRunStore;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

/**
 * Consumes {@code generation-requests} (own group) to learn each prompt's text, which the judge prompts quote (sample
 * sets carry only the responses). Stores the prompt once, then plans the prompt's judgments in case its sets and its
 * run's judge arrived first.
 */
@ApplicationScoped
public class PromptsConsumer {

    static final String CHANNEL = "generation-requests-in";
    private static final Logger LOG = Logger.getLogger(PromptsConsumer.class);

    private final JudgeRunStore runs;
    private final JudgeRequests requests;
    private final ConsumerMetrics metrics;

    public PromptsConsumer(JudgeRunStore runs, JudgeRequests requests, ConsumerMetrics metrics) {
        this.runs = runs;
        this.requests = requests;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        return InboundRecords.handle(CHANNEL, json, GenerationRequest.class, metrics, LOG, this::handle);
    }

    private Uni<Void> handle(GenerationRequest request) {
        List<ChatMessage> messages = request.prompt().messages() == null
                ? List.of()
                : request.prompt().messages();
        return runs.storePrompt(request.runId(), request.prompt().id(), messages)
                .chain(() ->
                        requests.planPrompt(request.runId(), request.prompt().id()));
    }
}

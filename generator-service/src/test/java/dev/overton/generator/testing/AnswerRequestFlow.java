package dev.overton.generator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.smallrye.reactive.messaging.memory.InMemorySink;

import dev.overton.contracts.Answer;
import dev.overton.generator.sampling.openai.FakeOpenAiServer;

/**
 * The base of the tests of a consumer that answers requests with one model call each (completion requests,
 * token-scoring requests): the requests go in on the in-memory channel, the answers are read from the outgoing one and
 * from their table, and the model is a {@link FakeOpenAiServer} closed after each test. Both consumers share the
 * answering path ({@code AnswerRequests}), so their tests share how they drive it.
 *
 * @param <A> the answer event
 */
public abstract class AnswerRequestFlow<A extends Answer> extends InMemoryFlow {

    /** How long a test waits for an answer or a dead-lettering. */
    protected static final Duration WAIT = Duration.ofSeconds(30);

    private final String channel;
    private final String outChannel;
    private final Class<A> type;
    private final String table;

    /** The fake model server of the test, if it starts one; closed after the test. */
    protected FakeOpenAiServer server;

    private InMemorySink<String> sink;

    /**
     * @param channel the incoming channel of the requests
     * @param outChannel the channel the answers are published on
     * @param type the answer event
     * @param table the answers' table in schema {@code generator}
     */
    protected AnswerRequestFlow(String channel, String outChannel, Class<A> type, String table) {
        this.channel = channel;
        this.outChannel = outChannel;
        this.type = type;
        this.table = table;
    }

    @BeforeEach
    void connectSink() {
        sink = connector.sink(outChannel);
    }

    @AfterEach
    void closeServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Sends the request {@code json} as it is. */
    protected void send(String json) {
        connector.source(channel).send(json);
    }

    /** Sends {@code payload} as a record whose nack (its dead-lettering) sets {@code nacked}. */
    protected void sendNackable(String payload, AtomicReference<Throwable> nacked) {
        connector.source(channel).send(nackable(payload, nacked));
    }

    /** The answers to {@code requestId} sent so far. */
    protected List<A> answersOf(String requestId) {
        return sent(sink, type, a -> a.requestId().equals(requestId));
    }

    /** Waits until at least {@code count} answers to {@code requestId} were sent, and returns them. */
    protected List<A> awaitAnswers(String requestId, int count) {
        return await().atMost(WAIT).until(() -> answersOf(requestId), list -> list.size() >= count);
    }

    /** Waits until the answer row of {@code requestId} is marked published. */
    protected void awaitPublished(String requestId) {
        awaitPublished(table, requestId);
    }

    /**
     * Sends the request {@code json} (of id {@code requestId}), waits until its answer is published, sends it again and
     * asserts that the second answer is the stored first one: one model call, one row.
     */
    protected void assertRedeliveryRepublishesTheStoredAnswer(String json, String requestId) {
        send(json);
        A first = awaitAnswers(requestId, 1).get(0);
        awaitPublished(requestId);
        send(json);

        List<A> both = awaitAnswers(requestId, 2);
        assertThat(both.get(1)).isEqualTo(first);
        assertThat(server.received()).hasSize(1);
        assertThat(sql().query("select count(*) from generator." + table + " where request_id = ?", requestId))
                .containsExactly(List.of(1L));
    }

    private static Message<String> nackable(String payload, AtomicReference<Throwable> nacked) {
        return Message.of(payload)
                .withAck(() -> CompletableFuture.completedFuture(null))
                .withNack(e -> {
                    nacked.set(e);
                    return CompletableFuture.completedFuture(null);
                });
    }
}

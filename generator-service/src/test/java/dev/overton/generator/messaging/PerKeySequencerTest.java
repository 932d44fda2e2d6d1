package dev.overton.generator.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/** Work for one key runs one piece at a time; other keys never wait for it. */
class PerKeySequencerTest {

    private final PerKeySequencer sequencer = new PerKeySequencer();

    @Test
    void workForTheSameKeyStartsWhenTheWorkBeforeItEnded() {
        CompletableFuture<Void> first = new CompletableFuture<>();
        AtomicBoolean secondStarted = new AtomicBoolean();

        CompletableFuture<Void> one = sequencer
                .run("run/p0/v", () -> Uni.createFrom().completionStage(first))
                .subscribeAsCompletionStage();
        CompletableFuture<Void> two = sequencer
                .run("run/p0/v", () -> {
                    secondStarted.set(true);
                    return Uni.createFrom().voidItem();
                })
                .subscribeAsCompletionStage();

        assertThat(secondStarted).isFalse();
        first.complete(null);
        assertThat(one).isDone();
        assertThat(secondStarted).isTrue();
        assertThat(two).isDone();
        assertThat(sequencer.size()).isZero();
    }

    @Test
    void workForOtherKeysDoesNotWait() {
        CompletableFuture<Void> slow = new CompletableFuture<>();
        sequencer.run("a", () -> Uni.createFrom().completionStage(slow)).subscribeAsCompletionStage();

        CompletableFuture<Void> other =
                sequencer.run("b", () -> Uni.createFrom().voidItem()).subscribeAsCompletionStage();

        assertThat(other).isDone();
        slow.complete(null);
    }

    @Test
    void aFailureDoesNotHoldUpTheNextWorkForItsKey() {
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> one = sequencer
                .run("k", () -> Uni.createFrom().completionStage(first))
                .subscribeAsCompletionStage();
        CompletableFuture<Void> two =
                sequencer.run("k", () -> Uni.createFrom().voidItem()).subscribeAsCompletionStage();

        first.completeExceptionally(new IllegalStateException("database away"));

        assertThat(one).isCompletedExceptionally();
        assertThat(two).isDone().isNotCompletedExceptionally();
        assertThat(sequencer.size()).isZero();
    }
}

package dev.overton.support.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class InOrderTest {

    /** A step that notes its start in {@code events}, takes {@code millis} ms, notes its end and answers {@code millis}. */
    private static Uni<Integer> sleeping(int millis, List<String> events) {
        return Uni.createFrom()
                .item(millis)
                .invoke(m -> events.add("start " + m))
                .onItem()
                .delayIt()
                .by(Duration.ofMillis(millis))
                .invoke(m -> events.add("end " + m));
    }

    @Test
    void eachStepStartsAfterThePreviousCompletedEvenWhenAnEarlierOneIsSlower() {
        List<String> events = new CopyOnWriteArrayList<>();
        InOrder.each(List.of(30, 1, 10), millis -> sleeping(millis, events))
                .await()
                .atMost(Duration.ofSeconds(5));
        assertThat(events).containsExactly("start 30", "end 30", "start 1", "end 1", "start 10", "end 10");
    }

    @Test
    void anEmptyCollectionCompletesWithoutRunningTheStep() {
        List<Object> seen = new ArrayList<>();
        InOrder.each(List.of(), item -> {
                    seen.add(item);
                    return Uni.createFrom().voidItem();
                })
                .await()
                .indefinitely();
        assertThat(seen).isEmpty();
    }

    @Test
    void theFirstFailureEndsTheWholeAndLaterItemsAreNotStarted() {
        List<Integer> started = new ArrayList<>();
        Uni<Void> all = InOrder.each(List.of(1, 2, 3), i -> {
            started.add(i);
            return i == 2
                    ? Uni.createFrom().failure(new IllegalStateException("step " + i + " failed"))
                    : Uni.createFrom().voidItem();
        });
        assertThatThrownBy(() -> all.await().indefinitely())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("step 2 failed");
        assertThat(started).containsExactly(1, 2);
    }

    @Test
    void filterKeepsTheItemsWhoseStepAnsweredTrueInOrderOneAfterTheOther() {
        List<String> events = new CopyOnWriteArrayList<>();
        List<Integer> kept = InOrder.filter(
                        List.of(30, 1, 10, 4),
                        millis -> sleeping(millis, events).map(m -> m % 2 == 0))
                .await()
                .atMost(Duration.ofSeconds(5));
        assertThat(kept).containsExactly(30, 10, 4);
        assertThat(events)
                .containsExactly("start 30", "end 30", "start 1", "end 1", "start 10", "end 10", "start 4", "end 4");
    }

    @Test
    void filterOfAnEmptyCollectionIsAnEmptyList() {
        assertThat(InOrder.filter(List.<Integer>of(), i -> Uni.createFrom().item(true))
                        .await()
                        .indefinitely())
                .isEmpty();
    }
}

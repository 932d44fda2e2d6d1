package dev.overton.support.mutiny;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class InTurnTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void eachItemStartsOnlyAfterThePreviousOneCompleted() {
        List<String> log = new ArrayList<>();

        InTurn.each(
                        List.of("a", "b", "c"),
                        item -> Uni.createFrom()
                                .item(item)
                                .onItem()
                                .invoke(() -> log.add("start " + item))
                                .onItem()
                                .delayIt()
                                .by(Duration.ofMillis(item.equals("a") ? 50 : 1))
                                .invoke(() -> log.add("end " + item)))
                .await()
                .atMost(WAIT);

        assertThat(log).containsExactly("start a", "end a", "start b", "end b", "start c", "end c");
    }

    @Test
    void aFailureStopsTheItemsAfterIt() {
        List<String> done = new ArrayList<>();

        Uni<Void> all = InTurn.each(
                List.of("a", "b", "c"),
                item -> item.equals("b")
                        ? Uni.createFrom().failure(new IllegalStateException("b failed"))
                        : Uni.createFrom().item(item).invoke(done::add));

        assertThatThrownBy(() -> all.await().atMost(WAIT)).hasMessage("b failed");
        assertThat(done).containsExactly("a");
    }

    @Test
    void anEmptyListCompletesAtOnce() {
        assertThat(InTurn.each(List.<String>of(), item -> Uni.createFrom().failure(new AssertionError(item)))
                        .await()
                        .atMost(WAIT))
                .isNull();
    }
}

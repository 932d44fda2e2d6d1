package dev.overton.generator.monitors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.Prompt;

/** The seeded draw of a window's prompts. */
class WindowDrawTest {

    private static final List<Prompt> DATASET = IntStream.range(0, 50)
            .mapToObj(i -> new Prompt("p" + i, i, List.of(new ChatMessage("user", "q" + i))))
            .toList();

    @Test
    void aPairedMonitorDrawsTheSamePromptsEveryTime() {
        long seed = WindowDraw.seed("monitor-1");
        List<Prompt> first = WindowDraw.draw(DATASET, 10, seed);
        assertThat(first).hasSize(10).doesNotHaveDuplicates();
        assertThat(first).isSortedAccordingTo((a, b) -> Integer.compare(a.index(), b.index()));
        assertThat(WindowDraw.draw(DATASET, 10, WindowDraw.seed("monitor-1"))).isEqualTo(first);
    }

    @Test
    void unpairedWindowsDrawAfresh() {
        List<Prompt> one = WindowDraw.draw(DATASET, 10, WindowDraw.seed("monitor-1", 1));
        List<Prompt> two = WindowDraw.draw(DATASET, 10, WindowDraw.seed("monitor-1", 2));
        assertThat(one).isNotEqualTo(two);
    }

    @Test
    void drawsEveryPromptWhenTheWindowIsAsLargeAsTheDataset() {
        assertThat(WindowDraw.draw(DATASET, 50, 7)).isEqualTo(DATASET);
        assertThat(WindowDraw.draw(DATASET.subList(0, 3), 10, 7)).isEqualTo(DATASET.subList(0, 3));
    }

    @Test
    void eachPromptIsEquallyLikelyToBeDrawn() {
        // 2000 draws of 10 out of 50: each prompt expected 400 times (sd = sqrt(2000 * 0.2 * 0.8) ≈ 17.9).
        int[] counts = new int[DATASET.size()];
        for (int s = 0; s < 2000; s++) {
            WindowDraw.draw(DATASET, 10, WindowDraw.seed("m", s)).forEach(p -> counts[p.index()]++);
        }
        assertThat(IntStream.of(counts).min().getAsInt()).isGreaterThan(400 - 5 * 18);
        assertThat(IntStream.of(counts).max().getAsInt()).isLessThan(400 + 5 * 18);
    }
}

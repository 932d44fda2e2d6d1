package dev.overton.metrics.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class ListItemsTest {

    private static final double DELTA = 1e-12;

    private static final String MIXED = String.join(
            "\n",
            "Intro:",
            "1. First",
            "2. Second",
            "   - nested bullet",
            "* star bullet",
            "3. Third",
            "",
            "2020. was a year",
            "1. New list",
            "3. skipped number",
            "-not a bullet",
            "---",
            "*emphasis*");

    @Test
    void numberedItemsMustContinueTheSequence() {
        // counted: 1, 2, 3 (the bullets between do not break it), then "1." restarts; 2020 and the later 3 are out of
        // sequence -> 4 (by hand)
        assertThat(ListItems.countNumbered(MIXED)).isEqualTo(4);
    }

    @Test
    void bulletsNeedAMarkerFollowedBySpace() {
        // "   - nested bullet" and "* star bullet" count; "-not", "---" and "*emphasis*" do not -> 2 (by hand)
        assertThat(ListItems.countBullets(MIXED)).isEqualTo(2);
    }

    @Test
    void aListMustStartAtOne() {
        assertThat(ListItems.countNumbered("2. a\n3. b")).isZero();
        assertThat(ListItems.countNumbered("1.5 percent\n1.\n1.x")).isZero();
    }

    @Test
    void windowsAndOldMacLineEndsSeparateLines() {
        assertThat(ListItems.countNumbered("1. a\r\n2. b\r\n")).isEqualTo(2);
        assertThat(ListItems.countBullets("- a\r- b\r\n\t* c")).isEqualTo(3);
    }

    @Test
    void setValueIsTheMeanPerResponse() {
        // numbered: 4 + 0 + 0 over 3; bullets: 2 + 0 + 1 over 3 (counts above, by hand)
        List<String> texts = List.of(MIXED, "", "- x");
        assertThat(ListItems.numbered(texts).value()).isCloseTo(4.0 / 3, within(DELTA));
        assertThat(ListItems.bullets(texts).value()).isCloseTo(1.0, within(DELTA));
    }

    @Test
    void oneResponseIsDefinedAndNoResponsesAreUndefined() {
        assertThat(ListItems.numbered(List.of("1. a\n2. b")).value()).isCloseTo(2.0, within(DELTA));
        assertThat(ListItems.numbered(List.of()).value()).isNaN();
        assertThat(ListItems.bullets(List.of()).reason()).isEqualTo("no samples");
    }
}

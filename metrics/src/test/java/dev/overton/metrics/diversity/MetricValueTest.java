package dev.overton.metrics.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class MetricValueTest {

    @Test
    void definedValueHasNoReason() {
        MetricValue value = MetricValue.of(0.5, "s");
        assertThat(value.defined()).isTrue();
        assertThat(value.reason()).isNull();
        assertThat(value.settings()).isEqualTo("s");
    }

    @Test
    void undefinedValueIsNaNWithItsReason() {
        MetricValue value = MetricValue.undefined("fewer than two samples", "s");
        assertThat(value.defined()).isFalse();
        assertThat(value.value()).isNaN();
        assertThat(value.reason()).isEqualTo("fewer than two samples");
    }

    @Test
    void nanWithoutReasonIsRejected() {
        assertThatThrownBy(() -> new MetricValue(Double.NaN, null, "s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason");
    }

    @Test
    void reasonOnADefinedValueIsRejected() {
        assertThatThrownBy(() -> new MetricValue(1, "why", "s")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void infiniteValueIsRejected() {
        assertThatThrownBy(() -> MetricValue.of(Double.POSITIVE_INFINITY, "s"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokenizedSetTokenizesEachTextWithNltkWordTokenize() {
        TokenizedSet set = TokenizedSet.of(List.of("Don't stop.", ""));
        // NLTK word_tokenize("Don't stop.") = ['Do', "n't", 'stop', '.'] (see TreebankWordTokenizerTest)
        assertThat(set.tokens()).containsExactly(List.of("Do", "n't", "stop", "."), List.of());
        assertThat(set.size()).isEqualTo(2);
    }

    @Test
    void tokenizedSetRejectsMismatchedSizes() {
        assertThatThrownBy(() -> new TokenizedSet(List.of("a"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("differ in size");
    }
}

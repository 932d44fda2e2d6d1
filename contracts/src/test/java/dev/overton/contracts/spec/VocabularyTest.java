package dev.overton.contracts.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void wireNamesAreTheRunSpecsSpelling() {
        assertThat(ExampleSelection.wireNames()).containsExactly("fixed", "random", "knn-prompt", "knn-response");
        assertThat(HintMode.wireNames()).containsExactly("none", "summary", "self-summary");
        assertThat(Judgement.wireNames()).containsExactly("missing-info", "quality", "stance", "topics");
        assertThat(MeasureGroup.wireNames())
                .containsExactly("lexical", "diversity", "embedding", "bertscore", "coverage");
        assertThat(ApiStyle.find("completions")).contains(ApiStyle.COMPLETIONS);
        assertThat(BackendNames.ALL).containsExactlyInAnyOrder("replay", "openai", "jlama");
    }

    @Test
    void oneDefaultExampleSelectionForEveryService() {
        assertThat(ExampleSelection.parse(null))
                .isEqualTo(ExampleSelection.DEFAULT)
                .isEqualTo(ExampleSelection.KNN_PROMPT);
        assertThat(HintMode.parse(null)).isEqualTo(HintMode.NONE);
        assertThatThrownBy(() -> ExampleSelection.parse("closest")).hasMessageContaining("knn-prompt");
    }
}

package dev.overton.icl.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.spec.HintMode;

class UrialPromptBuilderTest {

    private static final ContextBudget ROOMY = new ContextBudget(100_000, 500, 0);
    private final UrialPromptBuilder builder =
            new UrialPromptBuilder(ShippedPrompts.template(), "Be helpful.", CharEstimateTokenCounter.standard());

    @Test
    void rendersTheFencedQueryAnswerLayoutEndingInsideTheAnswerFence() {
        String prompt = builder.render(
                List.of(new IclExample("1", "What is 2+2?", "4.", "ignored without a hint")),
                "Name a colour.",
                null,
                HintMode.NONE,
                null);

        assertThat(prompt)
                .isEqualTo("# Instructions:\n\nBe helpful.\n\n"
                        + "# Query:\n```\nWhat is 2+2?\n```\n\n# Answer:\n```\n4.\n```\n\n"
                        + "# Query:\n```\nName a colour.\n```\n\n# Answer:\n```\n");
    }

    @Test
    void summaryHintPutsASummaryBlockBetweenQueryAndAnswer() {
        String prompt = builder.render(
                List.of(new IclExample("1", "Q1", "A1", "S1")), "Q", null, HintMode.SUMMARY, "The gist.");

        assertThat(prompt)
                .isEqualTo("# Instructions:\n\nBe helpful.\n\n"
                        + "# Query:\n```\nQ1\n```\n\n# Summary:\n```\nS1\n```\n\n# Answer:\n```\nA1\n```\n\n"
                        + "# Query:\n```\nQ\n```\n\n# Summary:\n```\nThe gist.\n```\n\n# Answer:\n```\n");
    }

    @Test
    void selfSummaryPromptEndsInsideAnOpenSummaryFence() {
        String prompt = builder.render(
                List.of(new IclExample("1", "Q1", "A1", "S1")), "Q", null, HintMode.SELF_SUMMARY, "not shown");

        assertThat(prompt)
                .contains("# Summary:\n```\nS1\n```\n\n# Answer:\n```\nA1\n```\n\n")
                .endsWith("# Query:\n```\nQ\n```\n\n# Summary:\n```\n")
                .doesNotContain("not shown");
    }

    @Test
    void insertsTemplateSyntaxAndMarkupInAnswersVerbatim() {
        String answer = "Use {{ name }} and {% if x %}…{% endif %}; <b>bold</b> & \"quotes\".";
        String prompt =
                builder.render(List.of(new IclExample("1", "Q1", answer, null)), "Q", null, HintMode.NONE, null);

        assertThat(prompt).contains("```\n" + answer + "\n```");
    }

    @Test
    void stripsEveryPartAsPythonDoes() {
        // U+00A0 is whitespace to Python's str.strip but not to Java's String.strip.
        String prompt = builder.render(
                List.of(new IclExample("1", "\u00a0 Q1 \n", "\n A1\u00a0", null)), "  Q \n", null, HintMode.NONE, null);

        assertThat(prompt).contains("```\nQ1\n```", "```\nA1\n```", "```\nQ\n```");
    }

    @Test
    void summaryHintWithoutASummaryFailsWithAReason() {
        PromptBuild build = builder.build(List.of(), "Q", null, HintMode.SUMMARY, " ", ROOMY);

        assertThat(build.ok()).isFalse();
        assertThat(build.failure()).contains("no summary hint");
        assertThat(build.prompt()).isNull();
    }

    @Test
    void userTemplatesSeeTheDocumentedVariables() {
        PromptTemplate own = PromptTemplate.of(
                "own.jinja",
                "{{ instruction }}|{{ examples|length }}|{{ examples[0].query }}|{{ query }}|{{ hint }}"
                        + "|{{ messages[0].role }}|{{ messages[1].content }}|{{ add_generation_prompt }}");
        UrialPromptBuilder custom = new UrialPromptBuilder(own, "Do well.", CharEstimateTokenCounter.standard());

        String prompt = custom.render(List.of(new IclExample("1", "Q1", "A1", null)), "Q", null, HintMode.NONE, null);

        assertThat(prompt).isEqualTo("Do well.|1|Q1|Q|none|examples|Q|true");
    }

    @Test
    void raiseExceptionInATemplateFailsTheRenderWithItsMessage() {
        PromptTemplate refusing = PromptTemplate.of("refusing.jinja", "{{ raise_exception('No examples provided') }}");
        UrialPromptBuilder custom = new UrialPromptBuilder(refusing, "", CharEstimateTokenCounter.standard());

        assertThatThrownBy(() -> custom.render(List.of(), "Q", null, HintMode.NONE, null))
                .isInstanceOf(PromptTemplate.TemplateRenderException.class)
                .hasMessageContaining("refusing.jinja")
                .hasMessageContaining("No examples provided");
    }

    @Test
    void shippedExamplesHaveQueriesAnswersAndSummaries() {
        assertThat(ShippedPrompts.examples()).hasSize(3).allSatisfy(e -> {
            assertThat(e.source()).startsWith("shipped:");
            assertThat(e.summary()).isNotBlank();
        });
        assertThat(ShippedPrompts.instruction(HintMode.SUMMARY)).contains("# Summary:");
        assertThat(ShippedPrompts.instruction(HintMode.NONE)).doesNotContain("# Summary:");
    }
}

package dev.overton.generator.sampling.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.ScoredToken;
import dev.overton.contracts.TokenScores;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.tokenshift.ScoredAnswer;

/**
 * Parsing of recorded echo/logprobs responses. The fixtures under {@code token-scoring/} are in the wire shape of the
 * legacy completions API as the OpenAI API reference documents it ({@code choices[].logprobs} = {@code tokens}, {@code
 * token_logprobs}, {@code top_logprobs}, {@code text_offset}) and as vLLM's OpenAI-compatible server fills it for
 * {@code echo: true, logprobs: K} ({@code CompletionLogProbs}; offsets are Python string lengths, i.e. code points;
 * the chosen token is added to {@code top_logprobs} when it is not among the top K; {@code stop_reason} and {@code
 * prompt_logprobs} are vLLM's extra choice fields). The token splits and numbers are written by hand so that each
 * token's rank is known: the expected ranks below are counted from the fixtures' {@code top_logprobs}.
 */
class EchoScoringTest {

    private static final double DELTA = 1e-9;

    /** The zero-shot frame of "Capital of France?", as the generator renders it. */
    private static final String ZERO_SHOT = "# Query:\n```\nCapital of France?\n```\n\n# Answer:\n```\n";

    private static JsonNode fixture(String name) {
        try (InputStream in = EchoScoringTest.class.getResourceAsStream("/token-scoring/" + name)) {
            return EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void answerTokensAreThoseAfterTheContextWithRanksCountedFromTheAlternatives() {
        ScoredAnswer scored =
                EchoScoring.parse(fixture("vllm-echo-ascii.json"), ZERO_SHOT, "Paris is the capital.", 5, 42L);

        assertThat(scored.error()).isNull();
        assertThat(scored.method()).isEqualTo(TokenScores.ECHO);
        assertThat(scored.latencyMs()).isEqualTo(42L);
        assertThat(scored.tokens())
                .extracting(ScoredToken::text)
                .containsExactly("Paris", " is", " the", " capital", ".");
        assertThat(scored.tokens()).extracting(ScoredToken::offset).containsExactly(0, 5, 8, 12, 20);
        // Paris: top; " is": "," is higher; " the": five alternatives higher, so "> 5" = 6 (vLLM listed it as a sixth
        // entry); "." ties with "," and shares the better rank.
        assertThat(scored.tokens()).extracting(ScoredToken::rank).containsExactly(1, 2, 6, 1, 1);
        assertThat(scored.tokens().get(2).logprob()).isCloseTo(-4.0, within(DELTA));
    }

    @Test
    void multiByteTextIsCutAtTheBoundaryInCodePointsAndOffsetsAreUtf16() {
        // "😀" is one code point but two UTF-16 units: in the context it shifts the server's offsets against Java's
        // indexes by one, so a boundary taken in UTF-16 units would land one token late.
        String context = "Question: Café ☕ 😀?\nAnswer: ";
        String answer = "Ça coûte 5 €. 日本😀";

        ScoredAnswer scored = EchoScoring.parse(fixture("vllm-echo-multibyte.json"), context, answer, 5, null);

        assertThat(scored.error()).isNull();
        assertThat(scored.tokens())
                .extracting(ScoredToken::text)
                .containsExactly(" Ça", " co", "û", "te", " 5", " €", ".", " 日本", "😀");
        // " Ça" was merged across the boundary (the context's last space and the answer's first word): counted with
        // the answer, starting one unit before it.
        assertThat(scored.tokens()).extracting(ScoredToken::offset).containsExactly(-1, 2, 5, 6, 8, 10, 12, 13, 16);
        for (ScoredToken t : scored.tokens()) {
            int start = Math.max(0, t.offset());
            String text = t.offset() < 0 ? t.text().substring(-t.offset()) : t.text();
            assertThat(answer.substring(start)).startsWith(text);
        }
        assertThat(scored.tokens()).extracting(ScoredToken::rank).containsExactly(3, 2, 1, 1, 6, 1, 1, 4, 6);
    }

    @Test
    void serverThatIgnoresEchoGivesAFailureWithTheReasonNotZeros() {
        ScoredAnswer noLogprobs =
                EchoScoring.parse(fixture("ignored-echo.json"), ZERO_SHOT, "Paris is the capital.", 5, null);
        ScoredAnswer generatedOnly = EchoScoring.parse(
                fixture("ignored-echo-with-logprobs.json"), ZERO_SHOT, "Paris is the capital.", 5, null);

        assertThat(noLogprobs.failed()).isTrue();
        assertThat(noLogprobs.tokens()).isEmpty();
        assertThat(noLogprobs.error()).contains("ignored echo");
        assertThat(generatedOnly.failed()).isTrue();
        assertThat(generatedOnly.error()).contains("ignored echo");
    }

    @Test
    void rawTokenizerPiecesThatDoNotMatchThePromptFailInsteadOfMisplacingTheBoundary() {
        ScoredAnswer scored =
                EchoScoring.parse(fixture("raw-pieces-echo.json"), ZERO_SHOT, "Paris is the capital.", 5, null);

        assertThat(scored.failed()).isTrue();
        assertThat(scored.error()).contains("\"ĠQuery\"", "raw tokenizer pieces", "boundary");
    }

    @Test
    void topKAboveWhatTheServerListedCannotRankATokenOutsideTheList() {
        // The fixture lists five alternatives; asked for ten, " the" (not among them) has an unknown rank.
        ScoredAnswer scored =
                EchoScoring.parse(fixture("vllm-echo-ascii.json"), ZERO_SHOT, "Paris is the capital.", 10, null);

        assertThat(scored.failed()).isTrue();
        assertThat(scored.error()).contains("fewer than topK = 10", "tokenShift.topK");
    }

    @Test
    void rankCountsStrictlyHigherAlternativesAndCapsAtTopKPlusOne() {
        JsonNode alternatives = EventJson.mapper()
                .createObjectNode()
                .put("a", -0.1)
                .put("b", -0.5)
                .put("c", -0.5);

        assertThat(EchoScoring.rank("b", -0.5, alternatives, 5)).isEqualTo(2);
        assertThat(EchoScoring.rank("a", -0.1, alternatives, 5)).isEqualTo(1);
        assertThat(EchoScoring.rank("z", -0.9, alternatives, 2)).isEqualTo(3);
        assertThat(EchoScoring.rank("z", -0.9, alternatives, 5))
                .as("listed only 3 of 5")
                .isNull();
        assertThat(EchoScoring.rank("z", -0.9, null, 5)).isNull();
        // The K-th of an exact top-K list (nothing listed below it) has a known rank.
        JsonNode topThree = EventJson.mapper()
                .createObjectNode()
                .put("a", -0.1)
                .put("b", -0.2)
                .put("c", -0.3);
        assertThat(EchoScoring.rank("c", -0.3, topThree, 3)).isEqualTo(3);
        assertThat(EchoScoring.rank("c", -0.3, topThree, 4))
                .as("below all, only 3 of 4 listed")
                .isNull();
    }

    @Test
    void requestAsksForEchoLogprobsAndOneToken() {
        var body = EchoScoring.body("base-model", "ctx ", "answer", 5);

        assertThat(body.get("prompt").asText()).isEqualTo("ctx answer");
        assertThat(body.get("echo").asBoolean()).isTrue();
        assertThat(body.get("logprobs").asInt()).isEqualTo(5);
        assertThat(body.get("max_tokens").asInt()).isEqualTo(1);
        assertThat(body.get("model").asText()).isEqualTo("base-model");
    }
}

package dev.overton.jlama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.github.tjake.jlama.tensor.AbstractTensor;
import com.github.tjake.jlama.tensor.KvBufferCache;

/**
 * Token scoring on the tiny random-weight model ({@link TinyLlamaModel}): the scores of the one batched forward pass
 * are checked against a direct computation — the model fed one token at a time (jlama's incremental path, its own KV
 * buffer), each answer token's probability and rank read from the distribution before it.
 */
@Timeout(120)
class JlamaScoringTest {

    private static final double DELTA = 1e-3;

    @TempDir
    static Path tmp;

    static LoadedModel model;

    @BeforeAll
    static void load() throws IOException {
        model = LoadedModel.load(TinyLlamaModel.base().writeTo(tmp, "tiny-base"));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** Log-probabilities and ranks (capped at topK + 1) of the answer's tokens, one forward step at a time. */
    private static double[][] direct(String context, String answer, int topK) {
        int[] contextIds = model.encodeWithBos(context);
        int[] answerIds = model.encode(answer);
        double[][] expected = new double[answerIds.length][];
        try (KvBufferCache cache = new KvBufferCache(model.model());
                KvBufferCache.KvBuffer kv = cache.getEphemeralKvBuffer()) {
            int position = 0;
            AbstractTensor out = null;
            for (int id : contextIds) {
                if (out != null) {
                    out.close();
                }
                out = model.model().forward(id, position++, kv, Optional.empty());
            }
            for (int j = 0; j < answerIds.length; j++) {
                float[] probabilities = model.model().getLogits(out);
                float p = probabilities[answerIds[j]];
                int rank = 1;
                for (float q : probabilities) {
                    if (q > p) {
                        rank++;
                    }
                }
                expected[j] = new double[] {Math.log(p), Math.min(rank, topK + 1)};
                out.close();
                out = model.model().forward(answerIds[j], position++, kv, Optional.empty());
            }
            out.close();
        }
        return expected;
    }

    @Test
    void batchedScoresMatchTheTokenByTokenForwardPass() {
        String context = "The cat sat on the mat. The dog";
        String answer = " sat on the log. There is a theory.";

        JlamaTokenScores scores = model.score(context, answer, 5);
        double[][] expected = direct(context, answer, 5);

        assertThat(scores.tokens()).hasSize(expected.length);
        assertThat(scores.contextTokens()).isEqualTo(model.encodeWithBos(context).length);
        for (int j = 0; j < expected.length; j++) {
            JlamaTokenScores.Token t = scores.tokens().get(j);
            assertThat(t.logprob()).as("logprob of token %d", j).isCloseTo(expected[j][0], within(DELTA));
            assertThat(t.rank()).as("rank of token %d", j).isEqualTo((int) expected[j][1]);
            assertThat(t.rank()).isBetween(1, 6);
        }
        assertThat(String.join(
                        "",
                        scores.tokens().stream()
                                .map(JlamaTokenScores.Token::text)
                                .toList()))
                .isEqualTo(answer);
    }

    @Test
    void multiByteAnswerIsTokenisedOnItsOwnAndOffsetsAreUtf16() {
        String context = "Question: Café?\nAnswer: ";
        String answer = "Ça coûte 5 €. 日本😀";

        JlamaTokenScores scores = model.score(context, answer, 20);
        double[][] expected = direct(context, answer, 20);

        assertThat(scores.tokens()).hasSize(expected.length);
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < expected.length; j++) {
            JlamaTokenScores.Token t = scores.tokens().get(j);
            assertThat(t.offset()).as("offset of token %d", j).isEqualTo(text.length());
            text.append(t.text());
            assertThat(t.rank()).as("rank of token %d", j).isEqualTo((int) expected[j][1]);
            assertThat(t.logprob()).isCloseTo(expected[j][0], within(DELTA));
        }
        assertThat(text.toString()).isEqualTo(answer);
    }

    @Test
    void rankIsCappedAtTopKPlusOneAndTiesShareTheBetterRank() {
        float[] probabilities = {0.4f, 0.2f, 0.2f, 0.1f, 0.1f};

        assertThat(TokenRanks.ranked(0, "a", 0, probabilities, 3).rank()).isEqualTo(1);
        assertThat(TokenRanks.ranked(2, "c", 0, probabilities, 3).rank()).isEqualTo(2);
        assertThat(TokenRanks.ranked(4, "e", 0, probabilities, 3).rank()).isEqualTo(4);
        assertThat(TokenRanks.ranked(4, "e", 0, probabilities, 1).rank()).isEqualTo(2);
        assertThat(TokenRanks.ranked(1, "b", 0, probabilities, 3).logprob()).isCloseTo(Math.log(0.2), within(1e-6));
    }

    @Test
    void emptyAnswerIsRefused() {
        assertThatThrownBy(() -> model.score("context", "", 5)).hasMessageContaining("answer is empty");
    }
}

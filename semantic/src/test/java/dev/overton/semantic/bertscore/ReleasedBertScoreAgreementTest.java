package dev.overton.semantic.bertscore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.overton.metrics.LimaOeFixture;
import dev.overton.semantic.TestModels;
import dev.overton.semantic.released.ReleasedAgreement;
import dev.overton.semantic.released.ReleasedBertScores;

/**
 * Our BERTScore (bundled MiniLM, sliding windows) against the paper's released one (roberta-large layer 17,
 * truncate-512) on the same text pairs. A stratified subset keeps the test fast: every tenth prompt, all nine
 * {@code llama-2-chat--*} files, every candidate sample (about 220 pairs). The full set runs in the benchmark
 * ({@code SemanticBench}), whose figures are in docs/semantic.md.
 */
class ReleasedBertScoreAgreementTest {

    @Test
    void f1RanksPairsLikeTheReleasedScoresAndKeepsTheVariantOrdering() {
        Path dir = LimaOeFixture.assumePresent().resolve("bertscore").resolve("outputs");
        List<Path> files = ReleasedBertScores.filesFor(dir, "llama-2-chat");
        assertThat(files).hasSize(9);

        ReleasedAgreement a = ReleasedAgreement.compute(
                new BertScorer(TestModels.miniLm(), BertScoreOptions.defaults()), files, p -> p % 10 == 0);
        System.out.print(a.table());

        Map<String, double[]> m = a.means();
        assertThat(a.pairs()).isEqualTo(9 * 25 - 5);
        assertThat(a.spearman()).isGreaterThanOrEqualTo(0.6);
        // The paper's ordering (released means: chat 0.8915 > icl-chat-knn 0.8719, icl-chat 0.8686 > icl 0.8614
        // > base 0.8273), on our F1.
        double chat = m.get("llama-2-chat")[0];
        double iclChatLowest = Math.min(m.get("llama-2-icl-chat")[0], m.get("llama-2-icl-chat-knn-prompt_similar")[0]);
        double iclChatHighest = Math.max(m.get("llama-2-icl-chat")[0], m.get("llama-2-icl-chat-knn-prompt_similar")[0]);
        assertThat(chat).isGreaterThan(iclChatHighest);
        assertThat(iclChatLowest).isGreaterThan(m.get("llama-2-icl")[0]);
        assertThat(m.get("llama-2-icl")[0]).isGreaterThan(m.get("llama-2-base")[0]);
    }
}

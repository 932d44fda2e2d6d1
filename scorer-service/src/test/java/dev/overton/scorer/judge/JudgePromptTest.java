package dev.overton.scorer.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.spec.Judgement;

class JudgePromptTest {

    /**
     * SHA-256 of each released prompt file. A prompt is never edited in place: results name the version they were made
     * with. To change one, add the next version and pin its hash here.
     */
    private static final Map<String, String> FROZEN = Map.of(
            "missing-info-v1.txt", "0b3b6c0320869eb6490d719b353f1dd3dabbae2a68d45681fc1745b098ae2b09",
            "topics-v1.txt", "5e762ef47471f17dab5c88c2bd43708eace4a474eba5d80d4abbeb0f65ede1c2",
            "quality-v1.txt", "312719b94a4dd72d805d25df0477409df2322f24c89260d1f52bc4b2f63e8944",
            "stance-v1.txt", "1746dbe3eb940c62030d04ca8f83c32fab6a8fc1e9399c0378fc482d3ee3067a");

    @Test
    void promptFilesAreFrozenUnderTheirVersion() throws IOException, NoSuchAlgorithmException {
        for (Map.Entry<String, String> e : FROZEN.entrySet()) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(JudgePrompt.FOLDER + e.getKey())) {
                assertThat(in).as(e.getKey()).isNotNull();
                String sha = HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
                assertThat(sha)
                        .as(e.getKey() + " changed: add a new version instead of editing a released prompt")
                        .isEqualTo(e.getValue());
            }
        }
    }

    @Test
    void everyJudgementHasAVersionOnePromptDemandingItsExactShape() {
        for (Judgement j : Judgement.values()) {
            JudgePrompt prompt = JudgePrompt.load(j, "v1");
            Map<String, String> texts = j.pairwise()
                    ? Map.of("question", "Q?", "reference", "REF", "candidate", "CAND")
                    : Map.of("question", "Q?", "response", "RESP");

            List<ChatMessage> messages = prompt.messages(texts);

            assertThat(messages).extracting(ChatMessage::role).containsExactly("system", "user");
            assertThat(messages.get(0).content())
                    .contains(prompt.shape())
                    .contains("one JSON object and nothing else")
                    .doesNotContain("{shape}");
            assertThat(messages.get(1).content()).contains("Q?").doesNotContainPattern("\\{[a-z]+\\}");
            assertThat(prompt.label()).isEqualTo(j.wireName() + "@v1");
        }
    }

    @Test
    void pairwisePromptsPutTheReferenceFirstAsResponseA() {
        String user = JudgePrompt.load(Judgement.TOPICS, "v1")
                .messages(Map.of("question", "Q", "reference", "ALIGNED", "candidate", "BASE"))
                .get(1)
                .content();

        assertThat(user.indexOf("RESPONSE A")).isLessThan(user.indexOf("ALIGNED"));
        assertThat(user.indexOf("ALIGNED")).isLessThan(user.indexOf("RESPONSE B"));
        assertThat(user.indexOf("RESPONSE B")).isLessThan(user.indexOf("BASE"));
    }

    @Test
    void textsAreInsertedVerbatimInOnePass() {
        String sneaky = "I quote {reference} and {shape} and {question}.";

        String user = JudgePrompt.load(Judgement.MISSING_INFO, "v1")
                .messages(Map.of("question", "Q", "reference", "R", "candidate", sneaky))
                .get(1)
                .content();

        assertThat(user).contains(sneaky);
    }

    @Test
    void theRepairRequestReplaysTheConversationAndQuotesTheErrorAndShape() {
        JudgePrompt prompt = JudgePrompt.load(Judgement.STANCE, "v1");
        List<ChatMessage> first = prompt.messages(Map.of("question", "Q", "response", "R"));

        List<ChatMessage> repair =
                prompt.repairMessages(first, "Sure! {\"stance\": \"yes\"}", "the answer is not JSON");

        assertThat(repair).extracting(ChatMessage::role).containsExactly("system", "user", "assistant", "user");
        assertThat(repair.subList(0, 2)).isEqualTo(first);
        assertThat(repair.get(2).content()).isEqualTo("Sure! {\"stance\": \"yes\"}");
        assertThat(repair.get(3).content())
                .contains("the answer is not JSON")
                .contains(prompt.shape())
                .doesNotContain("{error}");
    }

    @Test
    void anUnknownVersionNamesTheSetting() {
        assertThatThrownBy(() -> JudgePrompt.load(Judgement.QUALITY, "v9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("judge-prompts/quality-v9.txt")
                .hasMessageContaining("overton.judge.prompt-version");
    }

    @Test
    void aFileWithoutAllSectionsIsRefused() {
        assertThatThrownBy(() -> JudgePrompt.parse(Judgement.QUALITY, "v0", "=== system\nS\n=== user\nU\n"))
                .hasMessageContaining("lacks section '=== shape'");
        assertThatThrownBy(() -> JudgePrompt.parse(Judgement.QUALITY, "v0", "stray\n=== system\nS\n"))
                .hasMessageContaining("text before the first");
    }
}

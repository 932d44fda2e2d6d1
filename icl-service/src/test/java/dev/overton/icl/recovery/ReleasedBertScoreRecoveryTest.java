package dev.overton.icl.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.overton.contracts.RecoveryReport.Recovery;
import dev.overton.icl.LimaOeFixture;

/**
 * The recovery verdict on the paper's released BERTScore F1 values ({@code bertscore/outputs/llama-2-chat--<alt>.json}:
 * reference llama-2-chat sample 0 against every sample of the alternative; for chat against itself the self-pairs
 * are left out). The expected ratios come from the released means listed in {@code shared/METHOD.md}: chat 0.8915,
 * icl-chat-knn 0.8719, icl-chat 0.8686, icl 0.8614, base 0.8273.
 */
class ReleasedBertScoreRecoveryTest {

    private static final String CHAT = "llama-2-chat";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void recoveryOnReleasedBertScoresIsTheRatioOfTheReleasedMeans() throws Exception {
        Path fixture = LimaOeFixture.assumePresent();
        List<PairValue> values = new ArrayList<>();
        for (String alt : List.of(
                CHAT, "llama-2-base", "llama-2-icl", "llama-2-icl-chat", "llama-2-icl-chat-knn-prompt_similar")) {
            JsonNode d = JSON.readTree(fixture.resolve("bertscore/outputs/" + CHAT + "--" + alt + ".json")
                    .toFile());
            for (int i = 0; i < d.get("instance_ids").size(); i++) {
                int sample = d.get("alt_sample_ids").get(i).asInt();
                if (alt.equals(CHAT) && sample == d.get("ref_sample_ids").get(i).asInt()) {
                    continue; // never sample 0 against itself
                }
                values.add(new PairValue(
                        d.get("instance_ids").get(i).asText(),
                        alt,
                        CHAT,
                        "bertscore_f1",
                        sample,
                        d.get("results").get("f1").get(i).asDouble()));
            }
        }

        List<Recovery> recoveries = new RecoveryCalculator(0.95, 2000, 20240625L).compute(values);

        Map<String, Double> releasedMeans = Map.of(
                "llama-2-base", 0.8273,
                "llama-2-icl", 0.8614,
                "llama-2-icl-chat", 0.8686,
                "llama-2-icl-chat-knn-prompt_similar", 0.8719);
        assertThat(recoveries).hasSize(4).allSatisfy(r -> {
            System.out.printf(
                    "%-38s recovery %.4f [%.4f, %.4f] recovers=%s n=%d%n",
                    r.variant(), r.recovery(), r.ciLow(), r.ciHigh(), r.recovers(), r.n());
            assertThat(r.n()).isEqualTo(50);
            assertThat(r.recovery()).isCloseTo(releasedMeans.get(r.variant()) / 0.8915, within(0.0002));
            assertThat(r.ciLow()).isLessThan(r.recovery());
            assertThat(r.ciHigh()).isGreaterThan(r.recovery());
        });
    }
}

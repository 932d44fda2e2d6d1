package dev.overton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.json.EventJson;

class ResultsTableTest {

    /** The shape of the scorer's GET /runs/{id}/scores (docs/api.md), LIMA-OE-like numbers. */
    static final String SCORES = """
            {"runId":"r1","variants":[
              {"name":"llama-2-base","metrics":{
                "jaccard_1":{"mean":0.0891,"ciLow":0.0782,"ciHigh":0.1013,"n":50},
                "mean_tokens":{"mean":230.14,"ciLow":200.0,"ciHigh":260.0,"n":50},
                "pair_jaccard_1":{"mean":0.1004,"ciLow":0.09,"ciHigh":0.11,"n":50}}},
              {"name":"llama-2-chat","metrics":{
                "jaccard_1":{"mean":0.2791,"ciLow":0.2663,"ciHigh":0.2924,"n":50},
                "mean_tokens":{"mean":420.3,"ciLow":400.0,"ciHigh":440.0,"n":50},
                "pair_jaccard_1":{"mean":0.3107,"ciLow":0.30,"ciHigh":0.32,"n":50}}},
              {"name":"solo","metrics":{"jaccard_1":{"mean":0.2,"ciLow":null,"ciHigh":null,"n":1}}}],
             "differences":[
              {"variant":"llama-2-base","reference":"llama-2-chat","metric":"jaccard_1",
               "mean":-0.19,"ciLow":-0.2051,"ciHigh":-0.1763,"n":50}]}
            """;

    @Test
    void listsEachVariantWithItsIntervalTheDifferenceToTheReferenceAndTheCeiling() throws Exception {
        JsonNode scores = EventJson.mapper().readTree(SCORES);

        assertThat(ResultsTable.render(scores, null)).isEqualTo("""
                        variant                   jaccard_1 [95% CI]    vs reference [95% CI]    mean_tokens  pair_jaccard_1
                        -----------------------------------------------------------------------------------------------------
                        llama-2-base              0.089 [0.078, 0.101]  -0.190 [-0.205, -0.176]  230.1        0.100
                        solo                      0.200                 n/a                      n/a          n/a
                        llama-2-chat (reference)  0.279 [0.266, 0.292]  -                        420.3        0.311 (ceiling)
                        """);
    }

    @Test
    void printsTheVerdictsInWords() throws Exception {
        JsonNode verdicts = EventJson.mapper().readTree("""
                        {"runId":"r1","reference":"llama-2-chat",
                         "shift":[{"variant":"llama-2-base","outcome":"MORE_DIVERSE",
                                   "headline":"llama-2-base is more diverse than llama-2-chat",
                                   "detail":"jaccard_1 llama-2-base − llama-2-chat = −0.190"}],
                         "recovery":null}
                        """);

        assertThat(ResultsTable.verdicts(verdicts))
                .containsExactly(
                        "Distributional shift: llama-2-base is more diverse than llama-2-chat"
                                + " (jaccard_1 llama-2-base − llama-2-chat = −0.190)",
                        "Recovery: no verdict from icl-service yet");
    }
}

package dev.overton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.json.EventJson;

class ProgressViewTest {

    @Test
    void aBarShowsScoredGeneratedFailedAndPendingSetsInProportion() {
        // 50 sets in 30 cells: 20 scored = 12 cells, 10 waiting = 6, 5 failed = 3, rest pending
        assertThat(ProgressView.bar(50, 30, 20, 5)).isEqualTo("#".repeat(12) + "+".repeat(6) + "xxx" + ".".repeat(9));
        assertThat(ProgressView.bar(50, 50, 50, 0)).isEqualTo("#".repeat(30));
        assertThat(ProgressView.bar(1000, 1, 0, 0)).isEqualTo("+" + ".".repeat(29));
        assertThat(ProgressView.bar(0, 0, 0, 0)).isEqualTo(".".repeat(30));
        assertThat(ProgressView.bar(3, 2, 2, 1)).hasSize(30).isEqualTo("#".repeat(20) + "x".repeat(10));
    }

    @Test
    void rendersOneLinePerVariantUnderTheRunsStatus() {
        assertThat(ProgressView.lines(status("generating", 30, 20, 5)))
                .containsExactly(
                        "run r1 · generating · 50 prompts",
                        "  llama-2-base       [" + ProgressView.bar(50, 30, 20, 5)
                                + "]  50%  generated 30/50 · scored 20 · failed 5",
                        "  llama-2-chat (ref) [" + ProgressView.bar(50, 50, 50, 0)
                                + "] 100%  generated 50/50 · scored 50 · failed 0");
    }

    @Test
    void theHeaderNamesTheRunWithItsNameAndLabel() throws Exception {
        var status = (com.fasterxml.jackson.databind.node.ObjectNode) status("generating", 30, 20, 5);
        status.put("name", "nightly").put("label", "llama-3.1-8b ckpt 1400");

        assertThat(ProgressView.lines(status).get(0))
                .isEqualTo("run r1 (nightly · label llama-3.1-8b ckpt 1400) · generating · 50 prompts");
    }

    @Test
    void redrawsInPlaceOnATerminal() {
        StringWriter text = new StringWriter();
        ProgressView view = new ProgressView(new PrintWriter(text), true);

        view.update(status("generating", 10, 0, 0));
        view.update(status("scoring", 50, 40, 0));

        String out = text.toString();
        assertThat(out).startsWith("\033[2Krun r1 · generating");
        // the second frame moves the cursor up over the three lines drawn before, then clears and redraws them
        assertThat(out).contains("\033[3F\033[2Krun r1 · scoring");
    }

    @Test
    void printsOneLinePerChangeElsewhere() {
        StringWriter text = new StringWriter();
        ProgressView view = new ProgressView(new PrintWriter(text), false);

        view.update(status("generating", 10, 0, 0));
        view.update(status("generating", 10, 0, 0));
        view.update(status("complete", 50, 50, 0));

        assertThat(text.toString().lines())
                .containsExactly(
                        "generating | llama-2-base: generated 10/50, scored 0, failed 0"
                                + " | llama-2-chat (ref): generated 50/50, scored 50, failed 0",
                        "complete | llama-2-base: generated 50/50, scored 50, failed 0"
                                + " | llama-2-chat (ref): generated 50/50, scored 50, failed 0")
                .noneMatch(l -> l.contains("\033"));
    }

    static JsonNode status(String status, int generated, int scored, int failed) {
        try {
            return EventJson.mapper()
                    .readTree("{\"id\":\"r1\",\"status\":\"" + status
                            + "\",\"prompts\":50,\"reference\":\"llama-2-chat\","
                            + "\"variants\":[{\"name\":\"llama-2-base\",\"reference\":false,\"requested\":50,"
                            + "\"generated\":" + generated + ",\"failed\":" + failed + ",\"scored\":" + scored + "},"
                            + "{\"name\":\"llama-2-chat\",\"reference\":true,\"requested\":50,\"generated\":50,"
                            + "\"failed\":0,\"scored\":50}]}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

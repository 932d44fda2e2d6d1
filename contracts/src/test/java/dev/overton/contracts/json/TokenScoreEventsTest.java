package dev.overton.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.ScoredToken;
import dev.overton.contracts.TokenScoreRequest;
import dev.overton.contracts.TokenScores;
import dev.overton.contracts.VariantSpec;

class TokenScoreEventsTest {

    private static final VariantSpec BASE =
            new VariantSpec("base", "openai", "llama-2-7b", null, "http://gpu:8000/v1", "completions", 5, Map.of());

    private static TokenScoreRequest request(String renderedContext, Prompt prompt, int topK) {
        return new TokenScoreRequest(
                SchemaVersions.V1,
                TokenScoreRequest.idOf("run-1", "7", "chat", 0, "plain"),
                "run-1",
                "7",
                "chat",
                0,
                "plain",
                BASE,
                prompt,
                renderedContext,
                "Paris is the capital.",
                topK,
                Map.of("k", "v"),
                Instant.parse("2026-12-06T10:00:00Z"));
    }

    @Test
    void requestRoundTripsAndIsKeyedByItsConventionalId() {
        TokenScoreRequest request = request(null, new Prompt("7", 0, List.of(new ChatMessage("user", "Capital?"))), 5);

        TokenScoreRequest read = EventJson.read(EventJson.write(request), TokenScoreRequest.class);

        assertThat(read).isEqualTo(request);
        assertThat(read.key()).isEqualTo("token-shift@v1/run-1/7/chat/0/plain");
    }

    @Test
    void requestNeedsAContextOrAPromptAndATopKInRange() {
        assertThatThrownBy(() -> request(null, null, 5)).hasMessageContaining("renderedContext");
        assertThatThrownBy(() -> request("ctx", null, 0)).hasMessageContaining("topK");
        assertThatThrownBy(() -> request("ctx", null, 21)).hasMessageContaining("topK");
    }

    @Test
    void resultRoundTripsAndCarriesRanksOutsideTopKAsTopKPlusOne() {
        TokenScoreRequest request = request("# Answer:\n", null, 5);
        TokenScores done = TokenScores.completed(
                request,
                List.of(new ScoredToken("Paris", 0, -0.1, 1), new ScoredToken(" is", 5, -7.5, 6)),
                TokenScores.ECHO,
                12L,
                Instant.parse("2026-12-06T10:00:01Z"));

        TokenScores read = EventJson.read(EventJson.write(done), TokenScores.class);

        assertThat(read).isEqualTo(done);
        assertThat(read.outsideTopK()).isEqualTo(6);
        assertThat(read.tokens().get(1).rank()).isEqualTo(read.outsideTopK());
    }

    @Test
    void failedResultMustSayWhyAndCompletedOneMustCarryTokens() {
        TokenScoreRequest request = request("ctx", null, 5);
        TokenScores failed = TokenScores.failed(request, TokenScores.ECHO, "server ignored echo", null, Instant.now());
        assertThat(failed.failed()).isTrue();
        assertThat(failed.tokens()).isEmpty();

        assertThatThrownBy(() -> TokenScores.failed(request, null, " ", null, Instant.now()))
                .hasMessageContaining("error");
        assertThatThrownBy(() -> TokenScores.completed(request, List.of(), TokenScores.ECHO, null, Instant.now()))
                .hasMessageContaining("tokens");
    }

    @Test
    void tokenRefusesPositiveOrNonFiniteLogprobsAndRanksBelowOne() {
        assertThatThrownBy(() -> new ScoredToken("a", 0, 0.5, 1)).hasMessageContaining("logprob");
        assertThatThrownBy(() -> new ScoredToken("a", 0, Double.NaN, 1)).hasMessageContaining("logprob");
        assertThatThrownBy(() -> new ScoredToken("a", 0, -1, 0)).hasMessageContaining("rank");
    }
}

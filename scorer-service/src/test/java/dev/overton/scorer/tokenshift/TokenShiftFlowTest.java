package dev.overton.scorer.tokenshift;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.memory.InMemorySink;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.DatasetSpec;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.RunCreated;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.ScoredToken;
import dev.overton.contracts.TokenScoreRequest;
import dev.overton.contracts.TokenScores;
import dev.overton.contracts.TokenShiftSpec;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.scorer.InMemoryChannels;
import dev.overton.scorer.InMemoryFlow;

/**
 * The token shift end to end inside the service, on in-memory channels and the real PostgreSQL: the test plays the
 * generator and icl-service (run, generation requests with a rendered in-context prompt, sample sets, a failed
 * in-context set), reads the scoring requests from {@code token-score-requests} and answers on {@code token-scores},
 * then reads the values and the summary over HTTP.
 */
@QuarkusTest
@TestProfile(InMemoryChannels.class)
class TokenShiftFlowTest extends InMemoryFlow {

    private static final VariantSpec BASE =
            new VariantSpec("base", "openai", "b", null, "http://base.local/v1", "completions", 2, Map.of());
    private static final VariantSpec CHAT =
            new VariantSpec("chat", "openai", "c", null, "http://chat.local/v1", "chat", 2, Map.of());
    private static final String RENDERED = "# Query:\nWhat helps against a cold?\n\n# Answer:\n";

    private final String runId = newRun("it-token-shift-");
    private InMemorySink<String> requests;

    @BeforeEach
    void clearSink() {
        requests = clearedSink("token-score-requests-out");
    }

    @Test
    void scoresEachAnswerPerContextStoresFailuresWithTheReasonAndServesSharesAndRecovery() {
        double scoredBefore = counter("overton.token.shift.answers", "context", "plain", "status", "scored");
        // Prompt 0: the base's and the in-context request (with its rendered prompt) and the reference's answers
        // arrive before the run; prompt 1's in-context set fails (icl-service could not render a prompt).
        sendJson("generation-requests-in", generationRequest("0", BASE, null));
        sendJson("generation-requests-in", generationRequest("0", icl(), RENDERED));
        sendJson("sample-sets-in", sampleSet("0", "chat", true, "Rest and fluids.", "Sleep."));
        sendJson("generation-requests-in", generationRequest("1", BASE, null));
        sendJson("sample-sets-in", sampleSet("1", "chat", true, "Tea 🍵 helps.", ""));
        sendJson("sample-sets-in", failedSet("1", "base-icl", "in-context prompt over the context budget"));
        await().atMost(Duration.ofSeconds(10)).until(() -> rows("sample_sets") == 3);
        assertThat(requests.received()).isEmpty();

        sendJson("runs-in", runCreated());
        // samples = 1: prompt 0 plain + icl, prompt 1 plain; prompt 1's icl answer is settled as failed.
        await().atMost(Duration.ofSeconds(10)).until(() -> requests.received().size() == 3);
        List<TokenScoreRequest> sent = new ArrayList<>();
        for (Message<String> m : requests.received()) {
            sent.add(EventJson.read(m.getPayload(), TokenScoreRequest.class));
        }
        TokenScoreRequest plain0 = find(sent, "0", "plain");
        assertThat(plain0.renderedContext()).isNull();
        assertThat(plain0.prompt().userText()).isEqualTo("question 0");
        assertThat(plain0.answer()).isEqualTo("Rest and fluids.");
        assertThat(plain0.model().name()).isEqualTo("base");
        assertThat(plain0.topK()).isEqualTo(5);
        TokenScoreRequest icl0 = find(sent, "0", "base-icl");
        assertThat(icl0.renderedContext()).isEqualTo(RENDERED);
        TokenScoreRequest plain1 = find(sent, "1", "plain");
        assertThat(plain1.answer()).isEqualTo("Tea 🍵 helps.");

        // Planning again (another set arrives) sends nothing twice.
        sendJson("sample-sets-in", sampleSet("0", "base", false, "a", "b"));
        await().atMost(Duration.ofSeconds(10)).until(() -> rows("sample_sets") == 4);

        // plain 0: ranks 1 2 6 1 → shifted 1/4; icl 0: ranks 1 1 1 1 → 0; plain 1: the server ignored echo.
        sendJson(
                "token-scores-in",
                EventJson.write(TokenScores.completed(plain0, tokens(1, 2, 6, 1), "echo", 5L, now())));
        sendJson(
                "token-scores-in", EventJson.write(TokenScores.completed(icl0, tokens(1, 1, 1, 1), "echo", 5L, now())));
        sendJson(
                "token-scores-in",
                EventJson.write(TokenScores.failed(
                        plain1, "echo", "the server returned no prompt logprobs: it ignores echo", 5L, now())));
        // A redelivery is stored once and counted once.
        sendJson(
                "token-scores-in",
                EventJson.write(TokenScores.completed(plain0, tokens(1, 2, 6, 1), "echo", 5L, now())));
        await().atMost(Duration.ofSeconds(10)).until(() -> rows("token_shift_answers") == 4);
        assertThat(requests.received()).hasSize(3);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(counter("overton.token.shift.answers", "context", "plain", "status", "scored")
                                        - scoredBefore)
                                .isEqualTo(1));

        List<JsonNode> values = values();
        JsonNode shifted0 = value(values, "0", "base", "token_shift_shifted");
        assertThat(shifted0.get("value").asDouble()).isEqualTo(0.25);
        assertThat(shifted0.get("reference").asText()).isEqualTo("chat");
        assertThat(shifted0.get("sample").asInt()).isZero();
        assertThat(shifted0.get("settings").asText()).contains("context=plain");
        assertThat(value(values, "0", "base-icl", "token_shift_shifted")
                        .get("value")
                        .asDouble())
                .isZero();
        JsonNode failed = value(values, "1", "base", "token_shift_shifted");
        assertThat(failed.get("value").isNull()).isTrue();
        assertThat(failed.get("reason").asText()).contains("it ignores echo");
        JsonNode unrendered = value(values, "1", "base-icl", "token_shift_unshifted");
        assertThat(unrendered.get("value").isNull()).isTrue();
        assertThat(unrendered.get("reason").asText()).contains("over the context budget");

        JsonNode summary = json(given().get("/runs/{id}/token-shift", runId)
                .then()
                .statusCode(200)
                .extract()
                .asString());
        JsonNode plain = summary.get("contexts").get(0);
        assertThat(plain.get("context").asText()).isEqualTo("plain");
        assertThat(plain.get("scored").asInt()).isEqualTo(1);
        assertThat(plain.get("failed").asInt()).isEqualTo(1);
        JsonNode icl = summary.get("contexts").get(1);
        // recovery over prompt 0 only (prompt 1 has no defined value in either): 1 - 0 / 0.25 = 1
        assertThat(icl.get("recovery").get("recovery").asDouble()).isCloseTo(1.0, within(1e-12));
        assertThat(icl.get("recovery").get("n").asInt()).isEqualTo(1);
        assertThat(summary.get("example").get("tokens").get(2).get("shift").asText())
                .isEqualTo("shifted");

        given().get("/runs/{id}/token-shift", "no-such-run").then().statusCode(404);
    }

    // ---- playing the other services ------------------------------------------------------------------------------

    private static IclVariantSpec iclSpec() {
        return new IclVariantSpec("base-icl", "base", "fixed", 1, "none", 0, Map.of());
    }

    private static VariantSpec icl() {
        return new VariantSpec("base-icl", "openai", "b", null, "http://base.local/v1", "completions", 2, Map.of());
    }

    private String runCreated() {
        RunSpec spec = new RunSpec(
                "token shift flow",
                new DatasetSpec(null, List.<Object>of("q")),
                "chat",
                List.of(BASE, CHAT),
                List.of(iclSpec()),
                null,
                null,
                null,
                new TokenShiftSpec("base", "chat", 1, 5, List.of("plain", "base-icl")));
        return EventJson.write(new RunCreated(SchemaVersions.V1, runId, Instant.now(), spec, List.of("0", "1")));
    }

    private String generationRequest(String promptId, VariantSpec variant, String rendered) {
        return EventJson.write(new GenerationRequest(
                SchemaVersions.V1,
                runId,
                new Prompt(
                        promptId, Integer.parseInt(promptId), List.of(new ChatMessage("user", "question " + promptId))),
                variant,
                false,
                Instant.now(),
                rendered));
    }

    private String sampleSet(String promptId, String variant, boolean reference, String... texts) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            samples.add(new Sample(i, texts[i], "stop"));
        }
        return EventJson.write(new SampleSet(
                SchemaVersions.V1, runId, promptId, variant, reference, SampleSet.GENERATED, null, samples, now()));
    }

    private String failedSet(String promptId, String variant, String error) {
        return EventJson.write(new SampleSet(
                SchemaVersions.V1, runId, promptId, variant, false, SampleSet.FAILED, error, List.of(), now()));
    }

    private static List<ScoredToken> tokens(int... ranks) {
        List<ScoredToken> tokens = new ArrayList<>();
        for (int i = 0; i < ranks.length; i++) {
            tokens.add(new ScoredToken("t" + i, i, -0.5 * ranks[i], ranks[i]));
        }
        return tokens;
    }

    private static TokenScoreRequest find(List<TokenScoreRequest> sent, String promptId, String context) {
        return sent.stream()
                .filter(r -> r.promptId().equals(promptId) && r.context().equals(context))
                .findFirst()
                .orElseThrow();
    }

    private long rows(String table) {
        return tables().count(table, runId);
    }

    private List<JsonNode> values() {
        String body = given().get("/runs/{id}/values", runId)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return body.lines().map(TokenShiftFlowTest::json).toList();
    }

    private static JsonNode value(List<JsonNode> values, String promptId, String variant, String metric) {
        return values.stream()
                .filter(v -> v.get("promptId").asText().equals(promptId)
                        && v.get("variant").asText().equals(variant)
                        && v.get("metric").asText().equals(metric))
                .findFirst()
                .orElseThrow(() -> new AssertionError(metric + " of " + variant + " on " + promptId + " not stored"));
    }

    private static JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private double counter(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    private static Instant now() {
        return Instant.now();
    }
}

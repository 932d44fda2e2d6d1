package dev.overton.scorer.judge.rest;

import static dev.overton.scorer.judge.rest.JudgeResults.find;
import static dev.overton.scorer.judge.rest.JudgeResults.json;
import static dev.overton.scorer.judge.rest.JudgeResults.metric;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.Completion;
import dev.overton.contracts.CompletionRequest;
import dev.overton.contracts.JudgeSpec;
import dev.overton.scorer.InMemoryChannels;

/**
 * The live judge end to end inside the service, on in-memory channels and the real PostgreSQL ({@code overton_it}):
 * the test plays the generator (it sends the run, the generation requests and the sample sets, reads the judge requests
 * from {@code completion-requests} and answers on {@code completions}) and reads the results over HTTP. The playing is
 * {@link JudgeFlowFixture}'s, the reading {@link JudgeResults}'; the scenarios and their assertions are here.
 */
@QuarkusTest
@TestProfile(InMemoryChannels.class)
class JudgeFlowTest extends JudgeFlowFixture {

    private static final String QUALITY_OK = "{\"helpfulness\": {\"reason\": \"r\", \"score\": \"4\"},"
            + " \"clarity\": {\"reason\": \"r\", \"score\": 5}, \"factuality\": {\"reason\": \"r\", \"score\": \"N/A\"},"
            + " \"depth\": {\"reason\": \"r\", \"score\": \"3\"}, \"engagement\": {\"reason\": \"r\", \"score\": \"4\"}}";

    @Test
    void judgesPairsAndQualityWhateverTheArrivalOrderRepairsOneInvalidAnswerAndCountsARedeliveryOnce() {
        JudgeSpec judge = new JudgeSpec(
                "openai",
                "http://judge.local/v1",
                null,
                "judge-model",
                Map.of("temperature", 0),
                List.of("missing-info", "quality"),
                2,
                null);

        // Prompt 1 first: its text and sets arrive before the run record (planned when the run arrives).
        sendJson("generation-requests-in", generationRequest("1", "What is a cold?"));
        sendJson("sample-sets-in", sampleSet("1", "chat", true, 3));
        sendJson("sample-sets-in", sampleSet("1", "base", false, 3));
        awaitRows("sample_sets", 2);
        assertThat(requests.received()).isEmpty();

        sendJson("runs-in", runCreated(judge, "0", "1"));
        // prompt 1: missing-info base/0, base/1 (samples < 2), chat/1 (ceiling); quality base/0, chat/0
        awaitRequests(5);

        // Prompt 0 after the run: base's set first (only its quality can be asked), then the text... then chat.
        sendJson("sample-sets-in", sampleSet("0", "base", false, 3));
        awaitRows("sample_sets", 3);
        assertThat(requests.received()).hasSize(5); // no text yet
        sendJson("generation-requests-in", generationRequest("0", "Which medicine helps against a cold?"));
        awaitRequests(6);
        sendJson("sample-sets-in", sampleSet("0", "chat", true, 3));
        awaitRequests(10);

        Set<String> ids = new TreeSet<>();
        for (Message<String> m : requests.received()) {
            ids.add(read(m.getPayload(), CompletionRequest.class).requestId());
        }
        String p = "judge/missing-info@v1/" + runId + "/";
        String q = "judge/quality@v1/" + runId + "/";
        assertThat(ids)
                .containsExactlyInAnyOrder(
                        p + "0/base/0/1",
                        p + "0/base/1/1",
                        p + "0/chat/1/1",
                        q + "0/base/0/1",
                        q + "0/chat/0/1",
                        p + "1/base/0/1",
                        p + "1/base/1/1",
                        p + "1/chat/1/1",
                        q + "1/base/0/1",
                        q + "1/chat/0/1");

        CompletionRequest missing0 = request(p + "0/base/1/1");
        assertThat(missing0.purpose()).isEqualTo("judge:missing-info");
        assertThat(missing0.model().backend()).isEqualTo("openai");
        assertThat(missing0.model().model()).isEqualTo("judge-model");
        assertThat(missing0.model().params())
                .containsEntry("temperature", 0)
                .containsEntry("response_format", Map.of("type", "json_object"));
        assertThat(missing0.messages()).extracting(ChatMessage::role).containsExactly("system", "user");
        assertThat(missing0.messages().get(1).content())
                .contains("Which medicine helps against a cold?")
                .contains("chat answer 0 to 0")
                .contains("base answer 1 to 0");
        assertThat(missing0.attributes())
                .containsEntry("promptId", "0")
                .containsEntry("variant", "base")
                .containsEntry("sample", "1")
                .containsEntry("reference", "chat")
                .containsEntry("promptVersion", "v1")
                .containsEntry("attempt", "1");

        double processedBefore =
                counter("overton.consumer.records", "channel", "completions-in", "outcome", "processed");
        double parsedBefore = counter("overton.judge.verdicts", "judgement", "missing-info", "status", "parsed");
        double repairsBefore = counter("overton.judge.repairs", "judgement", "missing-info");

        // The generator answers: one missing-info answer is prose around JSON (invalid), the rest are valid.
        String broken = p + "0/base/0/1";
        for (String id : ids) {
            String text = id.startsWith(q)
                    ? QUALITY_OK
                    : "{\"reason\": \"r\", \"score\": " + (id.contains("/base/") ? 3 : 1) + "}";
            if (id.equals(broken)) {
                text = "Here is my verdict: {\"reason\": \"r\", \"score\": 2}";
            }
            sendJson("completions-in", completion(request(id), Completion.COMPLETED, text, null));
        }
        // ... which gets exactly one repair request: the conversation, the invalid answer, the parse error and shape.
        awaitRequests(11);
        CompletionRequest repair = request(p + "0/base/0/2");
        assertThat(repair.attributes()).containsEntry("attempt", "2");
        assertThat(repair.messages())
                .extracting(ChatMessage::role)
                .containsExactly("system", "user", "assistant", "user");
        assertThat(repair.messages().get(2).content()).startsWith("Here is my verdict:");
        assertThat(repair.messages().get(3).content())
                .contains("not valid JSON")
                .contains("\"score\"");

        sendJson(
                "completions-in",
                completion(repair, Completion.COMPLETED, "{\"reason\": \"fixed\", \"score\": \"2\"}", null));
        awaitVerdicts(11);

        // A redelivered completion is not counted twice, and asks nothing again.
        sendJson(
                "completions-in",
                completion(request(p + "1/base/1/1"), Completion.COMPLETED, "{\"reason\": \"r\", \"score\": 3}", null));
        sendJson("completions-in", completion(request(broken), Completion.COMPLETED, "Here is my verdict: {}", null));
        // 10 first answers, 1 repaired answer, 2 redeliveries
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                counter("overton.consumer.records", "channel", "completions-in", "outcome", "processed")
                                        - processedBefore)
                        .isEqualTo(13));
        assertThat(rows("judge_verdicts")).isEqualTo(11);
        assertThat(requests.received()).hasSize(11);
        assertThat(counter("overton.judge.verdicts", "judgement", "missing-info", "status", "parsed") - parsedBefore)
                .isEqualTo(6); // 5 first answers + 1 repaired
        assertThat(counter("overton.judge.repairs", "judgement", "missing-info") - repairsBefore)
                .isEqualTo(1);

        // The values are served with every other value, and aggregated like them.
        List<JsonNode> values = values();
        assertThat(values.stream().filter(v -> v.get("metric").asText().equals("judge_missing_info")))
                .hasSize(6)
                .allSatisfy(v -> assertThat(v.get("reference").asText()).isEqualTo("chat"));
        JsonNode repaired = values.stream()
                .filter(v -> v.get("metric").asText().equals("judge_missing_info")
                        && v.get("promptId").asText().equals("0")
                        && v.get("variant").asText().equals("base")
                        && v.get("sample").asInt() == 0)
                .findFirst()
                .orElseThrow();
        assertThat(repaired.get("value").asDouble()).isEqualTo(2.0);
        assertThat(repaired.get("settings").asText())
                .isEqualTo("judge(model=openai:judge-model;prompt=missing-info@v1;ref=sample0)");
        assertThat(values.stream()
                        .filter(v -> v.get("metric").asText().equals("judge_quality_mean"))
                        .map(v -> v.get("value").asDouble()))
                .hasSize(4)
                .containsOnly(4.0); // (4 + 5 + 3 + 4) / 4, factuality N/A

        JsonNode scores = json(given().get("/runs/{id}/scores", runId)
                .then()
                .statusCode(200)
                .extract()
                .asString());
        // base: prompt 0 samples 2 (repaired) and 3 -> 2.5; prompt 1: 3 and 3 -> 3; mean over prompts 2.75
        assertThat(metric(scores, "base", "judge_missing_info").get("mean").asDouble())
                .isEqualTo(2.75);
        assertThat(metric(scores, "base", "judge_missing_info").get("n").asInt())
                .isEqualTo(2);
        assertThat(metric(scores, "chat", "judge_missing_info").get("mean").asDouble())
                .isEqualTo(1.0); // ceiling

        JsonNode status = json(given().get("/runs/{id}/judge", runId)
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(status.get("status").asText()).isEqualTo("live");
        assertThat(status.get("requests").get("sent").asInt()).isEqualTo(11);

        String verdicts = given().get("/runs/{id}/judge/verdicts", runId)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonNode invalid = verdicts.lines()
                .map(JudgeResults::json)
                .filter(v -> v.get("status").asText().equals("invalid"))
                .findFirst()
                .orElseThrow();
        assertThat(invalid.get("raw").asText()).startsWith("Here is my verdict:");
        assertThat(invalid.get("error").asText()).contains("not valid JSON");
        assertThat(invalid.get("promptVersion").asText()).isEqualTo("v1");
    }

    @Test
    void aFailedCallOrASecondInvalidAnswerIsAStoredFailureWithUndefinedValues() {
        JudgeSpec judge =
                new JudgeSpec("jlama", null, "chat", "small-judge", Map.of(), List.of("quality", "stance"), 0, null);
        sendJson("runs-in", runCreated(judge, "0"));
        sendJson("generation-requests-in", generationRequest("0", "Is coffee healthy?"));
        sendJson("sample-sets-in", sampleSet("0", "chat", true, 2));
        // quality chat/0, stance chat/0, chat/1
        awaitRequests(3);
        String q = "judge/quality@v1/" + runId + "/0/chat/0/1";
        String s0 = "judge/stance@v1/" + runId + "/0/chat/0/1";
        String s1 = "judge/stance@v1/" + runId + "/0/chat/1/1";
        assertThat(request(q).model().params()).doesNotContainKey("response_format"); // not an openai backend
        double failuresBefore = counter("overton.judge.failures", "judgement", "stance", "cause", "invalid-output");

        sendJson("completions-in", completion(request(q), Completion.FAILED, null, "server said 503 three times"));
        sendJson(
                "completions-in",
                completion(request(s0), Completion.COMPLETED, "{\"reason\": \"r\", \"stance\": \"both\"}", null));
        sendJson(
                "completions-in",
                completion(request(s1), Completion.COMPLETED, "{\"reason\": \"r\", \"stance\": \"maybe\"}", null));
        awaitRequests(4);
        CompletionRequest repair = request("judge/stance@v1/" + runId + "/0/chat/1/2");
        sendJson("completions-in", completion(repair, Completion.COMPLETED, "{\"stance\": \"maybe\"}", null));
        awaitVerdicts(4);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(values().stream()
                                .filter(v -> v.get("metric").asText().startsWith("judge_stance_")))
                        .hasSize(4));
        List<JsonNode> values = values();
        JsonNode qualityMean = find(values, "judge_quality_mean");
        assertThat(qualityMean.get("value").isNull()).isTrue();
        assertThat(qualityMean.get("reason").asText())
                .isEqualTo("no verdict: the judge call failed: server said 503 three times");
        JsonNode both = find(values, "judge_stance_both");
        assertThat(both.get("value").asDouble()).isEqualTo(1.0); // one parsed verdict, one failed
        assertThat(both.get("settings").asText()).endsWith(";failed=1/2)");
        assertThat(counter("overton.judge.failures", "judgement", "stance", "cause", "invalid-output") - failuresBefore)
                .isEqualTo(1);

        String verdicts = given().get("/runs/{id}/judge/verdicts", runId)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(verdicts.lines()
                        .map(JudgeResults::json)
                        .filter(v -> v.get("status").asText().equals("failed")))
                .extracting(v -> v.get("error").asText())
                .containsExactlyInAnyOrder(
                        "the judge call failed: server said 503 three times",
                        "still invalid after one repair: the stance verdict has keys [stance], expected exactly [reason,"
                                + " stance]");
    }

    @Test
    void completionsOfOtherPurposesOrUnknownRequestsAreSkipped() {
        double processed = counter("overton.consumer.records", "channel", "completions-in", "outcome", "processed");
        sendJson("completions-in", completed("summary/x/1", "summary", "A summary."));
        sendJson("completions-in", completed("judge/quality@v1/none/0/a/0/1", "judge:quality", "{}"));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                counter("overton.consumer.records", "channel", "completions-in", "outcome", "processed")
                                        - processed)
                        .isEqualTo(2));
        assertThat(rows("judge_verdicts")).isZero();
        given().get("/runs/{id}/judge", runId).then().statusCode(404);
    }
}

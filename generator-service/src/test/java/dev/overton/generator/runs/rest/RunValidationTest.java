package dev.overton.generator.runs.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemorySink;

import dev.overton.contracts.RunCreated;
import dev.overton.contracts.TokenShiftSpec;
import dev.overton.generator.testing.InMemoryFlow;
import dev.overton.generator.testing.RunPosts;

/** The run API refuses bad specs with 400 problem bodies that name each bad field and say how to fix it. */
@QuarkusTest
class RunValidationTest extends InMemoryFlow {

    private static final String OPENAI_VARIANT = "{\"name\":\"chat\",\"backend\":\"openai\","
            + "\"endpoint\":\"http://127.0.0.1:9/v1\",\"model\":\"m\",\"samples\":2}";

    @Test
    void badJudgeFieldsAreNamed() {
        RunPosts.post("{\"name\":\"r\",\"dataset\":{\"prompts\":[\"Hi?\"]},\"reference\":\"chat\",\"variants\":["
                        + OPENAI_VARIANT + "],\"judge\":{\"backend\":\"openai\",\"endpoint\":\"http://j/v1\","
                        + "\"judgements\":[\"quality\",\"tone\"],\"params\":{\"temperature\":3}}}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("judge.model", "judge.judgements[1]", "judge.params.temperature"))
                .body("errors.find { it.field == 'judge.model' }.message", containsString("required"))
                .body(
                        "errors.find { it.field == 'judge.judgements[1]' }.message",
                        containsString("[missing-info, quality, stance, topics]"));
    }

    @Test
    void acceptedJudgeTravelsWithTheRunCreatedEvent() {
        RunCreated created =
                acceptedAndPublished("{\"name\":\"judged\",\"dataset\":{\"prompts\":[\"Hi?\"]},\"reference\":\"chat\","
                        + "\"variants\":[" + OPENAI_VARIANT + "],\"judge\":{\"backend\":\"openai\","
                        + "\"endpoint\":\"http://j/v1\",\"model\":\"judge-model\",\"judgements\":[\"stance\"]}}");
        assertThat(created.spec().judge()).satisfies(j -> {
            assertThat(j.model()).isEqualTo("judge-model");
            assertThat(j.api()).isEqualTo("chat");
            assertThat(j.judgements()).containsExactly("stance");
        });
    }

    @Test
    void tokenShiftOfAChatOnlyBaseIsRefusedByTheBackendNamingTheField() {
        RunPosts.post("{\"name\":\"r\",\"dataset\":{\"prompts\":[\"Hi?\"]},\"reference\":\"chat\",\"variants\":["
                        + OPENAI_VARIANT + ",{\"name\":\"base\",\"backend\":\"openai\",\"endpoint\":\"http://b/v1\","
                        + "\"model\":\"base-model\"}],\"tokenShift\":{\"base\":\"base\",\"topK\":0}}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("tokenShift.base", "tokenShift.topK"))
                .body("errors.find { it.field == 'tokenShift.base' }.message", containsString("chat API"));
    }

    @Test
    void acceptedTokenShiftTravelsWithTheRunCreatedEvent() {
        RunCreated created =
                acceptedAndPublished("{\"name\":\"shift\",\"dataset\":{\"prompts\":[\"Hi?\"]},\"reference\":\"chat\","
                        + "\"variants\":[" + OPENAI_VARIANT + ",{\"name\":\"base\",\"backend\":\"openai\","
                        + "\"endpoint\":\"http://b/v1\",\"model\":\"base-model\",\"api\":\"completions\"}],"
                        + "\"tokenShift\":{\"base\":\"base\",\"samples\":2,\"topK\":3}}");
        assertThat(created.spec().tokenShift())
                .isEqualTo(new TokenShiftSpec("base", "chat", 2, 3, java.util.List.of("plain")));
    }

    private static final String VALID_VARIANT =
            "{\"name\":\"base\",\"backend\":\"replay\",\"source\":\"/nonexistent/samples.jsonl\",\"samples\":5}";

    @Test
    void bodyThatIsNotJsonIsRejected() {
        RunPosts.post("{not json")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("(body)"))
                .body("errors[0].message", containsString("not valid JSON"));
    }

    @Test
    void emptyObjectNamesEveryMissingField() {
        RunPosts.post("{}")
                .statusCode(400)
                .body("title", equalTo("Invalid run spec"))
                .body("errors.field", hasItems("name", "variants", "reference", "dataset"));
    }

    @Test
    void referenceMustNameAVariant() {
        RunPosts.post("{\"name\":\"r\",\"dataset\":{\"prompts\":[\"Hi?\"]},\"reference\":\"chat\",\"variants\":["
                        + VALID_VARIANT + "]}")
                .statusCode(400)
                .body("errors.field", hasItem("reference"))
                .body("errors.find { it.field == 'reference' }.message", containsString("[base]"));
    }

    @Test
    void badVariantFieldsAreNamedWithTheirIndex() {
        String variants = "[" + VALID_VARIANT + ","
                + "{\"name\":\"base\",\"backend\":\"gpt\",\"samples\":\"five\"},"
                + "{\"name\":\"x\",\"backend\":\"replay\",\"samples\":0,\"params\":{\"temperature\":-1}}]";
        RunPosts.post("{\"name\":\"r\",\"dataset\":{\"prompts\":[\"Hi?\"]},\"reference\":\"base\",\"variants\":"
                        + variants + "}")
                .statusCode(400)
                .body(
                        "errors.field",
                        hasItems(
                                "variants[1].name",
                                "variants[1].backend",
                                "variants[1].samples",
                                "variants[2].samples",
                                "variants[2].source",
                                "variants[2].params.temperature",
                                "variants[0].source"))
                .body("errors.find { it.field == 'variants[1].backend' }.message", containsString("replay"));
    }

    @Test
    void datasetNeedsExactlyOneOfPathOrPrompts() {
        RunPosts.post("{\"name\":\"r\",\"dataset\":{\"path\":\"a.jsonl\",\"prompts\":[\"x\"]},\"reference\":\"base\","
                        + "\"variants\":[" + VALID_VARIANT + "]}")
                .statusCode(400)
                .body("errors.field", hasItem("dataset"));
    }

    @Test
    void missingDatasetFileIsNamed() {
        RunPosts.post("{\"name\":\"r\",\"dataset\":{\"path\":\"/nonexistent/data.jsonl\"},\"reference\":\"base\","
                        + "\"variants\":[" + VALID_VARIANT + "]}")
                .statusCode(400)
                .body("errors.find { it.field == 'dataset.path' }.message", containsString("/nonexistent/data.jsonl"));
    }

    @Test
    void unknownRunIs404WithProblemBody() {
        given().when()
                .get("/runs/no-such-run")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("no-such-run"));
    }

    /** The RunCreated event the generator published for run {@code id}, waited for up to 10 s. */
    /** Posts {@code body}, expects 201 and returns the {@code runs} event of the new run (deleted after the test). */
    private RunCreated acceptedAndPublished(String body) {
        InMemorySink<String> runs = connector.sink("runs-out");
        String id = deletedAfterTest(RunPosts.accepted(body));
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> sent(runs, RunCreated.class, r -> r.runId().equals(id)), list -> !list.isEmpty())
                .get(0);
    }
}

package dev.overton.generator.runs.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The run API refuses bad specs with 400 problem bodies that name each bad field and say how to fix it. */
@QuarkusTest
class RunValidationTest {

    private static final String VALID_VARIANT =
            "{\"name\":\"base\",\"backend\":\"replay\",\"source\":\"/nonexistent/samples.jsonl\",\"samples\":5}";

    @Test
    void bodyThatIsNotJsonIsRejected() {
        given().header("X-API-Key", "test-key")
                .contentType(ContentType.JSON)
                .body("{not json")
                .when()
                .post("/runs")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("(body)"))
                .body("errors[0].message", containsString("not valid JSON"));
    }

    @Test
    void emptyObjectNamesEveryMissingField() {
        given().header("X-API-Key", "test-key")
                .contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post("/runs")
                .then()
                .statusCode(400)
                .body("title", equalTo("Invalid run spec"))
                .body("errors.field", hasItems("name", "variants", "reference", "dataset"));
    }

    @Test
    void referenceMustNameAVariant() {
        given().header("X-API-Key", "test-key")
                .contentType(ContentType.JSON)
                .body("{\"name\":\"r\",\"dataset\":{\"prompts\":[\"Hi?\"]},\"reference\":\"chat\",\"variants\":["
                        + VALID_VARIANT + "]}")
                .when()
                .post("/runs")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("reference"))
                .body("errors.find { it.field == 'reference' }.message", containsString("[base]"));
    }

    @Test
    void badVariantFieldsAreNamedWithTheirIndex() {
        String variants = "[" + VALID_VARIANT + ","
                + "{\"name\":\"base\",\"backend\":\"gpt\",\"samples\":\"five\"},"
                + "{\"name\":\"x\",\"backend\":\"replay\",\"samples\":0,\"params\":{\"temperature\":-1}}]";
        given().header("X-API-Key", "test-key")
                .contentType(ContentType.JSON)
                .body("{\"name\":\"r\",\"dataset\":{\"prompts\":[\"Hi?\"]},\"reference\":\"base\",\"variants\":"
                        + variants + "}")
                .when()
                .post("/runs")
                .then()
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
        given().header("X-API-Key", "test-key")
                .contentType(ContentType.JSON)
                .body("{\"name\":\"r\",\"dataset\":{\"path\":\"a.jsonl\",\"prompts\":[\"x\"]},\"reference\":\"base\","
                        + "\"variants\":[" + VALID_VARIANT + "]}")
                .when()
                .post("/runs")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("dataset"));
    }

    @Test
    void missingDatasetFileIsNamed() {
        given().header("X-API-Key", "test-key")
                .contentType(ContentType.JSON)
                .body("{\"name\":\"r\",\"dataset\":{\"path\":\"/nonexistent/data.jsonl\"},\"reference\":\"base\","
                        + "\"variants\":[" + VALID_VARIANT + "]}")
                .when()
                .post("/runs")
                .then()
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
}

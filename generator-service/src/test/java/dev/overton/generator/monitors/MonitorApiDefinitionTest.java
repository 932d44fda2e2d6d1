package dev.overton.generator.monitors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The monitor API's {@code POST /monitors} on the real PostgreSQL: every monitor field checked with the field named,
 * the run spec's own rules applied unchanged, and a name taken while its monitor lives.
 */
@QuarkusTest
class MonitorApiDefinitionTest extends MonitorApiFixture {

    @Test
    void everyBadMonitorFieldIsNamedAtPost() {
        postJson(
                        "/monitors",
                        definition("\"windw\":{},"
                                + "\"window\":{\"prompts\":9,\"every\":\"PT5S\"},"
                                + "\"alarms\":{\"metrics\":[\"jacard_1\"],\"fdr\":1.5,"
                                + "\"minEffect\":{\"jaccard_2\":0.1}},"
                                + "\"retention\":{\"windows\":0}"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "errors.field",
                        hasItems(
                                "windw",
                                "window.prompts",
                                "window.every",
                                "alarms.metrics[0]",
                                "alarms.fdr",
                                "alarms.minEffect.jaccard_2",
                                "retention.windows"))
                .body("errors.find { it.field == 'window.prompts' }.message", containsString("dataset has 8"))
                .body("errors.find { it.field == 'window.every' }.message", containsString("PT10S"));
        // The run spec's own rules apply unchanged.
        postJson(
                        "/monitors",
                        "{\"name\":\"" + name() + "\"," + DATASET + ",\"reference\":\"nope\",\"variants\":[],"
                                + "\"window\":{\"prompts\":2}}")
                .statusCode(400)
                .body("errors.field", hasItems("variants"));
        postJson("/monitors", definition("\"source\":{\"topic\":\"monitor-prompts\"},\"window\":{\"prompts\":2}"))
                .statusCode(400)
                .body("errors.field", hasItem("source"));
        postJson("/monitors", definition("\"window\":{\"prompts\":2},\"baseline\":\"no-such-run\""))
                .statusCode(400)
                .body("errors[0].field", equalTo("baseline"))
                .body("errors[0].message", containsString("names no run"));
        given().contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post("/monitors")
                .then()
                .statusCode(401);
    }

    @Test
    void aNameIsTakenWhileItsMonitorLives() {
        String name = name();
        String body = "{\"name\":\"" + name + "\"," + DATASET + "," + VARIANTS + ",\"window\":{\"prompts\":2}}";
        String id = create(body);
        postJson("/monitors", body).statusCode(409);
        given().header("X-API-Key", KEY).when().delete("/monitors/" + id).then().statusCode(202);
        create(body);
    }
}

package dev.overton.generator.monitors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/**
 * The shared set-up of the {@code MonitorApi*Test} classes: the monitor API on the real PostgreSQL with in-memory
 * channels. Monitors of fresh names over {@link #DATASET} and {@link #VARIANTS} (which {@link MonitorSchedulingTest}
 * creates too), POSTs with the API key, manual windows, and the key of a sent record.
 */
abstract class MonitorApiFixture {

    /** The API key the test profile configures. */
    static final String KEY = "test-key";

    /** The reference variant {@code chat} and a variant {@code base}, two samples each, at an endpoint never called. */
    static final String VARIANTS = "\"reference\":\"chat\",\"variants\":[{\"name\":\"chat\",\"backend\":\"openai\","
            + "\"endpoint\":\"http://127.0.0.1:9/v1\",\"model\":\"m\",\"samples\":2},{\"name\":\"base\","
            + "\"backend\":\"openai\",\"endpoint\":\"http://127.0.0.1:9/v1\",\"model\":\"b\",\"samples\":2}]";

    /** Eight inline prompts. */
    static final String DATASET = "\"dataset\":{\"prompts\":[\"one?\",\"two?\",\"three?\",\"four?\",\"five?\","
            + "\"six?\",\"seven?\",\"eight?\"]}";

    /** The in-memory channels standing in for Kafka. */
    @Inject
    @Any
    InMemoryConnector connector;

    /** The real PostgreSQL, for the rows a test checks directly. */
    @Inject
    AgroalDataSource dataSource;

    /** A fresh monitor name. */
    static String name() {
        return "mon-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A monitor definition of a fresh name over {@link #DATASET} and {@link #VARIANTS}; {@code fields} are its other
     * members (JSON, without the braces).
     */
    static String definition(String fields) {
        return "{\"name\":\"" + name() + "\"," + DATASET + "," + VARIANTS + "," + fields + "}";
    }

    /** Creates a monitor and returns its id. */
    static String create(String body) {
        return postJson("/monitors", body)
                .statusCode(201)
                .header("Location", containsString("/monitors/"))
                .extract()
                .path("id");
    }

    /** POSTs {@code body} as JSON to {@code path} with the API key. */
    static ValidatableResponse postJson(String path, String body) {
        return given().header("X-API-Key", KEY)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post(path)
                .then();
    }

    /** POSTs to {@code path} with the API key and no body. */
    static ValidatableResponse postKeyed(String path) {
        return given().header("X-API-Key", KEY).when().post(path).then();
    }

    /** Triggers {@code count} windows of monitor {@code id} one after the other; returns their runs' ids in order. */
    static List<String> triggerWindows(String id, int count) {
        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runIds.add(trigger(id, null).getString("runId"));
        }
        return runIds;
    }

    /** Triggers a window of monitor {@code id} by hand with {@code body} (JSON, or null); returns the reply. */
    static JsonPath trigger(String id, String body) {
        var request = given().header("X-API-Key", KEY);
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.when()
                .post("/monitors/" + id + "/windows")
                .then()
                .statusCode(202)
                .extract()
                .jsonPath();
    }

    /** The Kafka key {@code message} was sent with, or null. */
    static String key(Message<String> message) {
        return message.getMetadata(OutgoingKafkaRecordMetadata.class)
                .map(m -> (String) m.getKey())
                .orElse(null);
    }
}

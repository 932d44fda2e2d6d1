package dev.overton.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.systemtests.ServiceProcesses.Service;

/**
 * Issue 15's alarms through the real broker and database: a monitor over an OpenAI-wire fake server whose aligned
 * model can be switched to answer every sample of a prompt with the same text. Three normal windows raise no alarm;
 * after the switch the next window raises one on {@code jaccard_1} for the aligned variant only; after switching back
 * the alarm clears; the scorer's {@code overton_monitor_alarm} goes 0 → 1 → 0 and the generator shows the open alarm.
 * Lean: on the shared stack, 8 prompts × 2 variants × 4 samples per window, windows triggered (no schedule).
 */
class MonitorIT extends SharedServicesRunning {

    private static final int PROMPTS = 8;
    private static final AtomicBoolean COLLAPSED = new AtomicBoolean();

    private static FakeModelServer model;

    @BeforeAll
    static void startModel() throws Exception {
        model = new FakeModelServer(MonitorIT::answer);
    }

    @AfterAll
    static void stopModel() {
        if (model != null) {
            model.close();
        }
    }

    /** Normal: four different answers per prompt, the same in every window. Collapsed: the aligned model repeats one. */
    private static String answer(JsonNode request, int sample) {
        String prompt = FakeModelServer.promptText(request).strip();
        if (COLLAPSED.get() && request.path("model").asText().equals("fake-chat")) {
            return "The one answer to " + prompt;
        }
        return "View " + sample + " on " + prompt + ": alpha" + sample + " beta" + (sample * 3) + " gamma"
                + (sample * 7) + " delta.";
    }

    @Test
    void aCollapsedAlignedModelRaisesAnAlarmForItOnlyAndItClearsWhenItRecovers() {
        StringBuilder prompts = new StringBuilder();
        for (int p = 0; p < PROMPTS; p++) {
            prompts.append(p == 0 ? "" : ",").append("\"Question ").append(p).append(" about gardens?\"");
        }
        String endpoint = model.endpoint();
        String spec = "{\"name\":\"it-monitor\",\"dataset\":{\"prompts\":[" + prompts + "]},\"reference\":\"chat\","
                + "\"measures\":[\"lexical\"],\"variants\":["
                + "{\"name\":\"base\",\"backend\":\"openai\",\"endpoint\":\"" + endpoint + "\",\"api\":\"chat\","
                + "\"model\":\"fake-base\",\"samples\":4,\"params\":{\"temperature\":1.0,\"max_tokens\":32}},"
                + "{\"name\":\"chat\",\"backend\":\"openai\",\"endpoint\":\"" + endpoint + "\",\"api\":\"chat\","
                + "\"model\":\"fake-chat\",\"samples\":4,\"params\":{\"temperature\":1.0,\"max_tokens\":32}}],"
                + "\"window\":{\"prompts\":" + PROMPTS + "},\"baseline\":\"first\","
                + "\"alarms\":{\"metrics\":[\"jaccard_1\"],\"fdr\":0.05}}";
        String id = given().baseUri(Service.GENERATOR.url())
                .header("X-API-Key", ServiceProcesses.API_KEY)
                .contentType(ContentType.JSON)
                .body(spec)
                .post("/monitors")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        for (int w = 1; w <= 3; w++) {
            window(id, w);
        }
        assertThat(alarms(id).getList("alarms")).isEmpty();
        awaitAlarmGauge("chat", 0);

        COLLAPSED.set(true);
        window(id, 4);
        JsonPath raised = alarms(id);
        assertThat(raised.getInt("open")).isEqualTo(1);
        assertThat(raised.getString("alarms[0].variant")).isEqualTo("chat");
        assertThat(raised.getString("alarms[0].metric")).isEqualTo("jaccard_1");
        assertThat(raised.getInt("alarms[0].window")).isEqualTo(4);
        awaitAlarmGauge("chat", 1);
        awaitAlarmGauge("base", 0);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(given().baseUri(Service.GENERATOR.url())
                                .get("/monitors/{id}", id)
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("openAlarms.variant", String.class))
                        .containsExactly("chat"));

        COLLAPSED.set(false);
        window(id, 5);
        JsonPath cleared = alarms(id);
        assertThat(cleared.getInt("open")).isZero();
        assertThat(cleared.getInt("alarms[0].clearedWindow")).isEqualTo(5);
        awaitAlarmGauge("chat", 0);

        JsonPath history = given().baseUri(Service.SCORER.url())
                .queryParam("metric", "jaccard_1")
                .get("/monitors/{id}/history", id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(history.getList("windows.window", Integer.class)).containsExactly(1, 2, 3, 4, 5);
        assertThat(history.getDouble("windows[3].variants.chat.jaccard_1.mean")).isEqualTo(1.0);
    }

    /** Triggers window {@code w} and waits until the scorer evaluated it. */
    private static void window(String id, int w) {
        int opened = given().baseUri(Service.GENERATOR.url())
                .header("X-API-Key", ServiceProcesses.API_KEY)
                .contentType(ContentType.JSON)
                .body("{\"label\":\"v" + w + "\"}")
                .post("/monitors/{id}/windows", id)
                .then()
                .statusCode(202)
                .extract()
                .path("window");
        assertThat(opened).isEqualTo(w);
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    var answer = given().baseUri(Service.SCORER.url()).get("/monitors/{id}/history", id);
                    if (answer.statusCode() != 200) {
                        return false;
                    }
                    List<Boolean> scored = answer.jsonPath().getList("windows.scored", Boolean.class);
                    return scored.size() >= w && scored.get(w - 1);
                });
    }

    private static JsonPath alarms(String id) {
        return given().baseUri(Service.SCORER.url())
                .get("/monitors/{id}/alarms", id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void awaitAlarmGauge(String variant, int value) {
        Pattern series =
                Pattern.compile("overton_monitor_alarm\\{[^}]*metric=\"jaccard_1\"[^}]*monitor=\"it-monitor\"[^}]*"
                        + "variant=\"" + variant + "\"[^}]*} ([0-9.]+)");
        await().atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Matcher m = series.matcher(given().baseUri(Service.SCORER.url())
                            .get("/q/metrics")
                            .asString());
                    assertThat(m.find())
                            .as("overton_monitor_alarm for %s", variant)
                            .isTrue();
                    assertThat(Double.parseDouble(m.group(1))).isEqualTo(value);
                });
    }
}

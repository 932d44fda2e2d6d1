package dev.overton.scorer.monitor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Gauge;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.memory.InMemorySink;

import dev.overton.contracts.AlarmChanged;
import dev.overton.contracts.DatasetSpec;
import dev.overton.contracts.MonitorDefined;
import dev.overton.contracts.MonitorSpec;
import dev.overton.contracts.MonitorWindow;
import dev.overton.contracts.RunCreated;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.scorer.InMemoryChannels;
import dev.overton.scorer.InMemoryFlow;

/**
 * The scorer's side of issue 15 on in-memory channels and the real PostgreSQL: a monitor's definition from {@code
 * monitors}, its windows as runs, each window evaluated once when wholly scored; three unchanged windows raise no
 * alarm, a window whose aligned variant answers every sample of a prompt alike raises one on {@code jaccard_1} for that
 * variant only (published on {@code alarms}, the gauge at 1), a redelivered window changes nothing, and the next
 * unchanged window clears it; the history and alarms endpoints, their problems, and the tombstone.
 */
@QuarkusTest
@TestProfile(InMemoryChannels.class)
class MonitorFlowTest extends InMemoryFlow {

    private static final int PROMPTS = 8;

    @Inject
    MonitorGauges gauges;

    @Inject
    WindowEvaluator evaluator;

    private final String token = UUID.randomUUID().toString().substring(0, 8);
    private final String monitorId = "mon-" + token;
    private final String name = "watch " + token;
    private final String runPrefix = newRun("it-mon-");

    @AfterEach
    void deleteMonitor() {
        for (String table : List.of("monitor_alarms", "monitor_windows", "alarm_events", "monitors")) {
            tables().execute("delete from scorer." + table + " where monitor_id = ?", monitorId);
        }
    }

    @Test
    void aCollapsedWindowRaisesAnAlarmForTheAlignedVariantOnlyOnceAndTheNextNormalWindowClearsIt() {
        InMemorySink<String> alarms = clearedSink("alarms-out");
        defineMonitor();
        for (int w = 1; w <= 3; w++) {
            window(w, false);
        }
        awaitEvaluated(3);
        assertThat(alarmRows()).isEmpty();
        gauges.refresh().await().indefinitely();
        assertThat(alarmGauge("aligned")).isEqualTo(0.0);
        assertThat(alarmGauge("base")).isEqualTo(0.0);
        assertThat(scoreGauge("aligned")).isLessThan(1.0);

        window(4, true);
        awaitEvaluated(4);
        // The window row commits before its alarm change is sent: wait for the send, then check there is one.
        awaitEvents(alarms, 1);
        List<AlarmChanged> events = events(alarms);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).state()).isEqualTo(AlarmChanged.OPEN);
        assertThat(events.get(0).variant()).isEqualTo("aligned");
        assertThat(events.get(0).metric()).isEqualTo("jaccard_1");
        assertThat(events.get(0).window()).isEqualTo(4);
        assertThat(events.get(0).baselineRunId()).isEqualTo(runId(1));
        // 8 prompts all worse: exact sign-flip p = 2/2^8; BH over (aligned, base) × jaccard_1: q = 2p = 0.015625.
        assertThat(events.get(0).q()).isCloseTo(0.015625, org.assertj.core.api.Assertions.within(1e-12));
        gauges.refresh().await().indefinitely();
        assertThat(alarmGauge("aligned")).isEqualTo(1.0);
        assertThat(alarmGauge("base")).isEqualTo(0.0);
        assertThat(scoreGauge("aligned")).isEqualTo(1.0);

        // Redelivered sets of window 4 and a sweep: evaluated once, nothing more raised or published.
        window(4, true);
        evaluator.sweep().await().indefinitely();
        assertThat(alarmRows()).hasSize(1);
        assertThat(events(alarms)).hasSize(1);
        assertThat(count("select count(*) from scorer.monitor_windows where monitor_id = ?"))
                .isEqualTo(4);

        window(5, false);
        awaitEvaluated(5);
        awaitEvents(alarms, 2);
        events = events(alarms);
        assertThat(events).hasSize(2);
        assertThat(events.get(1).state()).isEqualTo(AlarmChanged.CLEARED);
        assertThat(events.get(1).clearedWindow()).isEqualTo(5);
        gauges.refresh().await().indefinitely();
        assertThat(alarmGauge("aligned")).isEqualTo(0.0);

        JsonPath alarmsBody = given().get("/monitors/{id}/alarms", monitorId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(alarmsBody.getInt("open")).isZero();
        assertThat(alarmsBody.getList("alarms")).hasSize(1);
        assertThat(alarmsBody.getInt("alarms[0].window")).isEqualTo(4);
        assertThat(alarmsBody.getInt("alarms[0].clearedWindow")).isEqualTo(5);

        JsonPath history = given().queryParam("metric", "jaccard_1")
                .get("/monitors/{id}/history", monitorId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(history.getString("name")).isEqualTo(name);
        assertThat(history.getList("metrics")).containsExactly("jaccard_1");
        assertThat(history.getList("windows.window", Integer.class)).containsExactly(1, 2, 3, 4, 5);
        assertThat(history.getString("baselineRunId")).isEqualTo(runId(1));
        assertThat(history.getBoolean("windows[0].baseline")).isTrue();
        assertThat(history.getBoolean("windows[1].baseline")).isFalse();
        assertThat(history.getString("windows[3].label")).isEqualTo("v4");
        assertThat(history.getDouble("windows[3].variants.aligned.jaccard_1.mean"))
                .isEqualTo(1.0);
        assertThat(history.getInt("windows[3].variants.aligned.jaccard_1.n")).isEqualTo(PROMPTS);
        assertThat(history.getMap("windows[3].variants.aligned")).containsOnlyKeys("jaccard_1");

        // The trend page draws the same history: a point per variant and window, the baseline, the alarm, the links.
        String page = given().accept("text/html")
                .queryParam("metric", "jaccard_1")
                .get("/monitors/{id}/report", monitorId)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page.split("class=\"mark point\"", -1)).hasSize(2 * 5 + 1);
        assertThat(page)
                .contains("class=\"baseline-band\" data-window=\"1\"")
                .contains("class=\"mark alarm-raised\" data-variant=\"aligned\" data-metric=\"jaccard_1\""
                        + " data-window=\"4\"")
                .contains("class=\"mark alarm-cleared\" data-variant=\"aligned\" data-metric=\"jaccard_1\""
                        + " data-window=\"5\"")
                .contains("<a class=\"window-link\" href=\"/runs/" + runId(4) + "/report\" data-window=\"4\"")
                .contains(">v4</text>");
    }

    @Test
    void historyAndAlarmsAnswerProblemsForABadMetricAndAnUnknownMonitorAndTheTombstoneDeletesTheMonitor() {
        defineMonitor();
        window(1, false);
        awaitEvaluated(1);
        given().queryParam("metric", "jaccard-1")
                .get("/monitors/{id}/history", monitorId)
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors[0].field", equalTo("metric"));
        given().queryParam("metric", "self_bleu_x")
                .get("/monitors/{id}/history", monitorId)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("metric"))
                .body("detail", containsString("jaccard_1"));
        given().get("/monitors/{id}/history", "nope-" + token)
                .then()
                .statusCode(404)
                .contentType(containsString("application/problem+json"));
        given().get("/monitors/{id}/alarms", "nope-" + token).then().statusCode(404);

        connector.source("monitors-in").send(Record.of(monitorId, (String) null));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("select count(*) from scorer.monitors where monitor_id = ?") == 0);
        assertThat(count("select count(*) from scorer.monitor_windows where monitor_id = ?"))
                .isZero();
        given().get("/monitors/{id}/alarms", monitorId).then().statusCode(404);
    }

    private void defineMonitor() {
        MonitorSpec monitor = new MonitorSpec(
                new MonitorSpec.Window(PROMPTS, null, true),
                MonitorSpec.FIRST,
                new MonitorSpec.Alarms(List.of("jaccard_1"), 0.05, Map.of()),
                new MonitorSpec.Retention(null),
                null);
        MonitorDefined defined = new MonitorDefined(
                SchemaVersions.V1, monitorId, name, MonitorDefined.ACTIVE, Instant.now(), spec(name, null), monitor);
        connector.source("monitors-in").send(Record.of(monitorId, EventJson.write(defined)));
    }

    private static RunSpec spec(String name, String label) {
        return new RunSpec(
                name,
                new DatasetSpec(null, List.of("Hi?")),
                "aligned",
                List.of(variant("aligned"), variant("base")),
                List.of(),
                null,
                label,
                List.of("lexical"));
    }

    private static VariantSpec variant(String name) {
        return new VariantSpec(name, "openai", "m", null, "http://127.0.0.1:9/v1", "chat", 4, Map.of());
    }

    private String runId(int window) {
        return runPrefix + "-" + window;
    }

    /** Window {@code w}'s run and sets; {@code collapsed}: the aligned variant answers every sample alike. */
    private void window(int w, boolean collapsed) {
        List<String> prompts = new ArrayList<>();
        for (int p = 0; p < PROMPTS; p++) {
            prompts.add("p" + p);
        }
        RunCreated run = new RunCreated(
                SchemaVersions.V1,
                runId(w),
                Instant.now(),
                spec(name + " #" + w, "v" + w),
                prompts,
                new MonitorWindow(monitorId, name, w));
        send("runs-in", run);
        for (String prompt : prompts) {
            for (String variant : List.of("aligned", "base")) {
                List<Sample> samples = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String text = collapsed && variant.equals("aligned")
                            ? "one answer for " + prompt
                            : "answer " + i + " on " + prompt + " word" + i + " other" + (i * 7) + " " + variant;
                    samples.add(new Sample(i, text, "stop"));
                }
                send(
                        "sample-sets-in",
                        new SampleSet(
                                SchemaVersions.V1,
                                runId(w),
                                prompt,
                                variant,
                                variant.equals("aligned"),
                                SampleSet.GENERATED,
                                null,
                                samples,
                                Instant.now(),
                                List.of("lexical")));
            }
        }
    }

    private void awaitEvents(InMemorySink<String> alarms, int atLeast) {
        await().atMost(Duration.ofSeconds(10)).until(() -> events(alarms).size() >= atLeast);
    }

    private void awaitEvaluated(int window) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> count("select count(*) from scorer.monitor_windows where monitor_id = ? and window_no = "
                                + window)
                        == 1);
    }

    private List<AlarmChanged> events(InMemorySink<String> sink) {
        return sent(sink, AlarmChanged.class, e -> e.monitorId().equals(monitorId));
    }

    private List<String> alarmRows() {
        List<String> rows = new ArrayList<>();
        long n = count("select count(*) from scorer.monitor_alarms where monitor_id = ?");
        for (long i = 0; i < n; i++) {
            rows.add("alarm");
        }
        return rows;
    }

    private long count(String sql) {
        return tables().number(sql, monitorId);
    }

    private Double alarmGauge(String variant) {
        return gauge("overton.monitor.alarm", variant);
    }

    private Double scoreGauge(String variant) {
        return gauge("overton.monitor.score", variant);
    }

    private Double gauge(String gauge, String variant) {
        Gauge g = registry.find(gauge)
                .tag("monitor", name)
                .tag("variant", variant)
                .tag("metric", "jaccard_1")
                .gauge();
        return g == null ? null : g.value();
    }
}

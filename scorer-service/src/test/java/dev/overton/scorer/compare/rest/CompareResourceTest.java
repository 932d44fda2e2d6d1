package dev.overton.scorer.compare.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

import dev.overton.scorer.InMemoryChannels;
import dev.overton.scorer.InMemoryFlow;

/**
 * {@code GET /compare} over HTTP against values written straight into the scorer schema of the real PostgreSQL (the
 * test database of {@code OVERTON_TEST_DB}). The data are chosen so that every expected figure can be worked by hand
 * (each assertion says how).
 */
@QuarkusTest
@TestProfile(InMemoryChannels.class)
class CompareResourceTest extends InMemoryFlow {

    private static final double DELTA = 1e-9;

    // Numbers as doubles: JsonPath's default float would cost the figures their precision.
    private static final JsonPathConfig DOUBLES = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);

    private final String prefix = newRun("it-compare-") + "-";
    private final String runA = prefix + "a";
    private final String runB = prefix + "b";
    private final String runC = prefix + "c";
    private final List<String> runs = new ArrayList<>(List.of(runA, runB, runC));

    // jaccard_1 of base on prompts p1..p8 in run a; run b adds 0.01·k to prompt pk (all differences positive)
    private static final double[] BASE_A = {0.10, 0.12, 0.09, 0.15, 0.11, 0.13, 0.08, 0.14};

    @Test
    void pairedComparisonGivesDifferencesPValuesQValuesAndDirections() {
        seedPairedRuns();

        JsonPath body = compared("a={a}&b={b}", runA, runB);

        assertThat(body.getList("variantsA", String.class)).containsExactly("base", "chat");
        assertThat(body.getList("pairs.a", String.class)).containsExactly("base", "chat");
        // length_tokens is a per-sample value, summarised by its set values: never compared
        assertThat(body.getList("rows.metric", String.class))
                .containsExactly("jaccard_1", "pair_jaccard_1", "jaccard_1", "pair_jaccard_1");
        Map<String, Object> baseJaccard = row(body, "base", "jaccard_1");
        // by hand: differences 0.01·k for k = 1..8, mean 0.045; all positive and distinct, so only "all +" and
        // "all −" of the 2^8 sign assignments reach |sum| = 0.36: p = 2/256. The four rows' p-values are 2/256 (this
        // row), 2/256 (base pair_jaccard_1, below), 1 and 1: BH gives both smallest q = 4 · (2/256) / 2 = 1/64
        assertThat(number(baseJaccard, "difference")).isCloseTo(0.045, within(DELTA));
        assertThat(number(baseJaccard, "meanA")).isCloseTo(mean(BASE_A), within(DELTA));
        assertThat((Integer) baseJaccard.get("n")).isEqualTo(8);
        assertThat((Boolean) baseJaccard.get("paired")).isTrue();
        assertThat((Boolean) baseJaccard.get("exactP")).isTrue();
        assertThat(number(baseJaccard, "p")).isCloseTo(2.0 / 256, within(DELTA));
        assertThat(number(baseJaccard, "q")).isCloseTo(1.0 / 64, within(DELTA));
        assertThat((Boolean) baseJaccard.get("significant")).isTrue();
        assertThat(baseJaccard.get("direction")).isEqualTo("less diverse");
        assertThat((Boolean) baseJaccard.get("worse")).isTrue();
        assertThat(baseJaccard.get("worseWhen")).isEqualTo("higher");
        // every resample of eight positive differences has a positive mean, between the smallest and largest
        assertThat(number(baseJaccard, "ciLow")).isBetween(0.01, 0.045);
        assertThat(number(baseJaccard, "ciHigh")).isBetween(0.045, 0.08);

        Map<String, Object> chatJaccard = row(body, "chat", "jaccard_1");
        // by hand: differences +0.02, −0.02 alternating: mean 0, every assignment reaches |sum| >= 0, p = 1 = q
        assertThat(number(chatJaccard, "difference")).isCloseTo(0, within(DELTA));
        assertThat(number(chatJaccard, "p")).isCloseTo(1, within(DELTA));
        assertThat(number(chatJaccard, "q")).isCloseTo(1, within(DELTA));
        assertThat((Boolean) chatJaccard.get("significant")).isFalse();

        Map<String, Object> basePair = row(body, "base", "pair_jaccard_1");
        // by hand: run a's two samples score 0.2 and 0.4 (mean 0.3 per prompt), run b's 0.5 and 0.3 (mean 0.4):
        // +0.1 on every prompt (p = 2/256, q = 1/64 as above) -> closer to the aligned model, which has no worse way
        assertThat(number(basePair, "meanA")).isCloseTo(0.3, within(DELTA));
        assertThat(number(basePair, "difference")).isCloseTo(0.1, within(DELTA));
        assertThat(number(basePair, "q")).isCloseTo(1.0 / 64, within(DELTA));
        assertThat((Boolean) basePair.get("significant")).isTrue();
        assertThat(basePair.get("direction")).isEqualTo("closer to the aligned model");
        assertThat((Boolean) basePair.get("worse")).isFalse();
        assertThat(basePair.get("worseWhen")).isNull();
    }

    @Test
    void comparingARunWithItselfGivesZeroDifferencesNoneSignificant() {
        seedPairedRuns();

        JsonPath body = compared("a={a}&b={a}", runB, runB);

        List<Map<String, Object>> rows = body.getList("rows");
        assertThat(rows).hasSize(4);
        for (Map<String, Object> row : rows) {
            assertThat(number(row, "difference")).isZero();
            assertThat(number(row, "ciLow")).isZero();
            assertThat(number(row, "ciHigh")).isZero();
            assertThat(number(row, "p")).isEqualTo(1.0);
            assertThat((Boolean) row.get("significant")).isFalse();
            assertThat(row.get("direction")).isEqualTo("no change");
        }
    }

    @Test
    void runsSharingNoPromptAreComparedUnpairedAndVariantsPairedByMap() {
        seedPairedRuns();
        // run c: variant "base-v2" on prompts q1..q3 only (no prompt shared with run a)
        double[] c = {0.30, 0.20, 0.25};
        for (int i = 0; i < c.length; i++) {
            tables().insertSet(runC, "q" + (i + 1), "base-v2", false);
            tables().insertValue(runC, "q" + (i + 1), "base-v2", "jaccard_1", null, null, c[i]);
        }

        JsonPath body = compared("a={a}&b={c}&map=base:base-v2&metrics=jaccard_1", runA, runC);

        List<Map<String, Object>> rows = body.getList("rows");
        assertThat(rows).hasSize(1);
        Map<String, Object> row = rows.get(0);
        assertThat(row.get("variantA")).isEqualTo("base");
        assertThat(row.get("variantB")).isEqualTo("base-v2");
        assertThat((Boolean) row.get("paired")).isFalse();
        assertThat((Integer) row.get("nA")).isEqualTo(8);
        assertThat((Integer) row.get("nB")).isEqualTo(3);
        assertThat((Integer) row.get("n")).isEqualTo(11);
        // by hand: mean(c) 0.25 − mean(BASE_A) 0.115
        assertThat(number(row, "difference")).isCloseTo(0.25 - mean(BASE_A), within(DELTA));
        // every value of c exceeds every value of a: of the C(11, 3) = 165 splits only the observed one (and none
        // more extreme: it moves the three largest values) reaches the observed |difference| -> p = 1/165
        assertThat(number(row, "p")).isCloseTo(1.0 / 165, within(DELTA));
    }

    @Test
    void aMetricListKeepsOnlyThoseMetrics() {
        seedPairedRuns();

        given().when()
                .get("/compare?a={a}&b={b}&metrics=pair_jaccard_1", runA, runB)
                .then()
                .statusCode(200)
                .body("rows.size()", equalTo(2))
                .body("rows[0].metric", equalTo("pair_jaccard_1"))
                .body("rows[1].metric", equalTo("pair_jaccard_1"));
    }

    @Test
    void badInputGetsAProblemBodyNamingTheParameter() {
        seedPairedRuns();
        tables().insertSet(runC, "p1", "other", false);
        tables().insertValue(runC, "p1", "other", "jaccard_1", null, null, 0.5);

        problem("/compare?a=" + runA + "&b=" + prefix + "missing", 404, "b", "unknown to the scorer");
        problem("/compare?a=" + prefix + "missing&b=" + runA, 404, "a", "unknown to the scorer");
        problem("/compare?a=" + runA, 400, "b", "'b' is required");
        problem("/compare?a=" + runA + "&b=" + runC, 400, "map", "a has [base, chat], b has [other]");
        problem("/compare?a=" + runA + "&b=" + runB + "&map=base", 400, "map", "variantOfA:variantOfB");
        problem("/compare?a=" + runA + "&b=" + runB + "&map=nope:base", 400, "map", "'nope'");
        problem("/compare?a=" + runA + "&b=" + runB + "&metrics=no_such_metric", 400, "metrics", "no_such_metric");
        problem("/compare?a=" + runA + "&b=" + runB + "&metrics=jaccard-1", 400, "metrics", "metric names");
        problem("/compare?a=%00&b=" + runB, 400, "a", "control character");
    }

    /** The JSON comparison {@code GET /compare?<query>} answers (200), its numbers read as doubles. */
    private static JsonPath compared(String query, Object... parameters) {
        return given().when()
                .get("/compare?" + query, parameters)
                .then()
                .statusCode(200)
                .contentType(containsString("application/json"))
                .extract()
                .jsonPath()
                .using(DOUBLES);
    }

    private static void problem(String url, int status, String parameter, String detail) {
        given().urlEncodingEnabled(false)
                .when()
                .get(url)
                .then()
                .statusCode(status)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(status))
                .body("detail", containsString(detail))
                .body("errors[0].field", equalTo(parameter));
    }

    /** Runs a and b, variants base and chat, prompts p1..p8, with a per-sample value that must be left out. */
    private void seedPairedRuns() {
        for (int k = 1; k <= 8; k++) {
            String prompt = "p" + k;
            for (String run : List.of(runA, runB)) {
                tables().insertSet(run, prompt, "base", false);
                tables().insertSet(run, prompt, "chat", true);
                tables().insertValue(run, prompt, "base", "length_tokens", 0, null, run.equals(runA) ? 10 : 99);
            }
            tables().insertValue(runA, prompt, "base", "jaccard_1", null, null, BASE_A[k - 1]);
            tables().insertValue(runB, prompt, "base", "jaccard_1", null, null, BASE_A[k - 1] + 0.01 * k);
            tables().insertValue(runA, prompt, "chat", "jaccard_1", null, null, 0.3);
            tables().insertValue(runB, prompt, "chat", "jaccard_1", null, null, k % 2 == 0 ? 0.32 : 0.28);
            for (String variant : List.of("base", "chat")) {
                tables().insertValue(runA, prompt, variant, "pair_jaccard_1", 0, "chat", 0.2);
                tables().insertValue(runA, prompt, variant, "pair_jaccard_1", 1, "chat", 0.4);
                tables().insertValue(
                                runB, prompt, variant, "pair_jaccard_1", 0, "chat", variant.equals("base") ? 0.5 : 0.2);
                tables().insertValue(
                                runB, prompt, variant, "pair_jaccard_1", 1, "chat", variant.equals("base") ? 0.3 : 0.4);
            }
        }
    }

    private static Map<String, Object> row(JsonPath body, String variant, String metric) {
        List<Map<String, Object>> rows = body.getList("rows");
        return rows.stream()
                .filter(r -> variant.equals(r.get("variantA")) && metric.equals(r.get("metric")))
                .findFirst()
                .orElseThrow();
    }

    private static double number(Map<String, Object> row, String field) {
        return ((Number) row.get(field)).doubleValue();
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}

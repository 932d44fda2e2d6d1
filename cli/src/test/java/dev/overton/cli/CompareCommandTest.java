package dev.overton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code overton compare} over real HTTP against {@link FakeServices} answering the scorer's {@code GET /compare}: the
 * table, the query it sends, and the gate's exit codes.
 */
class CompareCommandTest {

    /** base got significantly less diverse on jaccard_1; chat's vendi score fell, not significantly. */
    private static final String COMPARISON = """
            {"a":"old","b":"new","variantsA":["base","chat"],"variantsB":["base","chat"],
             "pairs":[{"a":"base","b":"base"},{"a":"chat","b":"chat"}],
             "rows":[
              {"variantA":"base","variantB":"base","metric":"jaccard_1","paired":true,"n":50,"nA":50,"nB":50,
               "meanA":0.1,"meanB":0.145,"difference":0.045,"ciLow":0.031,"ciHigh":0.059,"p":0.0001,"exactP":false,
               "q":0.0002,"significant":true,"direction":"less diverse","worse":true,"worseWhen":"higher"},
              {"variantA":"chat","variantB":"chat","metric":"embedding_vendi_score","paired":true,"n":50,"nA":50,
               "nB":50,"meanA":2.5,"meanB":2.4,"difference":-0.1,"ciLow":-0.3,"ciHigh":0.1,"p":0.31,"exactP":false,
               "q":0.31,"significant":false,"direction":"less diverse","worse":true,"worseWhen":"lower"},
              {"variantA":"chat","variantB":"chat","metric":"mean_tokens","paired":true,"n":50,"nA":50,"nB":50,
               "meanA":200.0,"meanB":150.0,"difference":-50.0,"ciLow":-60.0,"ciHigh":-40.0,"p":0.0001,
               "exactP":false,"q":0.0002,"significant":true,"direction":"shorter","worse":false,"worseWhen":null}]}
            """;

    @RegisterExtension
    final CliHarness cli = new CliHarness("--scorer");

    @BeforeEach
    void answerTheComparison() {
        cli.services().json("GET /compare?a=old&b=new", 200, COMPARISON);
    }

    @Test
    void printsOneLinePerVariantAndMetricWithSignificantRowsStarred() {
        int exit = cli.run("compare", "old", "new");

        assertThat(exit).as(cli.err()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out())
                .contains("B = new compared with A = old")
                .contains("variant  metric                 n   A         B         B - A [95% CI]                 p ")
                .contains("base     jaccard_1              50  0.1000    0.1450    +0.0450 [+0.0310, +0.0590]"
                        + "     1.0e-04  2.0e-04  less diverse *")
                .contains("chat     embedding_vendi_score  50  2.5000    2.4000    -0.1000 [-0.3000, +0.1000]"
                        + "     0.310    0.310    less diverse\n")
                .contains("chat     mean_tokens            50  200.0000  150.0000  -50.0000 [-60.0000, -40.0000]"
                        + "  1.0e-04  2.0e-04  shorter *")
                .contains("2 of 3 rows significant");
    }

    @Test
    void namesBothRunsWithTheirNamesAndLabelsOnOneLineEach() {
        cli.services()
                .json(
                        "GET /compare?a=old&b=new",
                        200,
                        COMPARISON.replace(
                                "\"b\":\"new\",",
                                "\"b\":\"new\",\"titleA\":{\"name\":\"nightly-1\",\"label\":\"ckpt 1200\"},"
                                        + "\"titleB\":{\"name\":\"nightly-2\",\"label\":\"ckpt\\n1400\"},"));

        int exit = cli.run("compare", "old", "new");

        assertThat(exit).as(cli.err()).isEqualTo(ExitCodes.OK);
        // the label's newline is printed as a space: a label cannot break the line
        assertThat(cli.out())
                .startsWith(
                        "B = new (nightly-2 · label ckpt 1400) compared with A = old (nightly-1 · label ckpt 1200)\n");
    }

    @Test
    void failsWhenAGateMetricGotSignificantlyWorse() {
        int exit = cli.run("compare", "old", "new", "--fail-if-worse", "jaccard_1");

        assertThat(exit).isEqualTo(ExitCodes.FAILED);
        assertThat(cli.out()).contains("WORSE: base jaccard_1: less diverse (+0.0450 [+0.0310, +0.0590], q = 2.0e-04)");
    }

    @Test
    void passesWhenAGateMetricMovedItsWorseWayWithoutSignificance() {
        int exit = cli.run("compare", "old", "new", "--fail-if-worse", "embedding_vendi_score");

        assertThat(exit).as(cli.err()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).doesNotContain("WORSE");
    }

    @Test
    void aGateOnAMetricWithoutAWorseDirectionOrWithoutRowsIsBadInput() {
        assertThat(cli.run("compare", "old", "new", "--fail-if-worse", "mean_tokens"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("--fail-if-worse mean_tokens: the metric has no worse direction");

        assertThat(cli.run("compare", "old", "new", "--fail-if-worse", "distinct_9"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("--fail-if-worse distinct_9: no variant of the two runs has values");
    }

    @Test
    void sendsTheVariantMapAndTheMetricsWithTheGateMetricsAdded() {
        cli.services()
                .json(
                        "GET /compare?a=old&b=new&map=llama-2-chat%3Allama-3-chat&metrics=distinct_2%2Cjaccard_1",
                        200, COMPARISON);

        int exit = cli.run(
                "compare",
                "old",
                "new",
                "--map",
                "llama-2-chat=llama-3-chat",
                "--metrics",
                "distinct_2",
                "--fail-if-worse",
                "jaccard_1");

        assertThat(exit).isEqualTo(ExitCodes.FAILED);
        assertThat(cli.services().requests)
                .containsExactly(
                        "GET /compare?a=old&b=new&map=llama-2-chat%3Allama-3-chat&metrics=distinct_2%2Cjaccard_1");
    }

    @Test
    void aMalformedMapIsAUsageError() {
        assertThat(cli.run("compare", "old", "new", "--map", "llama-2-chat")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--map: expected VARIANT_A=VARIANT_B");
    }

    @Test
    void theScorersProblemIsShownForAnUnknownRunOrABadParameter() {
        cli.services()
                .problem(
                        "GET /compare?a=old&b=gone",
                        404,
                        "{\"title\":\"Unknown run\",\"status\":404,\"detail\":\"run 'gone' (b) is unknown to the"
                                + " scorer\",\"errors\":[{\"field\":\"b\",\"message\":\"run 'gone' (b) is unknown\"}]}");

        assertThat(cli.run("compare", "old", "gone")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("cannot compare old with gone: run 'gone' (b) is unknown to the scorer");
    }
}

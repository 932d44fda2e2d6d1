package dev.overton.reporttests;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.overton.scorer.report.PromptPage;
import dev.overton.scorer.report.ReportPage;

/**
 * The report page in a real browser. The page is rendered from fixed data ({@link ReportSamples}) by the scorer's own
 * renderer, written to {@code target/}, and loaded over {@code file://} in headless Chromium; the DOM Chromium built
 * is checked for the expected plot marks, and a 1280 × 2000 screenshot is kept as a build artifact
 * ({@code target/report-screenshot.png}) and checked for drawn marks in the variants' colours.
 *
 * <p>Needs Debian's {@code chromium} package ({@code apt-get install -y chromium}); without it the tests are skipped
 * with a message saying so.
 */
class ReportBrowserTest {

    private static final Path TARGET = Path.of("target");
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 2000;

    private static HeadlessChromium chromium;
    private static String dom;

    @BeforeAll
    static void renderAndLoad() throws Exception {
        chromium = HeadlessChromium.findOrSkip();
        Path page = Markup.write("report-test/report.html", ReportPage.render(ReportSamples.run()));
        dom = chromium.dumpDom(page.toUri());
    }

    @Test
    void theBrowserBuildsTheWholePageWithVerdictsFirst() {
        assertThat(dom).contains("<title>Overton report · run 3f2c9a1e-report-fixture</title>");
        for (String section : new String[] {
            "questions", "diversity", "similarity", "recovery", "coverage", "judge", "lengths", "aggregates", "prompts"
        }) {
            assertThat(dom).as("section %s", section).contains("<section id=\"" + section + "\"");
        }
        assertThat(section("questions"))
                .contains("llama-2-base is more diverse than llama-2-chat")
                .contains("llama-2-icl-chat-summary recovers llama-2-chat on 1 of 3 measures");
        assertThat(dom.indexOf("id=\"questions\"")).isLessThan(dom.indexOf("id=\"diversity\""));
    }

    @Test
    void everyVariantHasAnIntervalOnEveryDiversityMetric() {
        int variants = ReportSamples.VARIANTS.size();
        int metrics = ReportSamples.DIVERSITY.size();

        assertThat(Markup.count(section("diversity"), "class=\"mark ci-bar\"")).isEqualTo(variants * metrics);
        assertThat(Markup.count(section("diversity"), "class=\"mark point\"")).isEqualTo(variants * metrics);
        assertThat(Markup.count(section("diversity"), "<figure ")).isEqualTo(metrics);
        // question 1: one paired difference per non-reference variant, with the zero line
        assertThat(Markup.count(section("questions"), "class=\"mark ci-bar\"")).isEqualTo(variants - 1);
        assertThat(Markup.count(section("questions"), "class=\"ref-line zero\""))
                .isEqualTo(1);
    }

    @Test
    void similarityChartsDrawTheAlignedCeiling() {
        int others = ReportSamples.VARIANTS.size() - 1;
        int measures = ReportSamples.PAIRS.size();

        assertThat(Markup.count(section("similarity"), "class=\"mark ci-bar\"")).isEqualTo(others * measures);
        assertThat(Markup.count(section("similarity"), "class=\"ref-line ceiling\""))
                .isEqualTo(measures);
        assertThat(Markup.count(section("similarity"), "class=\"ref-band ceiling\""))
                .isEqualTo(measures);
        assertThat(section("similarity")).contains("aligned vs aligned (ceiling)");
        assertThat(Markup.count(section("recovery"), "class=\"ref-line parity\""))
                .isEqualTo(measures);
        assertThat(Markup.count(section("recovery"), "class=\"mark ci-bar\"")).isEqualTo(others * measures);
    }

    @Test
    void coverageAndJudgeDistributionsAreDrawn() {
        // overton_coverage_aligned for 3 variants, overton_coverage_base_self for the base
        assertThat(Markup.count(section("coverage"), "class=\"mark box\"")).isEqualTo(3 + 1);
        // judge_helpfulness scores 1-5: one bar per (score, variant), empty bins included
        String judge = section("judge");
        assertThat(distinct(judge, "data-bin")).isEqualTo(5);
        assertThat(Markup.count(judge, "class=\"mark hist-bar\"")).isEqualTo(5 * ReportSamples.VARIANTS.size());
        assertThat(Markup.count(section("lengths"), "class=\"mark box\"")).isEqualTo(ReportSamples.VARIANTS.size());
    }

    @Test
    void theScreenshotShowsTheMarksInTheVariantsColours() throws Exception {
        Path png = TARGET.resolve("report-screenshot.png");
        chromium.screenshot(TARGET.resolve("report-test/report.html").toUri(), png, WIDTH, HEIGHT);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(WIDTH);
        assertThat(image.getHeight()).isEqualTo(HEIGHT);
        // the reference's vermillion and the base's blue are only used by plot marks and swatches
        assertThat(Pixels.near(image, 0xD55E00, 12)).as("vermillion pixels").isGreaterThan(200);
        assertThat(Pixels.near(image, 0x0072B2, 12)).as("blue pixels").isGreaterThan(200);
        assertThat(nonBackground(image)).as("share of drawn pixels").isGreaterThan(0.05);
    }

    @Test
    void thePromptPageShowsResponsesSideBySideAsText() throws Exception {
        Path page = Markup.write("report-test/prompt.html", PromptPage.render(ReportSamples.prompt()));
        String promptDom = chromium.dumpDom(page.toUri());

        assertThat(Markup.count(promptDom, "class=\"set\"")).isEqualTo(3);
        assertThat(promptDom)
                .contains("&lt;script&gt;alert('not run')&lt;/script&gt; Zinc may help.")
                .doesNotContain("<script>")
                .contains("Generation failed: HTTP 400: prompt too long &lt;4096&gt;");
        chromium.screenshot(page.toUri(), TARGET.resolve("prompt-screenshot.png"), WIDTH, 900);
    }

    private static int distinct(String markup, String attribute) {
        Matcher m = Pattern.compile(attribute + "=\"([^\"]+)\"").matcher(markup);
        java.util.Set<String> values = new java.util.HashSet<>();
        while (m.find()) {
            values.add(m.group(1));
        }
        return values.size();
    }

    private static String section(String id) {
        return Markup.section(dom, id);
    }

    private static double nonBackground(BufferedImage image) {
        int background = image.getRGB(2, image.getHeight() - 2);
        long all = (long) image.getWidth() * image.getHeight();
        return (double) (all - Pixels.near(image, background, 6)) / all;
    }
}

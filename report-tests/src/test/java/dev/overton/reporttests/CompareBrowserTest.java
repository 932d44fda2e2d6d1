package dev.overton.reporttests;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.overton.metrics.stats.DifferenceTest;
import dev.overton.scorer.compare.CompareQuery;
import dev.overton.scorer.compare.Comparison;
import dev.overton.scorer.compare.PromptValue;
import dev.overton.scorer.compare.RunComparison;
import dev.overton.scorer.report.ComparePage;

/**
 * The comparison page ({@code GET /compare} as HTML) in a real browser. Two runs' values are made up (seeded), compared
 * by the scorer's own {@link RunComparison}, rendered by its renderer, written to {@code target/} and loaded over
 * {@code file://} in headless Chromium; the DOM Chromium built is checked for the forest plots' marks, and a 1280 ×
 * 1400 screenshot is kept ({@code target/compare-screenshot.png}) and checked for drawn marks.
 *
 * <p>Needs Debian's {@code chromium} package; without it the tests are skipped with a message saying so.
 */
class CompareBrowserTest {

    private static final Path TARGET = Path.of("target");
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 1400;

    static final String HOSTILE = "<script>alert('x')</script>";
    static final List<String> VARIANTS = List.of("llama-2-base", "llama-2-chat", HOSTILE);
    static final List<String> METRICS = List.of("jaccard_1", "distinct_2", "pair_jaccard_1");
    static final int PROMPTS = 40;

    private static HeadlessChromium chromium;
    private static Comparison comparison;
    private static Path page;
    private static String dom;

    @BeforeAll
    static void renderAndLoad() throws Exception {
        chromium = HeadlessChromium.findOrSkip();
        comparison = compare();
        page = Markup.write("compare-test/compare.html", ComparePage.render(ComparePage.view(comparison)));
        dom = chromium.dumpDom(page.toUri());
    }

    @Test
    void theBrowserBuildsAForestPlotPerMetricWithARowPerVariantPair() {
        assertThat(dom).contains("<title>Overton comparison · run-b vs run-a</title>");
        String forest = section("forest");
        assertThat(Markup.count(forest, "<figure ")).isEqualTo(METRICS.size());
        assertThat(Markup.count(forest, "class=\"ref-line zero\"")).isEqualTo(METRICS.size());
        assertThat(Markup.count(forest, "class=\"mark point\"")).isEqualTo(VARIANTS.size() * METRICS.size());
        assertThat(Markup.count(forest, "class=\"mark ci-bar\"")).isEqualTo(VARIANTS.size() * METRICS.size());
        assertThat(Markup.count(section("table"), "<tr class=")).isEqualTo(VARIANTS.size() * METRICS.size());
    }

    @Test
    void significantRowsAreMarkedAndDirectionsWritten() {
        long significant =
                comparison.rows().stream().filter(r -> r.significant()).count();
        // the base's jaccard_1 rose by 0.05 on every prompt (noise 0.01): significant, "less diverse"
        assertThat(comparison.rows().stream()
                        .filter(r -> r.variantA().equals("llama-2-base")
                                && r.metric().equals("jaccard_1"))
                        .findFirst()
                        .orElseThrow()
                        .significant())
                .isTrue();
        assertThat(significant).isPositive();
        String forest = section("forest");
        assertThat(Markup.count(forest, "data-significant=\"true\"")).isEqualTo((int) significant);
        assertThat(forest).contains("★ llama-2-base").contains("less diverse");
        assertThat(section("table")).contains("★ llama-2-base");
        assertThat(dom).contains(significant + " of " + comparison.rows().size() + " differences significant");
    }

    @Test
    void aHostileVariantNameIsTextNotMarkup() {
        assertThat(dom).doesNotContain("<script").contains("&lt;script&gt;alert('x')&lt;/script&gt;");
    }

    @Test
    void theProblemPageIsPlainTextInTheReportStyle() throws Exception {
        Path problem = Markup.write(
                "compare-test/problem.html",
                ComparePage.render(new ComparePage.Problem(
                        400, "Invalid comparison", "no common variant: a has [<b>x</b>], b has [y]", "map")));
        String problemDom = chromium.dumpDom(problem.toUri());
        assertThat(problemDom)
                .contains("data-status=\"400\"")
                .contains("a has [&lt;b&gt;x&lt;/b&gt;]")
                .doesNotContain("<b>x");
    }

    @Test
    void theScreenshotShowsTheMarks() throws Exception {
        Path png = TARGET.resolve("compare-screenshot.png");
        chromium.screenshot(page.toUri(), png, WIDTH, HEIGHT);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(WIDTH);
        // vermillion: differences pointing the worse way; blue: the others
        assertThat(Pixels.near(image, 0xD55E00, 12)).as("vermillion pixels").isGreaterThan(100);
        assertThat(Pixels.near(image, 0x0072B2, 12)).as("blue pixels").isGreaterThan(100);
    }

    /** Run a and run b over the same prompts; b's base is less diverse, everything else moves by noise only. */
    private static Comparison compare() {
        Random random = new Random(42);
        List<PromptValue> a = new ArrayList<>();
        List<PromptValue> b = new ArrayList<>();
        Map<String, Double> shift = Map.of("llama-2-base|jaccard_1", 0.05, "llama-2-base|distinct_2", -0.04);
        for (String variant : VARIANTS) {
            for (String metric : METRICS) {
                double delta = shift.getOrDefault(variant + "|" + metric, 0.0);
                for (int p = 1; p <= PROMPTS; p++) {
                    double value = 0.3 + 0.1 * random.nextDouble();
                    a.add(new PromptValue(variant, metric, String.valueOf(p), value));
                    b.add(new PromptValue(
                            variant, metric, String.valueOf(p), value + delta + 0.01 * random.nextGaussian()));
                }
            }
        }
        CompareQuery query = CompareQuery.parse("run-a", "run-b", null, null);
        return RunComparison.compare(query, a, b, new DifferenceTest.Settings(0.95, 1000, 999, 7L));
    }

    private static String section(String id) {
        return Markup.section(dom, id);
    }
}

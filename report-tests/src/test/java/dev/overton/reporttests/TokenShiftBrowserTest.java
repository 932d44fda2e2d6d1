package dev.overton.reporttests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import dev.overton.scorer.report.ReportPage;
import dev.overton.scorer.report.rest.ReportResource;
import dev.overton.scorer.tokenshift.TokenShiftSummary;
import dev.overton.scorer.tokenshift.TokenShiftSummary.Aggregate;
import dev.overton.scorer.tokenshift.TokenShiftSummary.ContextSummary;
import dev.overton.scorer.tokenshift.TokenShiftSummary.ExampleToken;
import dev.overton.scorer.tokenshift.TokenShiftSummary.TokenCount;
import dev.overton.scorer.tokenshift.TokenShiftValues;

/**
 * The report's token-shift section in a real browser. The report of {@link ReportSamples} with a hand-built token
 * shift (two contexts, {@code plain} and an icl variant, with known shares, recovery, position profile, top shifted
 * tokens and an example answer) is rendered by the scorer's own {@link ReportPage} and served from a small local HTTP
 * server under the report's real Content-Security-Policy; one headless Chromium, driven over the DevTools protocol,
 * loads it and reads what it built: the shares per context in the table and in the stacked bars (laid out in
 * proportion), the recovery, the profile's points, the top tokens' exact texts, and the example answer, whose token
 * spans carry their shift class and whose visible text is the answer exactly, whitespace kept. A {@code <script>}
 * token is text, and the page has no script. The section's screenshot is kept ({@code
 * target/token-shift-screenshot.png}).
 *
 * <p>Needs Debian's {@code chromium} package; without it the test is skipped with a message saying so.
 */
class TokenShiftBrowserTest {

    static final String PLAIN = "plain";
    static final String ICL = ReportSamples.ICL;
    static final String SCRIPT = "<script>document.title='ran'</script>";

    /** Per context: unshifted, marginal, shifted as (mean, low, high). */
    static final Map<String, double[][]> SHARES = Map.of(
            PLAIN, new double[][] {{0.62, 0.55, 0.69}, {0.18, 0.14, 0.22}, {0.20, 0.15, 0.26}},
            ICL, new double[][] {{0.81, 0.76, 0.86}, {0.12, 0.09, 0.15}, {0.07, 0.04, 0.10}});

    static final List<String> SHARE_NAMES =
            List.of(TokenShiftValues.UNSHIFTED, TokenShiftValues.MARGINAL, TokenShiftValues.SHIFTED);
    static final List<String> CLASSES = List.of("unshifted", "marginal", "shifted");

    /** The icl context's recovery: 1 − 0.07 / 0.20 = 0.65. */
    static final TokenShiftSummary.Recovery RECOVERY = new TokenShiftSummary.Recovery(0.65, 0.41, 0.83, 12, null);

    static final List<Double> PLAIN_PROFILE = Arrays.asList(0.45, 0.30, 0.25, 0.20, 0.15, 0.12, 0.10, null, 0.08, 0.05);
    static final List<Double> ICL_PROFILE = Arrays.asList(0.20, 0.10, 0.05, 0.05, 0.04, 0.03, 0.02, null, 0.02, 0.01);

    static final List<TokenCount> PLAIN_TOP = List.of(
            new TokenCount(SCRIPT, 6, 0.30),
            new TokenCount("🍵", 4, 0.20),
            new TokenCount(" Sure", 3, 0.15),
            new TokenCount("\n\n", 2, 0.10));
    static final List<TokenCount> ICL_TOP = List.of(new TokenCount(" Sure", 1, 1.0));

    /** The example, as (text, rank): rank 1 unshifted, 2–3 marginal, above 3 shifted (6 = outside the top 5). */
    static final List<ExampleToken> EXAMPLE = List.of(
            token("Sure", 1),
            token("!", 7),
            token(" Here", 2),
            token(" are", 1),
            token(" two", 1),
            token(" tips", 3),
            token(":", 1),
            token("\n", 1),
            token("1.", 1),
            token("  Rest", 6),
            token(" 🍵", 9),
            token("\n", 1),
            token("2.", 1),
            token(SCRIPT, 6),
            token(" Fluids", 2),
            token(".", 1));

    @RegisterExtension
    static final ServedPages pages = new ServedPages(TokenShiftBrowserTest::answer);

    /** Serves the report with the token-shift section under the report's policy; every other path is 404. */
    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().add("Content-Security-Policy", ReportResource.CONTENT_SECURITY_POLICY);
            if (exchange.getRequestURI().getPath().endsWith("/report")) {
                LocalPages.sendHtml(
                        exchange, 200, ReportPage.render(ReportSamples.run().withTokenShift(summary())));
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    @Test
    void theSectionShowsTheSharesTopTokensAndTheExampleColouredByClassAsText() throws Exception {
        JsonNode s;
        Path png = Path.of("target", "token-shift-screenshot.png");
        try (DevToolsSession browser = pages.chromium().drive()) {
            browser.navigate(pages.root().resolve("/runs/3f2c9a1e-report-fixture/report"));
            s = browser.value(READ_SECTION);
            browser.screenshot("section#token-shift", png);
        }
        assertThat(s.isNull()).as("section#token-shift in the page").isFalse();

        // the table: per context its three shares with their intervals, as given; recovery for the icl context only
        List<String> headers = texts(s.get("headers"));
        for (String context : List.of(PLAIN, ICL)) {
            List<String> cells = texts(s.get("rows").get(context));
            assertThat(cells).as("row of %s", context).hasSameSizeAs(headers);
            for (int c = 0; c < SHARE_NAMES.size(); c++) {
                double[] share = SHARES.get(context)[c];
                assertThat(cells.get(headers.indexOf(SHARE_NAMES.get(c))))
                        .as("%s %s", context, SHARE_NAMES.get(c))
                        .isEqualTo(String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", share[0], share[1], share[2]));
            }
            assertThat(cells.get(headers.indexOf("answers scored"))).isEqualTo("12");
        }
        assertThat(texts(s.get("rows").get(PLAIN))).last().isEqualTo("(the baseline)");
        assertThat(texts(s.get("rows").get(ICL))).last().isEqualTo("0.650 [0.410, 0.830]");
        assertThat(s.get("recovery")).hasSize(1);
        assertThat(s.get("recovery").get(0).get("variant").asText()).isEqualTo(ICL);
        assertThat(s.get("recovery").get(0).get("value").asDouble()).isEqualTo(RECOVERY.recovery());

        // the stacked bars: each class's exact share, drawn as that share of the row's width
        for (String context : List.of(PLAIN, ICL)) {
            Map<String, JsonNode> bars = new HashMap<>();
            s.get("bars").forEach(b -> {
                if (b.get("context").asText().equals(context)) {
                    bars.put(b.get("shift").asText(), b);
                }
            });
            assertThat(bars).as("bars of %s", context).containsOnlyKeys(CLASSES);
            double total = bars.values().stream()
                    .mapToDouble(b -> b.get("width").asDouble())
                    .sum();
            double shares =
                    Arrays.stream(SHARES.get(context)).mapToDouble(v -> v[0]).sum();
            for (int c = 0; c < CLASSES.size(); c++) {
                JsonNode bar = bars.get(CLASSES.get(c));
                assertThat(bar.get("value").asDouble()).isEqualTo(SHARES.get(context)[c][0]);
                assertThat(bar.get("width").asDouble() / total)
                        .as("%s %s width", context, CLASSES.get(c))
                        .isCloseTo(SHARES.get(context)[c][0] / shares, within(0.01));
            }
        }

        // the position profile: one point per bin that has a share, none for the empty eighth tenth
        assertThat(profile(s.get("profile"), PLAIN)).isEqualTo(bins(PLAIN_PROFILE));
        assertThat(profile(s.get("profile"), ICL)).isEqualTo(bins(ICL_PROFILE));

        // the top tokens: exact texts (leading space, emoji, newlines, markup), code points, counts and shares
        JsonNode plainTop = s.get("top").get(PLAIN);
        assertThat(plainTop).hasSize(PLAIN_TOP.size());
        for (int i = 0; i < PLAIN_TOP.size(); i++) {
            TokenCount expected = PLAIN_TOP.get(i);
            JsonNode row = plainTop.get(i);
            assertThat(row.get("text").asText()).isEqualTo(expected.text());
            assertThat(row.get("count").asText()).isEqualTo(String.valueOf(expected.count()));
            assertThat(row.get("share").asText()).isEqualTo(String.format(Locale.ROOT, "%.3f", expected.share()));
        }
        assertThat(plainTop.get(1).get("codePoints").asText()).isEqualTo("U+1F375");
        assertThat(plainTop.get(2).get("codePoints").asText()).isEqualTo("U+0020 U+0053 U+0075 U+0072 U+0065");
        assertThat(plainTop.get(3).get("codePoints").asText()).isEqualTo("U+000A U+000A");
        assertThat(s.get("top").get(ICL).get(0).get("text").asText()).isEqualTo(" Sure");

        // the example: one span per token in order, of its class; per class as many spans as the answer has tokens
        JsonNode example = s.get("example");
        assertThat(example.get("context").asText()).isEqualTo(PLAIN);
        assertThat(example.get("children").asInt()).isEqualTo(EXAMPLE.size());
        JsonNode spans = example.get("spans");
        Map<String, Long> expectedCounts =
                EXAMPLE.stream().collect(Collectors.groupingBy(ExampleToken::shift, Collectors.counting()));
        Map<String, Long> shownCounts = new HashMap<>();
        Map<String, String> backgrounds = new HashMap<>();
        for (int i = 0; i < EXAMPLE.size(); i++) {
            ExampleToken token = EXAMPLE.get(i);
            JsonNode span = spans.get(i);
            assertThat(span.get("className").asText()).isEqualTo("tok tok-" + token.shift());
            assertThat(span.get("shift").asText()).isEqualTo(token.shift());
            assertThat(span.get("text").asText()).isEqualTo(token.text());
            assertThat(span.get("title").asText()).startsWith("rank " + token.rank() + " · ");
            shownCounts.merge(token.shift(), 1L, Long::sum);
            backgrounds.merge(token.shift(), span.get("background").asText(), (a, b) -> {
                assertThat(b).as("one background per class").isEqualTo(a);
                return a;
            });
        }
        assertThat(shownCounts).isEqualTo(expectedCounts).containsOnlyKeys(CLASSES);
        assertThat(new HashSet<>(backgrounds.values())).as("a colour per class").hasSize(3);
        String answer = EXAMPLE.stream().map(ExampleToken::text).collect(Collectors.joining());
        assertThat(example.get("visible").asText()).as("what the reader sees").isEqualTo(answer);

        // the <script> token is text: no script element, the title the page's own
        assertThat(s.get("scripts").asInt()).isZero();
        assertThat(s.get("title").asText()).isEqualTo("Overton report · run 3f2c9a1e-report-fixture");

        // the screenshot shows the three classes' colours (kept for a reader of the build)
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isGreaterThan(600);
        for (String shift : CLASSES) {
            assertThat(Pixels.near(image, rgb(backgrounds.get(shift)), 0))
                    .as("%s pixels", shift)
                    .isGreaterThan(50);
        }
    }

    /** Reads the section as the browser laid it out; {@code null} without the section. */
    private static final String READ_SECTION = "(() => {"
            + " const s = document.querySelector('section#token-shift'); if (!s) return null;"
            + " const all = (e, q) => Array.from(e.querySelectorAll(q));"
            + " const rows = {};"
            + " all(s, 'table.token-shift-table tbody tr').forEach(tr =>"
            + "   rows[tr.dataset.context] = Array.from(tr.cells).map(c => c.innerText));"
            + " const top = {};"
            + " all(s, 'table.top-tokens').forEach(t => top[t.dataset.context] = all(t, 'tbody tr').map(tr =>"
            + "   ({text: tr.querySelector('code').textContent, codePoints: tr.querySelector('code').title,"
            + "     count: tr.cells[1].innerText, share: tr.cells[2].innerText})));"
            + " const ex = s.querySelector('p.token-example');"
            + " return {"
            + "  headers: all(s, 'table.token-shift-table thead th').map(h => h.textContent), rows, top,"
            + "  bars: all(s, 'rect.mark.share').map(r => ({context: r.dataset.context, shift: r.classList[2],"
            + "    value: r.dataset.value, width: r.getBoundingClientRect().width})),"
            + "  profile: all(s, 'circle.mark.profile-point').map(c =>"
            + "    ({context: c.dataset.context, bin: Number(c.dataset.bin), value: c.dataset.value})),"
            + "  recovery: all(s, 'circle.mark.point[data-metric=\"token_shift_recovery\"]').map(c =>"
            + "    ({variant: c.dataset.variant, value: c.dataset.value})),"
            + "  example: {context: ex.dataset.context, visible: ex.innerText, children: ex.childNodes.length,"
            + "    spans: all(ex, 'span').map(e => ({className: e.className, shift: e.dataset.shift,"
            + "      text: e.textContent, title: e.title, background: getComputedStyle(e).backgroundColor}))},"
            + "  scripts: document.querySelectorAll('script').length, title: document.title};"
            + "})()";

    /** The hand-built summary: 12 prompts scored per context, the plain answer of prompt 7 as the example. */
    static TokenShiftSummary summary() {
        return new TokenShiftSummary(
                "3f2c9a1e-report-fixture",
                ReportSamples.BASE,
                ReportSamples.CHAT,
                1,
                5,
                List.of(
                        context(PLAIN, ReportSamples.BASE, -1.234, null, PLAIN_PROFILE, PLAIN_TOP),
                        context(ICL, ICL, -0.8, RECOVERY, ICL_PROFILE, ICL_TOP)),
                new TokenShiftSummary.ExampleAnswer("7", 0, PLAIN, 0.25, EXAMPLE));
    }

    private static ContextSummary context(
            String context,
            String variant,
            double logprob,
            TokenShiftSummary.Recovery recovery,
            List<Double> profile,
            List<TokenCount> top) {
        List<Aggregate> values = new ArrayList<>();
        double[][] shares = SHARES.get(context);
        for (int c = 0; c < SHARE_NAMES.size(); c++) {
            values.add(new Aggregate(SHARE_NAMES.get(c), shares[c][0], shares[c][1], shares[c][2], 12));
        }
        values.add(new Aggregate(TokenShiftValues.MEAN_LOGPROB, logprob, logprob - 0.1, logprob + 0.1, 12));
        values.add(new Aggregate(TokenShiftValues.SHIFTED_EARLY, profile.get(0), null, null, 12));
        values.add(new Aggregate(TokenShiftValues.SHIFTED_REST, shares[2][0], null, null, 12));
        return new ContextSummary(context, variant, 12, 0, List.of(), values, recovery, profile, top);
    }

    private static ExampleToken token(String text, int rank) {
        String shift = rank == 1 ? "unshifted" : rank <= 3 ? "marginal" : "shifted";
        return new ExampleToken(text, -0.5 * rank, rank, shift);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The profile points of {@code context} as bin → value. */
    private static Map<Integer, Double> profile(JsonNode points, String context) {
        Map<Integer, Double> out = new LinkedHashMap<>();
        points.forEach(p -> {
            if (p.get("context").asText().equals(context)) {
                out.put(p.get("bin").asInt(), p.get("value").asDouble());
            }
        });
        return out;
    }

    private static Map<Integer, Double> bins(List<Double> profile) {
        Map<Integer, Double> out = new LinkedHashMap<>();
        for (int bin = 0; bin < profile.size(); bin++) {
            if (profile.get(bin) != null) {
                out.put(bin, profile.get(bin));
            }
        }
        return out;
    }

    /** {@code rgb(246, 201, 173)} as {@code 0xF6C9AD}. */
    private static int rgb(String css) {
        int[] c = Arrays.stream(css.replaceAll("[^0-9,]", "").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        return (c[0] << 16) | (c[1] << 8) | c[2];
    }
}

package dev.overton.reporttests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.sun.net.httpserver.HttpExchange;

import dev.overton.metrics.stats.DifferenceTest;
import dev.overton.scorer.catalog.RunTitle;
import dev.overton.scorer.catalog.RunsPage;
import dev.overton.scorer.catalog.persistence.CatalogStore.CatalogRun;
import dev.overton.scorer.compare.CompareProblem;
import dev.overton.scorer.compare.CompareQuery;
import dev.overton.scorer.compare.PromptValue;
import dev.overton.scorer.compare.RunComparison;
import dev.overton.scorer.compare.TickedRuns;
import dev.overton.scorer.report.ComparePage;

/**
 * The runs page ({@code /}) in a real browser, used as a person would: Chromium loads it over HTTP from a small local
 * server that answers with the scorer's own renderers ({@link RunsPage}, {@link ComparePage}) and its own handling of
 * ticked runs ({@link TickedRuns}; the service orders them by the catalog's creation time, this server by the same
 * runs' {@code createdAt}), under the page's real Content-Security-Policy, which forbids every script. The test ticks
 * two check boxes and presses Compare with real mouse events over the DevTools protocol ({@link DevToolsSession}),
 * then checks where the browser landed: the comparison of the older run with the newer one, both labels shown.
 *
 * <p>Needs Debian's {@code chromium} package; without it the tests are skipped with a message saying so.
 */
class RunsPageBrowserTest {

    static final String HOSTILE = "<script>alert('x')</script>";

    /** Newest first, as {@code CatalogStore.newest} gives them. */
    static final List<CatalogRun> RUNS = List.of(
            run("run-3", HOSTILE, "\"><b>label</b>", "2026-03-03T09:00:00Z", 2),
            run("run-2", "nightly-0302", "llama-3.1-8b ckpt 1400", "2026-03-02T09:00:00Z", 5),
            run("run-1", "nightly-0301", "llama-3.1-8b ckpt 1200", "2026-03-01T09:00:00Z", 8));

    static final List<String> VARIANTS = List.of("base", "chat");
    static final List<String> METRICS = List.of("jaccard_1", "distinct_2");

    @RegisterExtension
    static final ServedPages pages = new ServedPages(RunsPageBrowserTest::answer);

    private static final List<String> requests = new CopyOnWriteArrayList<>();

    @Test
    void theRunsPageListsRunsNewestFirstWithLabelStatusProgressAndReportLinks() throws Exception {
        String dom;
        try (DevToolsSession browser = pages.chromium().drive()) {
            browser.navigate(pages.root());
            dom = browser.html();
        }
        assertThat(dom).contains("<h1>Overton runs</h1>");
        assertThat(rowIds(dom)).containsExactly("run-3", "run-2", "run-1");
        String nightly = row(dom, "run-2");
        assertThat(nightly)
                .contains(">nightly-0302<")
                .contains(">llama-3.1-8b ckpt 1400<")
                .contains(">in progress<")
                .contains(">5 / 8 sets<")
                .contains("<a href=\"/runs/run-2/report\">report</a>")
                .contains("type=\"checkbox\" name=\"run\" value=\"run-2\"");
        assertThat(row(dom, "run-1")).contains(">complete<").contains(">8 / 8 sets<");
        // the browser built text from the hostile name and label, not elements
        assertThat(row(dom, "run-3"))
                .contains("&lt;script&gt;alert('x')&lt;/script&gt;")
                .contains("\"&gt;&lt;b&gt;label&lt;/b&gt;")
                .doesNotContain("<script")
                .doesNotContain("<b>");
    }

    @Test
    void tickingTwoRunsAndPressingCompareOpensTheOlderRunsComparisonWithTheNewer() throws Exception {
        requests.clear();
        String landed;
        String dom;
        try (DevToolsSession browser = pages.chromium().drive()) {
            browser.navigate(pages.root());
            // the newer run first, as a reader would tick down the list
            browser.click("input[value=\"run-2\"]");
            browser.click("input[value=\"run-1\"]");
            assertThat(browser.checked("input[value=\"run-2\"]")).isTrue();
            assertThat(browser.checked("input[value=\"run-1\"]")).isTrue();
            assertThat(browser.checked("input[value=\"run-3\"]")).isFalse();
            landed = browser.clickAndAwaitPage("#compare", url -> url.contains("/compare?a="));
            dom = browser.html();
        }
        // the form sent the two ticked runs, the server redirected to their comparison, older run as baseline
        assertThat(requests).contains("/compare?run=run-2&run=run-1");
        assertThat(landed)
                .isEqualTo(pages.root().resolve("/compare?a=run-1&b=run-2").toString());
        assertThat(dom).contains("<title>Overton comparison · run-2 vs run-1</title>");
        String runA = element(dom, "<li id=\"run-a\">", "</li>");
        String runB = element(dom, "<li id=\"run-b\">", "</li>");
        assertThat(runA).contains("run-1").contains("nightly-0301").contains("llama-3.1-8b ckpt 1200");
        assertThat(runB).contains("run-2").contains("nightly-0302").contains("llama-3.1-8b ckpt 1400");
        assertThat(Markup.count(dom, "class=\"mark point\"")).isEqualTo(VARIANTS.size() * METRICS.size());
    }

    @Test
    void tickingOneRunAnswersAProblemNamingTheParameter() throws Exception {
        String dom;
        try (DevToolsSession browser = pages.chromium().drive()) {
            browser.navigate(pages.root());
            browser.click("input[value=\"run-3\"]");
            browser.clickAndAwaitPage("#compare", url -> url.contains("/compare?run="));
            dom = browser.html();
        }
        assertThat(dom)
                .contains("data-status=\"400\"")
                .contains("data-parameter=\"run\"")
                .contains("tick exactly two runs to compare: 1 different runs were ticked");
    }

    /** Serves {@code /} and {@code /compare} as the scorer does. */
    private static void answer(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        requests.add(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        Map<String, List<String>> query = query(uri.getRawQuery());
        try (exchange) {
            if (uri.getPath().equals("/")) {
                exchange.getResponseHeaders().add("Content-Security-Policy", RunsPage.CONTENT_SECURITY_POLICY);
                LocalPages.sendHtml(exchange, 200, RunsPage.render(RunsPage.view(RUNS)));
            } else if (uri.getPath().equals("/compare") && !query.containsKey("a")) {
                try {
                    List<String> ticked = TickedRuns.check(query.get(TickedRuns.PARAMETER), null, null);
                    List<String> oldestFirst = ticked.stream()
                            .sorted(Comparator.comparing(id -> byId().get(id).createdAt()))
                            .toList();
                    exchange.getResponseHeaders().add("Location", TickedRuns.location(oldestFirst, null, null));
                    exchange.sendResponseHeaders(303, -1);
                } catch (CompareProblem e) {
                    LocalPages.sendHtml(
                            exchange,
                            e.status(),
                            ComparePage.render(new ComparePage.Problem(
                                    e.status(), "Invalid comparison", e.getMessage(), e.parameter())));
                }
            } else if (uri.getPath().equals("/compare")) {
                String a = query.get("a").get(0);
                String b = query.get("b").get(0);
                var comparison = RunComparison.compare(
                        CompareQuery.parse(a, b, null, null),
                        values(a),
                        values(b),
                        new DifferenceTest.Settings(0.95, 500, 499, 7L));
                LocalPages.sendHtml(
                        exchange, 200, ComparePage.render(ComparePage.view(comparison.titled(title(a), title(b)))));
            } else {
                LocalPages.sendHtml(exchange, 404, "not found");
            }
        }
    }

    private static Map<String, List<String>> query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        return java.util.Arrays.stream(raw.split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.groupingBy(
                        kv -> URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        Collectors.mapping(
                                kv -> kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8),
                                Collectors.toList())));
    }

    /** Made-up per-prompt values of a run (seeded by its id). */
    private static List<PromptValue> values(String run) {
        Random random = new Random(run.hashCode());
        List<PromptValue> values = new ArrayList<>();
        for (String variant : VARIANTS) {
            for (String metric : METRICS) {
                for (int p = 0; p < 20; p++) {
                    values.add(new PromptValue(variant, metric, String.valueOf(p), 0.3 + 0.1 * random.nextDouble()));
                }
            }
        }
        return values;
    }

    private static Map<String, CatalogRun> byId() {
        return RUNS.stream().collect(Collectors.toMap(CatalogRun::runId, Function.identity()));
    }

    private static RunTitle title(String run) {
        CatalogRun known = byId().get(run);
        return known == null ? RunTitle.UNKNOWN : new RunTitle(known.name(), known.label());
    }

    private static CatalogRun run(String id, String name, String label, String createdAt, long storedSets) {
        return new CatalogRun(
                id, name, label, "chat", 4, List.of("base", "chat"), Instant.parse(createdAt), storedSets);
    }

    private static List<String> rowIds(String dom) {
        List<String> ids = new ArrayList<>();
        int at = 0;
        while ((at = dom.indexOf("<tr data-run=\"", at)) >= 0) {
            at += "<tr data-run=\"".length();
            ids.add(dom.substring(at, dom.indexOf('"', at)));
        }
        return ids;
    }

    private static String row(String dom, String id) {
        return element(dom, "<tr data-run=\"" + id + "\"", "</tr>");
    }

    private static String element(String dom, String start, String end) {
        int from = dom.indexOf(start);
        assertThat(from).as("%s in the DOM", start).isNotNegative();
        return dom.substring(from, dom.indexOf(end, from));
    }
}

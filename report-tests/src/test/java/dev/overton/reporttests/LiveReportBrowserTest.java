package dev.overton.reporttests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * A live report, served by a running scorer, in the browser: run with {@code
 * -Doverton.report.url=http://127.0.0.1:8082/runs/<id>/report} after a run completed (e.g. after {@code bin/overton
 * demo}). Starts nothing; skipped unless the URL is given. Keeps {@code target/report-live-screenshot.png}.
 */
class LiveReportBrowserTest {

    @Test
    void aLiveReportRendersWithPlots() throws Exception {
        String url = System.getProperty("overton.report.url", "");
        assumeTrue(!url.isBlank(), "no live report: give -Doverton.report.url=http://127.0.0.1:8082/runs/<id>/report");
        HeadlessChromium chromium = HeadlessChromium.findOrSkip();

        String dom = chromium.dumpDom(URI.create(url));

        assertThat(dom).contains("<h1>Overton report</h1>").contains("<section id=\"questions\"");
        assertThat(Markup.count(dom, "class=\"mark ci-bar\"")).isPositive();
        assertThat(dom).contains("class=\"ref-line ceiling\"");
        chromium.screenshot(URI.create(url), Path.of("target", "report-live-screenshot.png"), 1280, 2000);
    }
}

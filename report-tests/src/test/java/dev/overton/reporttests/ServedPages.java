package dev.overton.reporttests;

import java.io.IOException;
import java.net.URI;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.sun.net.httpserver.HttpHandler;

/**
 * A headless Chromium and a {@link LocalPages} server answering with one handler, for the browser tests whose pages
 * must be served rather than opened as files (forms and redirects, or the service's Content-Security-Policy header,
 * which only an HTTP answer carries). Registered as a static {@code @RegisterExtension} field: before the class's tests
 * it finds Chromium (or skips the class, saying why) and starts the server; after them it stops the server.
 */
final class ServedPages implements BeforeAllCallback, AfterAllCallback {

    private final HttpHandler handler;
    private HeadlessChromium chromium;
    private LocalPages server;

    ServedPages(HttpHandler handler) {
        this.handler = handler;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        chromium = HeadlessChromium.findOrSkip();
        server = LocalPages.serve(handler);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    /** The browser. */
    HeadlessChromium chromium() {
        return chromium;
    }

    /** The server's root, {@code http://127.0.0.1:<port>/}. */
    URI root() {
        return server.root();
    }
}

package dev.overton.scorer.report;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.TemplateLocator;
import io.quarkus.qute.Variant;

/**
 * Renders the report's templates without Quarkus, for the tests and the browser tests that write a page to a file: a
 * plain Qute engine set up as Quarkus sets up its own for these files (templates from {@code templates/} on the class
 * path, HTML escaping of {@code .html} templates, strict rendering, standalone lines removed). The service renders
 * through {@link ReportTemplates}; a test checks that both give the same page.
 */
public final class PlainTemplates {

    private static final String HTML = "text/html";

    private static final Engine ENGINE = Engine.builder()
            .addDefaults()
            .addValueResolver(new ReflectionValueResolver())
            .addResultMapper(new HtmlEscaper(List.of(HTML)))
            .addLocator(PlainTemplates::locate)
            .strictRendering(true)
            .removeStandaloneLines(true)
            .build();

    private PlainTemplates() {}

    /** The template {@code id} rendered with {@code view} as its parameter {@code view}. */
    public static String render(String id, Object view) {
        return ENGINE.getTemplate(id).data("view", view).render();
    }

    private static Optional<TemplateLocator.TemplateLocation> locate(String id) {
        String path = "templates/" + (id.endsWith(".html") ? id : id + ".html");
        if (PlainTemplates.class.getClassLoader().getResource(path) == null) {
            return Optional.empty();
        }
        return Optional.of(new TemplateLocator.TemplateLocation() {
            @Override
            public Reader read() {
                InputStream in = PlainTemplates.class.getClassLoader().getResourceAsStream(path);
                if (in == null) {
                    throw new UncheckedIOException(new java.io.FileNotFoundException(path));
                }
                return new InputStreamReader(in, StandardCharsets.UTF_8);
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.of(new Variant(Locale.ROOT, HTML, StandardCharsets.UTF_8.name()));
            }
        });
    }
}

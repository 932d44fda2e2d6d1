package dev.overton.reporttests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The browser tests' handling of rendered pages: written under {@code target/} for Chromium to open, and looked at as
 * text (a section of the DOM, how often a piece of markup occurs). One place for what each page test needs alike.
 */
final class Markup {

    private static final Path TARGET = Path.of("target");

    private Markup() {}

    /** Writes {@code html} to {@code target/<name>} (folders created) and returns the file's absolute path. */
    static Path write(String name, String html) throws IOException {
        Path file = TARGET.resolve(name).toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, html, StandardCharsets.UTF_8);
        return file;
    }

    /** The {@code <section id="id">} of {@code dom}, up to its closing tag; fails when there is none. */
    static String section(String dom, String id) {
        int start = dom.indexOf("<section id=\"" + id + "\"");
        assertThat(start).as("section %s in the DOM", id).isNotNegative();
        return dom.substring(start, dom.indexOf("</section>", start));
    }

    /** How often {@code needle} occurs in {@code text}. */
    static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }
}

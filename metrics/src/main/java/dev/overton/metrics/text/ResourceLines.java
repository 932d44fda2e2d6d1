package dev.overton.metrics.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the word-list resources this package ships (stopwords, Punkt parameters): UTF-8, one entry per line, blank
 * lines and comment lines (a {@code #} alone or followed by a space; {@code ##number##} is an entry) skipped, the two
 * characters {@code \s} standing for a space.
 *
 * <p>The lists are data, not code, so they live as classpath resources in a documented format of the project's own;
 * a missing resource is a packaging bug and fails loudly rather than yielding an empty list.
 */
final class ResourceLines {

    private ResourceLines() {}

    /** The entries of the classpath resource at absolute path {@code path}. */
    static List<String> read(String path) {
        try (InputStream in = ResourceLines.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + path + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> entries = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty() || line.equals("#") || line.startsWith("# ")) {
                    continue;
                }
                entries.add(line.replace("\\s", " "));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read resource " + path, e);
        }
    }
}

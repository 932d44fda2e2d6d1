package dev.overton.cli;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How the CLI names a run wherever it prints one: its id, then its name and free-text label when the service sent them
 * ({@code r1 (nightly · label ckpt 1400)}). Run names and labels come from run specs, so control characters (a newline,
 * an ANSI escape) are printed as spaces and cannot rewrite the terminal.
 */
final class RunTitles {

    private RunTitles() {}

    /** {@code id}, followed by the run's name and label in parentheses when either is a string. */
    static String describe(String id, JsonNode name, JsonNode label) {
        List<String> parts = new ArrayList<>();
        if (name.isTextual() && !name.asText().isEmpty()) {
            parts.add(oneLine(name.asText()));
        }
        if (label.isTextual() && !label.asText().isEmpty()) {
            parts.add("label " + oneLine(label.asText()));
        }
        return parts.isEmpty() ? id : id + " (" + String.join(" · ", parts) + ")";
    }

    /** {@code text} with every control character replaced by a space. */
    static String oneLine(String text) {
        return text.codePoints()
                .map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}

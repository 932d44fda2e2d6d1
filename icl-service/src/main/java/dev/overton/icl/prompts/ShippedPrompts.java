package dev.overton.icl.prompts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.json.EventJson;
import dev.overton.contracts.spec.HintMode;

/**
 * Overton's own default template, instruction and fixed examples, written by the team (not taken from the paper's
 * release) and shipped as resources beside this class: {@code urial.jinja}, {@code instruction.txt}, {@code
 * instruction-summary.txt} (the same, telling the model about {@code # Summary:} blocks) and {@code examples.json}
 * (queries, answers and summaries).
 */
public final class ShippedPrompts {

    private static final String TEMPLATE = "urial.jinja";

    private ShippedPrompts() {}

    /** The default layout. */
    public static PromptTemplate template() {
        return PromptTemplate.of(TEMPLATE, read(TEMPLATE));
    }

    /** The default instruction for prompts with hint {@code hint}. */
    public static String instruction(HintMode hint) {
        return read(hint == HintMode.NONE ? "instruction.txt" : "instruction-summary.txt");
    }

    /** The shipped fixed examples, each with a summary, labelled {@code shipped:<i>}. */
    public static List<IclExample> examples() {
        try {
            JsonNode root = EventJson.mapper().readTree(read("examples.json"));
            List<IclExample> examples = new ArrayList<>();
            for (JsonNode e : root) {
                examples.add(new IclExample(
                        "shipped:" + examples.size(),
                        e.path("query").asText(),
                        e.path("answer").asText(),
                        e.path("summary").asText(null)));
            }
            return List.copyOf(examples);
        } catch (IOException e) {
            throw new UncheckedIOException("shipped examples.json is not valid JSON", e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = ShippedPrompts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " missing beside " + ShippedPrompts.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

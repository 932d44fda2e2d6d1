package dev.overton.scorer.judge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.spec.Judgement;

/**
 * One versioned judge prompt: the system message demanding one JSON object of an exact shape, the user message with the
 * texts to judge, the shape itself, and the wording of the one repair request. Read from {@code
 * judge-prompts/<judgement>-<version>.txt} on the class path (format in that folder's README); plain Java.
 *
 * <p>Placeholders are replaced in a single pass, so a response that itself contains {@code {candidate}} or {@code
 * {shape}} is inserted verbatim and never expanded.
 *
 * @param judgement the judgement
 * @param version the version, e.g. {@code v1}
 * @param system the system message template ({@code {shape}})
 * @param user the user message template ({@code {question}}, {@code {response}}, {@code {reference}}, {@code
 *     {candidate}})
 * @param shape the exact JSON shape of the answer
 * @param repair the repair message template ({@code {error}}, {@code {shape}})
 */
public record JudgePrompt(
        Judgement judgement, String version, String system, String user, String shape, String repair) {

    /** Folder of the prompt files on the class path. */
    public static final String FOLDER = "judge-prompts/";

    public JudgePrompt {
        Objects.requireNonNull(judgement, "judgement");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(repair, "repair");
    }

    /** The class-path resource of a judgement's prompt of {@code version}. */
    public static String resource(Judgement judgement, String version) {
        return FOLDER + judgement.wireName() + "-" + version + ".txt";
    }

    /**
     * Loads the prompt of {@code judgement} in {@code version} from the class path.
     *
     * @throws IllegalArgumentException when there is no such file or it lacks a section
     */
    public static JudgePrompt load(Judgement judgement, String version) {
        String resource = resource(judgement, version);
        try (InputStream in = JudgePrompt.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no judge prompt " + resource + " on the class path; the versions"
                        + " shipped are in " + FOLDER + " (set overton.judge.prompt-version to one of them)");
            }
            return parse(judgement, version, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Parses a prompt file's text. */
    static JudgePrompt parse(Judgement judgement, String version, String text) {
        Map<String, StringBuilder> sections = new LinkedHashMap<>();
        StringBuilder current = null;
        for (String line : text.split("\r?\n", -1)) {
            if (line.startsWith("=== ")) {
                String name = line.substring(4).strip();
                current = new StringBuilder();
                if (sections.put(name, current) != null) {
                    throw new IllegalArgumentException(
                            resource(judgement, version) + " has section '" + name + "' twice");
                }
            } else if (current != null) {
                current.append(line).append('\n');
            } else if (!line.isBlank() && !line.startsWith("#")) {
                throw new IllegalArgumentException(
                        resource(judgement, version) + ": text before the first '=== <section>' line: " + line);
            }
        }
        return new JudgePrompt(
                judgement,
                version,
                section(sections, "system", judgement, version),
                section(sections, "user", judgement, version),
                section(sections, "shape", judgement, version),
                section(sections, "repair", judgement, version));
    }

    private static String section(
            Map<String, StringBuilder> sections, String name, Judgement judgement, String version) {
        StringBuilder s = sections.get(name);
        if (s == null) {
            throw new IllegalArgumentException(resource(judgement, version) + " lacks section '=== " + name + "'");
        }
        return s.toString().stripTrailing();
    }

    /** The label recorded with every request, verdict and value: {@code <judgement>@<version>}. */
    public String label() {
        return judgement.wireName() + "@" + version;
    }

    /**
     * The messages of a first request.
     *
     * @param texts the placeholder values: {@code question} and {@code response}, or {@code question}, {@code
     *     reference} and {@code candidate}
     */
    public List<ChatMessage> messages(Map<String, String> texts) {
        return List.of(
                new ChatMessage("system", fill(system, Map.of("shape", shape))),
                new ChatMessage("user", fill(user, texts)));
    }

    /**
     * The messages of the repair request: the original conversation, the invalid answer as the assistant's turn, and a
     * user message quoting the parse error and the required shape.
     */
    public List<ChatMessage> repairMessages(List<ChatMessage> original, String invalidAnswer, String error) {
        List<ChatMessage> messages = new ArrayList<>(original);
        messages.add(new ChatMessage("assistant", invalidAnswer == null ? "" : invalidAnswer));
        messages.add(new ChatMessage("user", fill(repair, Map.of("error", error, "shape", shape))));
        return List.copyOf(messages);
    }

    /** Replaces every {@code {name}} whose name is in {@code values}, in one pass; other braces stay. */
    static String fill(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder(template.length() + 256);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{') {
                int end = template.indexOf('}', i + 1);
                if (end > i) {
                    String name = template.substring(i + 1, end);
                    String value = values.get(name);
                    if (value != null) {
                        out.append(value);
                        i = end + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }
}

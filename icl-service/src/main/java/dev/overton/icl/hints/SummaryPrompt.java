package dev.overton.icl.hints;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.overton.metrics.text.PythonStrings;

/**
 * Overton's own, versioned instruction to a summarizer model ({@value #RESOURCE} beside {@link
 * dev.overton.icl.prompts.ShippedPrompts}): two or three sentences on the answer's main points, no preamble. Written for
 * Overton (the paper's summarizer prompt was not released).
 *
 * <p>The file holds two placeholders, <code>{query}</code> and <code>{answer}</code>, replaced in one pass, so text
 * inside the question or the answer is never substituted again (an answer that contains <code>{query}</code> stays as
 * it is). Both are stripped (Python's {@code str.strip}) first. The version is part of every summary request's id: a
 * changed prompt goes in a new file with a new version, so that summaries made with the old one stay identifiable.
 */
public final class SummaryPrompt {

    /** The version of the prompt, recorded in request ids and attributes. */
    public static final String VERSION = "summarize-v1";

    /** The resource, relative to {@code dev/overton/icl/prompts/}. */
    public static final String RESOURCE = VERSION + ".txt";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(query|answer)}");
    private static final String TEXT = read();

    private SummaryPrompt() {}

    /**
     * The prompt asking for a summary of {@code answer}.
     *
     * @param query the question the answer responds to
     * @param answer the answer to summarize
     */
    public static String render(String query, String answer) {
        String q = PythonStrings.strip(query == null ? "" : query);
        String a = PythonStrings.strip(answer == null ? "" : answer);
        Matcher m = PLACEHOLDER.matcher(TEXT);
        StringBuilder out = new StringBuilder(TEXT.length() + q.length() + a.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).equals("query") ? q : a));
        }
        m.appendTail(out);
        return PythonStrings.strip(out.toString());
    }

    private static String read() {
        String path = "/dev/overton/icl/prompts/" + RESOURCE;
        try (InputStream in = SummaryPrompt.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("resource " + path + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

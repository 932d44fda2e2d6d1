package dev.overton.icl.prompts;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;

/**
 * A Jinja template (rendered by Jinjava), so that users can bring their own prompt templates and Hugging Face chat
 * templates. The released URIAL chat templates of the paper render byte for byte (checked in the tests).
 *
 * <p>Rendering is Jinja's default: no auto-escaping, no {@code trim_blocks}/{@code lstrip_blocks}, and inserted values
 * are never interpreted again (an answer that contains <code>{{ x }}</code> is inserted verbatim). The Hugging Face
 * helper {@code raise_exception(message)} is defined and fails the render with its message. Instances are immutable
 * and thread-safe.
 */
public final class PromptTemplate {

    private static final Jinjava JINJAVA = newJinjava();

    private final String name;
    private final String text;

    private PromptTemplate(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /**
     * A template from its text.
     *
     * @param name where it came from (a file name), for error messages
     * @param text the Jinja source
     */
    public static PromptTemplate of(String name, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("template '" + name + "' is empty");
        }
        return new PromptTemplate(name, text);
    }

    /** Where the template came from. */
    public String name() {
        return name;
    }

    /**
     * Renders the template with {@code variables}.
     *
     * @throws TemplateRenderException when the template has a syntax error, calls {@code raise_exception}, or fails
     *     otherwise; the message names the template and Jinjava's errors
     */
    public String render(Map<String, Object> variables) {
        RenderResult result = JINJAVA.renderForResult(text, variables);
        List<TemplateError> fatal = result.getErrors().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL)
                .toList();
        if (!fatal.isEmpty()) {
            throw new TemplateRenderException("template '" + name + "' failed: "
                    + fatal.stream().map(PromptTemplate::describe).collect(Collectors.joining("; ")));
        }
        return result.getOutput();
    }

    private static String describe(TemplateError e) {
        String message = e.getMessage();
        // A raise_exception() deep in Jinjava's wrapping: its own message is the one the template author wrote.
        for (Throwable t = e.getException(); t != null; t = t.getCause()) {
            if (t instanceof TemplateRenderException raised) {
                message = raised.getMessage();
                break;
            }
        }
        return (e.getLineno() > 0 ? "line " + e.getLineno() + ": " : "") + message;
    }

    /** Hugging Face chat templates call {@code raise_exception(message)} to refuse input; this fails the render. */
    public static String raiseException(String message) {
        throw new TemplateRenderException(message);
    }

    private static Jinjava newJinjava() {
        Jinjava jinjava = new Jinjava(JinjavaConfig.newBuilder()
                // HF templates test "x is undefined"; an unknown name must not be an error by itself.
                .withFailOnUnknownTokens(false)
                // Teacher answers may contain template syntax; it is text, never to be evaluated.
                .withNestedInterpretationEnabled(false)
                .build());
        jinjava.getGlobalContext()
                .registerFunction(new ELFunctionDefinition(
                        "", "raise_exception", PromptTemplate.class, "raiseException", String.class));
        return jinjava;
    }

    /** A template that could not be rendered. */
    public static final class TemplateRenderException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public TemplateRenderException(String message) {
            super(message);
        }
    }
}

package dev.overton.generator.sampling;

/**
 * Raw prompts for base (non-chat) models. A base model is not asked a question; it continues a document, so the
 * question is framed as the start of one whose natural continuation is the answer.
 *
 * <p>The default is the method's zero-shot frame: a {@code # Query:} section and an {@code # Answer:} section, each
 * body fenced with three backticks, the prompt ending right after the opening fence of the answer. The model's
 * closing fence marks the end of its answer, which is why {@link #endsInsideFence(String)} prompts get the fence as
 * their stop string. The released base-model prompts of the paper are exactly this frame (checked against the
 * LIMA-OE fixture in the tests).
 *
 * <p>A variant may give its own frame as a template: any text in which {@value #QUERY} stands for the query.
 */
public final class PromptFrames {

    /** The placeholder a template's query goes in. */
    public static final String QUERY = "{query}";

    /** Three backticks: opens and closes a fenced section. */
    public static final String FENCE = "```";

    /** The zero-shot frame of the method, as a template. */
    public static final String ZERO_SHOT =
            "# Query:\n" + FENCE + "\n" + QUERY + "\n" + FENCE + "\n\n# Answer:\n" + FENCE + "\n";

    private PromptFrames() {}

    /** The zero-shot prompt for {@code query}. */
    public static String zeroShot(String query) {
        return render(ZERO_SHOT, query);
    }

    /**
     * {@code template} with every {@value #QUERY} replaced by {@code query}, stripped of surrounding whitespace (as the
     * released prompts are: a query ending in a space still has its closing fence on the next line). Otherwise the
     * query is inserted verbatim; a query that itself contains {@value #QUERY} is not expanded again.
     */
    public static String render(String template, String query) {
        return template.replace(QUERY, query.strip());
    }

    /**
     * The raw prompt a {@code completions} variant with {@code params} sends for {@code query}: its {@code
     * params.template} when it gives one, else the zero-shot frame. The same prompt the variant was sampled with, which
     * token scoring uses as the {@code plain} context.
     */
    public static String rawPrompt(java.util.Map<String, Object> params, String query) {
        Object template = params == null ? null : params.get("template");
        return render(template instanceof String t ? t : ZERO_SHOT, query);
    }

    /**
     * Whether {@code prompt} leaves the model inside a fenced section, so that the model's answer ends at the next
     * fence. True for the zero-shot frame and for fenced few-shot frames in the same format.
     */
    public static boolean endsInsideFence(String prompt) {
        return prompt.stripTrailing().endsWith(FENCE);
    }
}

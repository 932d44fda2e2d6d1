package dev.overton.icl.prompts;

import java.util.List;

/**
 * The outcome of building one in-context prompt: either the prompt, with the examples it kept and those dropped to fit
 * the budget, or a failure with a reason (no prompt over budget is ever returned).
 *
 * @param prompt the rendered prompt, or {@code null} on failure
 * @param examples the examples in the prompt, in prompt order
 * @param dropped the examples dropped to fit the budget, furthest first
 * @param promptTokens the prompt's (estimated) token count; for a failure, that of the smallest prompt tried
 * @param failure why no prompt could be built, or {@code null}
 */
public record PromptBuild(
        String prompt, List<IclExample> examples, List<IclExample> dropped, int promptTokens, String failure) {

    /** Normalises the lists. */
    public PromptBuild {
        examples = List.copyOf(examples);
        dropped = List.copyOf(dropped);
    }

    /** Whether a prompt was built. */
    public boolean ok() {
        return failure == null;
    }

    static PromptBuild built(String prompt, List<IclExample> examples, List<IclExample> dropped, int tokens) {
        return new PromptBuild(prompt, examples, dropped, tokens, null);
    }

    static PromptBuild failed(String reason, List<IclExample> dropped, int tokens) {
        return new PromptBuild(null, List.of(), dropped, tokens, reason);
    }
}

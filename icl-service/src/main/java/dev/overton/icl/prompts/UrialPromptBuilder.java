package dev.overton.icl.prompts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.spec.HintMode;
import dev.overton.metrics.text.PythonStrings;

/**
 * Builds URIAL-style in-context prompts for a base model: an instruction paragraph, K (query, answer) examples and the
 * test query, each body in a fenced {@code # Query:} / {@code # Answer:} section, optionally with a {@code # Summary:}
 * block (see {@link HintMode}). The prompt ends right after the opening fence of the answer (or of the summary, for
 * self-summary), so the model's closing fence ends its text.
 *
 * <p>The layout lives in a {@link PromptTemplate}, Overton's own by default ({@link ShippedPrompts#template()}). Every
 * part is stripped (Python's {@code str.strip}) before it is rendered, as the released templates did. A template sees:
 *
 * <ul>
 *   <li>{@code instruction}, {@code query}, {@code summary} (or none), {@code hint} ({@code none}, {@code summary},
 *       {@code self-summary});
 *   <li>{@code examples}: a list of {@code {query, answer, summary}} (summary none unless the hint uses summaries);
 *   <li>for Hugging Face chat templates in the URIAL convention: {@code messages} = a first message with role {@code
 *       examples} whose content is the list of {@code [query, answer]} pairs (role {@code context} with content {@code
 *       [summary]} when the hint is {@code summary}), then the prompt's own messages; {@code add_generation_prompt} =
 *       true; {@code bos_token} and {@code eos_token} empty.
 * </ul>
 *
 * <p>Context budget: the examples are given nearest (most preferred) first; while prompt tokens + max new tokens exceed
 * the context window, the last (furthest) example is dropped and the prompt rendered again. When even {@code
 * minExamples} examples do not fit, the build fails with the reason: a prompt over budget is never returned.
 */
public final class UrialPromptBuilder {

    private final PromptTemplate template;
    private final String instruction;
    private final TokenCounter tokens;

    /**
     * @param template the layout
     * @param instruction the instruction paragraph
     * @param tokens counts prompt tokens for the budget
     */
    public UrialPromptBuilder(PromptTemplate template, String instruction, TokenCounter tokens) {
        this.template = Objects.requireNonNull(template, "template");
        this.instruction = Objects.requireNonNull(instruction, "instruction");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /**
     * The prompt for {@code query} with exactly {@code examples}, without any budget.
     *
     * @param examples the examples, in prompt order
     * @param query the test query
     * @param messages the prompt's chat messages (for chat templates), or {@code null} for one user message
     * @param hint what the prompt tells about the answer
     * @param summary the summary hint of the test query (required for {@link HintMode#SUMMARY}), else ignored
     */
    public String render(
            List<IclExample> examples, String query, List<ChatMessage> messages, HintMode hint, String summary) {
        return template.render(variables(examples, query, messages, hint, summary));
    }

    /**
     * The prompt for {@code query} that fits {@code budget}, dropping the furthest examples as needed.
     *
     * @param ranked the candidate examples, nearest (most preferred) first
     * @param query the test query
     * @param messages the prompt's chat messages (for chat templates), or {@code null}
     * @param hint what the prompt tells about the answer
     * @param summary the summary hint of the test query, or {@code null}
     * @param budget the context budget
     */
    public PromptBuild build(
            List<IclExample> ranked,
            String query,
            List<ChatMessage> messages,
            HintMode hint,
            String summary,
            ContextBudget budget) {
        if (hint == HintMode.SUMMARY && (summary == null || summary.isBlank())) {
            return PromptBuild.failed("no summary hint for this prompt (hint 'summary' needs one)", List.of(), 0);
        }
        if (ranked.size() < budget.minExamples()) {
            return PromptBuild.failed(
                    "only " + ranked.size() + " example(s) available, min_examples is " + budget.minExamples(),
                    List.of(),
                    0);
        }
        List<IclExample> kept = new ArrayList<>(ranked);
        List<IclExample> dropped = new ArrayList<>();
        while (true) {
            String prompt = render(kept, query, messages, hint, summary);
            int count = tokens.count(prompt);
            if (count <= budget.promptRoom()) {
                return PromptBuild.built(prompt, kept, dropped, count);
            }
            if (kept.size() <= budget.minExamples()) {
                return PromptBuild.failed(
                        String.format(
                                "prompt over budget: ~%d prompt tokens (%s) + %d new tokens > context window %d with"
                                        + " %d example(s) (min_examples %d); lower k or max_tokens, raise"
                                        + " context_window, or shorten the instruction",
                                count,
                                tokens.describe(),
                                budget.maxNewTokens(),
                                budget.contextWindow(),
                                kept.size(),
                                budget.minExamples()),
                        dropped,
                        count);
            }
            dropped.add(kept.remove(kept.size() - 1));
        }
    }

    private Map<String, Object> variables(
            List<IclExample> examples, String query, List<ChatMessage> messages, HintMode hint, String summary) {
        String strippedQuery = PythonStrings.strip(query);
        String strippedSummary = hint == HintMode.SUMMARY ? PythonStrings.strip(summary) : null;
        List<Map<String, Object>> exampleMaps = new ArrayList<>();
        List<List<String>> pairs = new ArrayList<>();
        for (IclExample e : examples) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("query", PythonStrings.strip(e.query()));
            m.put("answer", PythonStrings.strip(e.answer()));
            m.put("summary", hint.examplesHaveSummaries() ? PythonStrings.strip(e.summary()) : null);
            exampleMaps.add(m);
            pairs.add(List.of(e.query(), e.answer()));
        }
        List<Map<String, Object>> chat = new ArrayList<>();
        chat.add(
                hint == HintMode.SUMMARY
                        ? Map.of("role", "context", "content", List.of(strippedSummary))
                        : Map.of("role", "examples", "content", pairs));
        if (messages == null || messages.isEmpty()) {
            chat.add(Map.of("role", "user", "content", query));
        } else {
            for (ChatMessage m : messages) {
                chat.add(Map.of("role", m.role(), "content", m.content()));
            }
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("instruction", PythonStrings.strip(instruction));
        vars.put("examples", exampleMaps);
        vars.put("query", strippedQuery);
        vars.put("summary", strippedSummary);
        vars.put("hint", hint.wireName());
        vars.put("messages", chat);
        vars.put("add_generation_prompt", true);
        vars.put("bos_token", "");
        vars.put("eos_token", "");
        return vars;
    }
}

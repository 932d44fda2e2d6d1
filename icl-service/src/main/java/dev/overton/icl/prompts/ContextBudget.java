package dev.overton.icl.prompts;

/**
 * The room a prompt has: prompt tokens + {@code maxNewTokens} must not exceed {@code contextWindow}, or the server
 * rejects the request for length (the paper's K=5 run lost 48 of 50 prompts that way).
 *
 * @param contextWindow the model's context length in tokens (default 4096)
 * @param maxNewTokens the tokens requested for the answer
 * @param minExamples the fewest examples a prompt may keep; a prompt that fits only with fewer fails instead
 */
public record ContextBudget(int contextWindow, int maxNewTokens, int minExamples) {

    /** Context window unless the variant says otherwise. */
    public static final int DEFAULT_CONTEXT_WINDOW = dev.overton.contracts.spec.IclRules.DEFAULT_CONTEXT_WINDOW;

    /** Rejects impossible budgets with a message naming the setting. */
    public ContextBudget {
        if (contextWindow < 1) {
            throw new IllegalArgumentException("context_window must be >= 1, e.g. 4096 (was " + contextWindow + ")");
        }
        if (maxNewTokens < 1 || maxNewTokens >= contextWindow) {
            throw new IllegalArgumentException("max new tokens must be from 1 to context_window - 1 ("
                    + (contextWindow - 1) + "), was " + maxNewTokens);
        }
        if (minExamples < 0) {
            throw new IllegalArgumentException("min_examples must be >= 0 (was " + minExamples + ")");
        }
    }

    /** The most prompt tokens that leave room for the answer. */
    public int promptRoom() {
        return contextWindow - maxNewTokens;
    }
}

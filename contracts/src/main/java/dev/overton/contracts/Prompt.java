package dev.overton.contracts;

import java.util.List;

/**
 * One prompt of a run's dataset.
 *
 * @param id the prompt's id: its 0-based line number in the dataset unless the line carried an {@code id}
 * @param index its 0-based position in the dataset (what a replayed output file is indexed by)
 * @param messages the chat messages (usually one user message)
 */
public record Prompt(String id, int index, List<ChatMessage> messages) {

    /** The content of the last user message, which is what a base model is asked. */
    public String userText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return messages.get(i).content();
            }
        }
        return messages.isEmpty() ? "" : messages.get(messages.size() - 1).content();
    }
}

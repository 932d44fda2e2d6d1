package dev.overton.contracts.spec;

import java.util.Arrays;
import java.util.Optional;

/** How a model server is called ({@code api} of a variant, judge or summarizer). */
public enum ApiStyle {
    /** An instruct model: the prompt's messages are sent as they are. */
    CHAT("chat"),
    /** A base model: one raw prompt (framed as {@code # Query:} / {@code # Answer:}, or an in-context prompt). */
    COMPLETIONS("completions");

    /** The style of an entry that names none. */
    public static final ApiStyle DEFAULT = CHAT;

    private final String wireName;

    ApiStyle(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in run specs. */
    public String wireName() {
        return wireName;
    }

    /** The style named {@code name}, if any. */
    public static Optional<ApiStyle> find(String name) {
        return Arrays.stream(values()).filter(a -> a.wireName.equals(name)).findFirst();
    }
}

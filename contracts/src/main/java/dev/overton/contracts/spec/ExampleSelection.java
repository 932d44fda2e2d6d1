package dev.overton.contracts.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How an in-context variant chooses its examples ({@code icl[].examples}), as named in run specs. The generator and
 * icl-service read the same constants, so the default and the allowed names cannot drift apart.
 */
public enum ExampleSelection {
    /** The first K examples of a fixed list (the variant's own pool, else Overton's shipped examples). */
    FIXED("fixed"),
    /** K examples drawn at random from the pool, with a recorded seed. */
    RANDOM("random"),
    /** The K pool examples whose queries are nearest to the prompt by embedding. */
    KNN_PROMPT("knn-prompt"),
    /** The K pool examples whose answers are nearest to the teacher's answer to the prompt by embedding. */
    KNN_RESPONSE("knn-response");

    /**
     * The selection of an entry that names none: nearest neighbours of the prompt, the released
     * {@code llama-2-icl-chat-knn-prompt_similar} variant (docs/icl.md).
     */
    public static final ExampleSelection DEFAULT = KNN_PROMPT;

    private final String wireName;

    ExampleSelection(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in run specs. */
    public String wireName() {
        return wireName;
    }

    /** Every wire name, in declaration order. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(ExampleSelection::wireName).toList();
    }

    /** The selection named {@code name}, if any. */
    public static Optional<ExampleSelection> find(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }

    /**
     * The mode named {@code name} ({@code null} means {@link #DEFAULT}).
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static ExampleSelection parse(String name) {
        if (name == null) {
            return DEFAULT;
        }
        return find(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown example selection '" + name
                        + "'; use one of fixed, random, knn-prompt, knn-response"));
    }
}

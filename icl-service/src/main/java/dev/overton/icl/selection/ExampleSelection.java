package dev.overton.icl.selection;

import java.util.Arrays;

/** How an in-context variant chooses its examples, as named in run specs. */
public enum ExampleSelection {
    /** The first K examples of a fixed list (the variant's own pool, else Overton's shipped examples). */
    FIXED("fixed"),
    /** K examples drawn at random from the pool, with a recorded seed. */
    RANDOM("random"),
    /** The K pool examples whose queries are nearest to the prompt by embedding. */
    KNN_PROMPT("knn-prompt"),
    /** The K pool examples whose answers are nearest to the teacher's answer to the prompt by embedding. */
    KNN_RESPONSE("knn-response");

    private final String wireName;

    ExampleSelection(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in run specs. */
    public String wireName() {
        return wireName;
    }

    /**
     * The mode named {@code name}.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static ExampleSelection parse(String name) {
        return Arrays.stream(values())
                .filter(m -> m.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown example selection '" + name
                        + "'; use one of fixed, random, knn-prompt, knn-response"));
    }
}

package dev.overton.contracts.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What an in-context prompt tells the model about the answer it should give ({@code icl[].hint}).
 *
 * <ul>
 *   <li>{@link #NONE}: nothing; examples are (query, answer) pairs;
 *   <li>{@link #SUMMARY}: a 2–3 sentence summary of the aligned model's own answer to the test query, in a {@code #
 *       Summary:} block between query and answer (examples carry summaries too);
 *   <li>{@link #SELF_SUMMARY}: examples carry summaries, and the prompt ends inside an open {@code # Summary:} block, so
 *       the model writes its own summary first and then its answer.
 * </ul>
 */
public enum HintMode {
    NONE("none"),
    SUMMARY("summary"),
    SELF_SUMMARY("self-summary");

    private final String wireName;

    HintMode(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in run specs and templates. */
    public String wireName() {
        return wireName;
    }

    /** Whether examples show a summary before their answer. */
    public boolean examplesHaveSummaries() {
        return this != NONE;
    }

    /** Every wire name, in declaration order. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(HintMode::wireName).toList();
    }

    /** The mode named {@code name}, if any. */
    public static Optional<HintMode> find(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }

    /**
     * The mode named {@code name} ({@code null} or blank means {@link #NONE}).
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static HintMode parse(String name) {
        if (name == null || name.isBlank()) {
            return NONE;
        }
        return find(name)
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown hint '" + name + "'; use one of none, summary, self-summary"));
    }
}

package dev.overton.icl.selection;

import java.util.List;

import dev.overton.icl.prompts.IclExample;

/** The first {@code k} examples of a fixed list, in list order (skipping any made from the prompt itself). */
public final class FixedSelector implements ExampleSelector {

    private final List<IclExample> examples;

    public FixedSelector(List<IclExample> examples) {
        this.examples = List.copyOf(examples);
    }

    @Override
    public List<IclExample> select(String promptId, String queryText, int k) {
        return examples.stream()
                .filter(e -> ExampleSelector.allowedFor(e, promptId, queryText))
                .limit(k)
                .toList();
    }

    @Override
    public String describe() {
        return "fixed(" + examples.size() + " examples)";
    }
}

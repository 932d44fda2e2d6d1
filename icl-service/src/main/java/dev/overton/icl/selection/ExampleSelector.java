package dev.overton.icl.selection;

import java.util.List;

import dev.overton.icl.prompts.IclExample;

/**
 * Chooses the in-context examples for one prompt of a run. Implementations are built once per run (over the run's
 * example pool) and never return an example made from the prompt itself.
 */
public interface ExampleSelector {

    /**
     * Up to {@code k} examples for prompt {@code promptId}, most preferred (nearest) first; the budget drops from the
     * end of the list.
     *
     * @param promptId the prompt the examples are for
     * @param queryText its query, so that an example with the very same query (a duplicate prompt) is skipped too
     * @param k how many
     */
    List<IclExample> select(String promptId, String queryText, int k);

    /** A description for the record (mode, seed, embedder). */
    String describe();

    /** Whether {@code example} may be shown for the prompt: it is not made from that prompt nor its duplicate. */
    static boolean allowedFor(IclExample example, String promptId, String queryText) {
        return !promptId.equals(example.source())
                && (queryText == null
                        || !queryText.strip().equals(example.query().strip()));
    }
}

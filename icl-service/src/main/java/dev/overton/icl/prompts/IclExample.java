package dev.overton.icl.prompts;

/**
 * One in-context example: a query and the answer shown for it, with an optional summary of that answer (shown under
 * {@code # Summary:} when the variant uses hints).
 *
 * @param source where the example comes from: the run prompt id whose teacher answer it is, or a label such as {@code
 *     shipped:1} or {@code pool:0}; recorded with each request so a prompt can be traced to its examples
 * @param query the query
 * @param answer the answer
 * @param summary a 2–3 sentence summary of the answer, or {@code null}
 */
public record IclExample(String source, String query, String answer, String summary) {

    /** Rejects an example without a query or an answer. */
    public IclExample {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("example '" + source + "' has no query");
        }
        if (answer == null || answer.isBlank()) {
            throw new IllegalArgumentException("example '" + source + "' has no answer");
        }
    }

    /** This example with {@code summary} as its summary. */
    public IclExample withSummary(String newSummary) {
        return new IclExample(source, query, answer, newSummary);
    }
}

package dev.overton.icl.hints;

/**
 * Writes the 2–3 sentence summary of an answer that a {@code summary} hint shows. An LLM summarizer (the paper used
 * GPT-4) plugs in here; {@link ExtractiveSummarizer} is the offline default.
 */
public interface Summarizer {

    /**
     * A short summary of {@code answer}.
     *
     * @param query the query the answer responds to (an abstractive summarizer may use it)
     * @param answer the answer
     * @return the summary; empty when the answer has no content
     */
    String summarize(String query, String answer);

    /** A short description for the record. */
    String describe();
}

package dev.overton.contracts.icl;

import dev.overton.metrics.text.PythonStrings;

/**
 * Splits what a base model wrote after a self-summary prompt (which ends inside an open {@code # Summary:} fence) into
 * its summary and its answer. The generator must store only the answer as the sample text (it is what is scored);
 * docs/icl.md states the same rule for it.
 *
 * <p>Rule: the summary is the text up to the first fence ({@code ```}); the answer starts after the first {@code #
 * Answer:} heading that follows, skipping its opening fence line, and ends at the next fence (or at the end of the
 * text). Both are stripped. A completion without an {@code # Answer:} heading has no answer ({@code null}).
 */
public final class SelfSummaryAnswers {

    private static final String FENCE = "```";
    private static final String ANSWER = "# Answer:";

    private SelfSummaryAnswers() {}

    /** The model's own summary. */
    public static String summaryOf(String completion) {
        int fence = completion.indexOf(FENCE);
        return PythonStrings.strip(fence < 0 ? completion : completion.substring(0, fence));
    }

    /** The answer part of {@code completion}, or {@code null} when the model wrote none. */
    public static String answerOf(String completion) {
        int fence = completion.indexOf(FENCE);
        int heading = completion.indexOf(ANSWER, Math.max(fence, 0));
        if (heading < 0) {
            return null;
        }
        int start = heading + ANSWER.length();
        int afterBlank = skipSpaces(completion, start);
        if (completion.startsWith(FENCE, afterBlank)) {
            int lineEnd = completion.indexOf('\n', afterBlank);
            start = lineEnd < 0 ? completion.length() : lineEnd + 1;
        }
        int end = completion.indexOf(FENCE, start);
        return PythonStrings.strip(completion.substring(start, end < 0 ? completion.length() : end));
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && PythonStrings.isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}

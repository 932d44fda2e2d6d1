package dev.overton.generator.sampling;

/**
 * What drawing one sample cost, as far as the backend knows. Kept beside the sample rather than in it because the
 * {@code Sample} event record is shared with the other services, who do not need it; the generator stores it in its
 * own database and counts it in its metrics.
 *
 * @param promptTokens tokens of the prompt as the server counted them, or {@code null} when unknown (replayed
 *     outputs, a server that reports no usage)
 * @param completionTokens tokens of this sample, or {@code null} when unknown; a server that drew several samples in
 *     one request reports only their total, which cannot honestly be split, so it stays {@code null} then
 * @param latencyMs wall time of the HTTP exchange that produced the sample (not counting retries or waits before
 *     it), or {@code null} when there was none
 */
public record SampleUsage(Integer promptTokens, Integer completionTokens, Long latencyMs) {

    /** Nothing known. */
    public static final SampleUsage UNKNOWN = new SampleUsage(null, null, null);
}

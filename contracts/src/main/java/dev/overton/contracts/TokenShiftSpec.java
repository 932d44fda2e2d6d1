package dev.overton.contracts;

import java.util.List;

/**
 * The token-shift measure of a run ({@code tokenShift} in the run spec): the base model scores, token by token, the
 * answers of the aligned reference as continuations of each context, and the scorer classifies every answer token by
 * its rank among the base model's top {@code topK} (Lin et al. 2023, "The Unlocking Spell on Base LLMs": rank 1
 * unshifted, 2–3 marginal, above 3 shifted). Checked by {@link dev.overton.contracts.spec.TokenShiftRules}; the
 * generator also checks that the base variant's backend can score ({@code openai} with {@code api = completions}, or
 * {@code jlama}).
 *
 * @param base the name of the run variant (a base model) that scores the answers
 * @param reference the name of the run variant (the aligned model) whose answers are scored; the run's {@code
 *     reference} when the spec leaves it out
 * @param samples how many of the reference's samples per prompt are scored (the first ones, by index), from 1 to the
 *     reference's N; default {@value #DEFAULT_SAMPLES}
 * @param topK how many of the base model's most likely tokens each answer token is ranked among, from 1 to {@value
 *     #MAX_TOP_K}; a token outside them gets rank {@code topK + 1} ("> topK"); default {@value #DEFAULT_TOP_K}. The
 *     OpenAI API itself serves at most 5; vLLM at most its {@code --max-logprobs} (20 by default)
 * @param contexts what the answer is scored after: {@value #PLAIN} (the base variant's own zero-shot frame of the
 *     prompt) and/or names of the run's {@code icl} entries on the same base (that entry's rendered in-context prompt);
 *     each at most once; default {@code ["plain"]}
 */
public record TokenShiftSpec(String base, String reference, int samples, int topK, List<String> contexts) {

    /** The context of the base variant's own zero-shot frame. */
    public static final String PLAIN = "plain";

    /** The {@link #samples()} of a spec that does not say. */
    public static final int DEFAULT_SAMPLES = 1;

    /** The {@link #topK()} of a spec that does not say (the AlignTDS default). */
    public static final int DEFAULT_TOP_K = 5;

    /** The largest accepted {@link #topK()}. */
    public static final int MAX_TOP_K = 20;

    /** Normalises a missing {@code contexts} list to {@code ["plain"]}. */
    public TokenShiftSpec {
        contexts = contexts == null || contexts.isEmpty() ? List.of(PLAIN) : List.copyOf(contexts);
    }
}

package dev.overton.icl.prompts;

/**
 * A tokenizer-free, deliberately high estimate of the token count: ASCII characters divided by {@code charsPerToken}
 * (rounded up), plus one token for every non-ASCII code point (scripts and symbols that a byte-fallback tokenizer
 * splits finely), plus one for the beginning-of-sequence token.
 *
 * <p>Calibration: on the 48 released prompts of the paper's {@code llama-2-icl-chat-5nn-prompt_similar} run whose
 * errors report the Llama-2 token count, English URIAL prompts had 4.05–4.72 characters per token, so 4 (the default)
 * over-estimates them. Code-heavy or non-English prompts tokenize denser; use a smaller {@code charsPerToken} (e.g. 3)
 * for them, or a real tokenizer.
 */
public final class CharEstimateTokenCounter implements TokenCounter {

    /** Characters per token unless told otherwise. */
    public static final double DEFAULT_CHARS_PER_TOKEN = dev.overton.contracts.spec.IclRules.DEFAULT_CHARS_PER_TOKEN;

    private final double charsPerToken;

    /** @param charsPerToken ASCII characters per token, &gt; 0 */
    public CharEstimateTokenCounter(double charsPerToken) {
        if (!(charsPerToken > 0)) {
            throw new IllegalArgumentException("chars_per_token must be > 0, e.g. 4 (was " + charsPerToken + ")");
        }
        this.charsPerToken = charsPerToken;
    }

    /** The default estimate, {@value #DEFAULT_CHARS_PER_TOKEN} characters per token. */
    public static CharEstimateTokenCounter standard() {
        return new CharEstimateTokenCounter(DEFAULT_CHARS_PER_TOKEN);
    }

    @Override
    public int count(String text) {
        long ascii = 0;
        long other = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp < 128) {
                ascii++;
            } else {
                other++;
            }
            i += Character.charCount(cp);
        }
        return (int) Math.min(Integer.MAX_VALUE, (long) Math.ceil(ascii / charsPerToken) + other + 1);
    }

    @Override
    public String describe() {
        return "chars/" + charsPerToken;
    }
}

package dev.overton.contracts.spec;

/**
 * The limits of a run spec, one constant per limit, documented in docs/api.md ("Limits"). Lengths count Unicode code
 * points. They bound what one run may ask for (rows, requests, memory of a validation) well above every released
 * experiment: the LIMA-OE runs have 50 prompts of one message, 2–6 variants and names under 40 characters.
 */
public final class SpecLimits {

    /** Run name ({@code name}). */
    public static final int RUN_NAME_LENGTH = 200;

    /** Variant and icl entry names ({@code variants[].name}, {@code icl[].name}, {@code reference}, {@code base}). */
    public static final int VARIANT_NAME_LENGTH = 100;

    /** Prompt ids ({@code dataset.prompts[].id}, {@code id} of a dataset line). */
    public static final int PROMPT_ID_LENGTH = 128;

    /** Model names ({@code model}). */
    public static final int MODEL_LENGTH = 256;

    /** Endpoint URLs ({@code endpoint}). */
    public static final int ENDPOINT_LENGTH = 2048;

    /** File paths ({@code dataset.path}, {@code source}, {@code judge.sources.*}, icl file options). */
    public static final int PATH_LENGTH = 1024;

    /** Short labels: {@code api}, {@code backend}, {@code examples}, {@code hint}, message roles, judgements, keys. */
    public static final int LABEL_LENGTH = 64;

    /** One message's content, one pool query/answer/summary, an inline instruction. */
    public static final int TEXT_LENGTH = 100_000;

    /** Any other string inside {@code params} (a stop string, a completions template, ...). */
    public static final int PARAM_TEXT_LENGTH = 10_000;

    /** Variants of a run ({@code variants}). */
    public static final int VARIANTS = 32;

    /** In-context entries of a run ({@code icl}). */
    public static final int ICL_ENTRIES = 32;

    /** Entries of a {@code params} object, and of {@code judge.sources}. */
    public static final int PARAMS = 64;

    /** Stop strings of one {@code params.stop}. */
    public static final int STOP_STRINGS = 16;

    /** Prompts of a dataset (inline or file). */
    public static final int PROMPTS = 10_000;

    /** Messages of one prompt. */
    public static final int MESSAGES = 64;

    /** Examples of an inline icl {@code pool}. */
    public static final int POOL_EXAMPLES = 1_000;

    /** Samples per prompt of a variant ({@code samples}). */
    public static final int MAX_SAMPLES = 100;

    /** The N of a variant that does not say. */
    public static final int DEFAULT_SAMPLES = 5;

    /** Examples per in-context prompt ({@code icl[].k}). */
    public static final int MAX_K = 50;

    /** The K of an icl entry that does not say (the paper's). */
    public static final int DEFAULT_K = 3;

    /** The highest sampling temperature a judge may use (the OpenAI API's range is 0 to 2). */
    public static final double MAX_JUDGE_TEMPERATURE = 2.0;

    private SpecLimits() {}
}

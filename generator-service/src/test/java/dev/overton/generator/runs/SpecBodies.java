package dev.overton.generator.runs;

/**
 * Run spec bodies the validator's tests vary: one prompt, one variant named {@code a} that is the reference, and
 * the fields a test adds.
 */
final class SpecBodies {

    private SpecBodies() {}

    /** A run with one openai variant; {@code variantFields} are the variant's fields after its backend. */
    static String openAiSpec(String variantFields) {
        return "{\"name\":\"r\",\"dataset\":{\"prompts\":[\"a?\"]},\"reference\":\"a\","
                + "\"variants\":[{\"name\":\"a\",\"backend\":\"openai\"" + variantFields + "}]}";
    }

    /**
     * A run named {@code name} (a JSON value) with one replay variant reading {@code one.jsonl}; {@code variantExtra}
     * are more fields of the variant, {@code rest} more fields of the run.
     */
    static String replaySpec(String name, String variantExtra, String rest) {
        return "{\"name\":" + name + ",\"dataset\":{\"prompts\":[\"a?\"]},\"reference\":\"a\","
                + "\"variants\":[{\"name\":\"a\",\"backend\":\"replay\",\"source\":\"one.jsonl\"" + variantExtra
                + "}]" + rest + "}";
    }
}

package dev.overton.contracts.spec;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The checks of a {@code params} object every backend shares: its size, the strings inside it, and the three
 * parameters Overton itself reads ({@code temperature}, {@code max_tokens}, {@code stop}). Backend-specific
 * parameters are checked by the backend ({@code SamplingBackend#checkVariant} in the generator).
 */
public final class SamplingParams {

    private SamplingParams() {}

    /**
     * Checks {@code params} (an object) at {@code at} (e.g. {@code variants[0].params}).
     *
     * @param maxTemperature the highest temperature allowed ({@link Double#POSITIVE_INFINITY}: no upper bound)
     */
    public static void check(String at, JsonNode params, double maxTemperature, List<FieldError> errors) {
        if (params.size() > SpecLimits.PARAMS) {
            errors.add(new FieldError(
                    at,
                    "has " + params.size() + " entries; the limit is " + SpecLimits.PARAMS + " (docs/api.md, Limits)"));
            return;
        }
        checkStrings(at, params, errors);
        JsonNode temperature = params.get("temperature");
        if (temperature != null && SpecJson.numberIn(temperature, 0, maxTemperature) == null) {
            errors.add(new FieldError(
                    at + ".temperature",
                    Double.isInfinite(maxTemperature)
                            ? "must be a number >= 0, e.g. 0.5"
                            : "must be a number from 0 to " + maxTemperature + ", e.g. 0 (a judge should be"
                                    + " deterministic)"));
        }
        JsonNode maxTokens = params.get("max_tokens");
        if (maxTokens != null && SpecJson.wholeIn(maxTokens, 1, Integer.MAX_VALUE) == null) {
            errors.add(new FieldError(at + ".max_tokens", "must be a whole number >= 1, e.g. 700"));
        }
        JsonNode stop = params.get("stop");
        if (stop != null && !(stop.isArray() && allText(stop)) && !stop.isTextual()) {
            errors.add(new FieldError(at + ".stop", "must be a string or a list of strings, e.g. [\"```\"]"));
        } else if (stop != null && stop.isArray() && stop.size() > SpecLimits.STOP_STRINGS) {
            errors.add(new FieldError(
                    at + ".stop",
                    "has " + stop.size() + " strings; the limit is " + SpecLimits.STOP_STRINGS
                            + " (docs/api.md, Limits)"));
        }
    }

    /** Keys are labels; string values anywhere inside are free text of at most {@link SpecLimits#PARAM_TEXT_LENGTH}. */
    private static void checkStrings(String at, JsonNode node, List<FieldError> errors) {
        if (node.isTextual()) {
            SpecText.checkText(at, node.asText(), SpecLimits.PARAM_TEXT_LENGTH, errors);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkStrings(at + "[" + i + "]", node.get(i), errors);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (SpecText.checkName(at + " (a key)", e.getKey(), SpecLimits.LABEL_LENGTH, errors)) {
                    checkStrings(at + "." + e.getKey(), e.getValue(), errors);
                }
            }
        }
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }
}

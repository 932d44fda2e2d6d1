package dev.overton.contracts.spec;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Typed reads of one field of a spec object, each adding a {@link FieldError} naming the field when it is wrong. */
public final class SpecFields {

    private SpecFields() {}

    /**
     * A name, id, path, label or URL: a string without control characters, at most {@code maxLength} long.
     *
     * @return the value, or {@code null} when absent or wrong
     */
    public static String name(
            JsonNode object, String field, String at, boolean required, int maxLength, List<FieldError> errors) {
        String value = string(object, field, at, required, errors);
        return value != null && SpecText.checkName(at, value, maxLength, errors) ? value : null;
    }

    /**
     * Free text: a string without control characters other than TAB, LF and CR, at most {@code maxLength} long.
     *
     * @return the value, or {@code null} when absent or wrong
     */
    public static String text(
            JsonNode object, String field, String at, boolean required, int maxLength, List<FieldError> errors) {
        String value = string(object, field, at, required, errors);
        return value != null && SpecText.checkText(at, value, maxLength, errors) ? value : null;
    }

    private static String string(JsonNode object, String field, String at, boolean required, List<FieldError> errors) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new FieldError(at, "is required"));
            }
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(at, "must be a string"));
            return null;
        }
        return value.asText();
    }

    /**
     * A whole number from {@code min} to {@code max}, checked on the exact JSON number.
     *
     * @param rule what the field must be, for the message, e.g. "must be a whole number from 1 to 100"
     * @return the value, or {@code fallback} when absent or wrong
     */
    public static int whole(
            JsonNode object,
            String field,
            String at,
            int min,
            int max,
            int fallback,
            String rule,
            List<FieldError> errors) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        Long checked = SpecJson.wholeIn(value, min, max);
        if (checked == null) {
            errors.add(new FieldError(at, rule));
            return fallback;
        }
        return checked.intValue();
    }

    /** Whether {@code node} holds a list of at most {@code max} items; adds an error naming the limit if too long. */
    public static boolean withinCount(JsonNode node, String at, int max, String what, List<FieldError> errors) {
        if (node.size() > max) {
            errors.add(new FieldError(
                    at, "has " + node.size() + " " + what + "; the limit is " + max + " (docs/api.md, Limits)"));
            return false;
        }
        return true;
    }
}

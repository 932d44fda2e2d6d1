package dev.overton.contracts.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The check of a run spec's {@code measures}: an optional, non-empty list of {@link MeasureGroup} wire names, each at
 * most once. Absent means every group (as before specs chose groups). Whether a scorer can compute a group is a
 * separate check, made where the scorers' capabilities are known ({@link #unavailable}).
 */
public final class MeasureRules {

    private MeasureRules() {}

    /**
     * Reads {@code measures}.
     *
     * @param node the field's value, or {@code null} when absent
     * @return the wire names in the order given, or {@code null} when the spec names none (every group)
     */
    public static List<String> read(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        String allowed = MeasureGroup.wireNames().toString();
        if (!node.isArray() || node.isEmpty()) {
            errors.add(new FieldError(
                    "measures",
                    "must be a non-empty list of measure groups from " + allowed
                            + ", e.g. [\"lexical\"]; leave it out for every group"));
            return null;
        }
        if (node.size() > MeasureGroup.values().length) {
            errors.add(new FieldError(
                    "measures", "has " + node.size() + " entries; list each of " + allowed + " at most once"));
            return null;
        }
        List<String> measures = new ArrayList<>();
        int before = errors.size();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String at = "measures[" + i + "]";
            if (!item.isTextual()) {
                errors.add(new FieldError(at, "must be a string, one of " + allowed));
            } else if (MeasureGroup.find(item.asText()).isEmpty()) {
                errors.add(
                        new FieldError(at, quoted(item.asText()) + " is not a measure group; use one of " + allowed));
            } else if (measures.contains(item.asText())) {
                errors.add(new FieldError(at, "repeats '" + item.asText() + "'; list each group once"));
            } else {
                measures.add(item.asText());
            }
        }
        return errors.size() == before ? measures : null;
    }

    /**
     * Adds an error for each group of {@code measures} that no scorer offers.
     *
     * @param measures the checked {@code measures} ({@code null}: every group)
     * @param offered what the scorers can compute; {@code null} when no scorer has said yet (nothing is refused then:
     *     the scorer marks a group it cannot compute as undefined, with the reason)
     * @param howToEnable for a group no scorer offers, the setting that switches it on (e.g. {@code
     *     overton.semantic.enabled=true}), or {@code null} when unknown
     */
    public static void unavailable(
            List<String> measures,
            Set<MeasureGroup> offered,
            Function<MeasureGroup, String> howToEnable,
            List<FieldError> errors) {
        if (offered == null || measures == null) {
            return;
        }
        for (int i = 0; i < measures.size(); i++) {
            MeasureGroup group = MeasureGroup.find(measures.get(i)).orElse(null);
            if (group != null && !offered.contains(group)) {
                String setting = howToEnable.apply(group);
                errors.add(new FieldError(
                        "measures[" + i + "]",
                        "'" + group.wireName() + "' is switched off in the scorer's configuration"
                                + (setting == null ? "" : " (" + setting + ")")
                                + "; the scorers offer " + MeasureGroup.wireNamesOf(offered)
                                + ", so leave it out or switch it on"));
            }
        }
    }

    /** {@code text} quoted for a message, or a placeholder when it is too long or holds control characters. */
    private static String quoted(String text) {
        return SpecText.characterProblem(text, false) == null && text.length() <= SpecLimits.LABEL_LENGTH
                ? "'" + text + "'"
                : "(a name with control characters or over " + SpecLimits.LABEL_LENGTH + " characters)";
    }
}

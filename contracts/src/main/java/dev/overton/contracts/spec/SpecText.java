package dev.overton.contracts.spec;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The string policy of a run spec. Every user string is checked for length and for characters no store or log should
 * receive: free text (prompts, messages, instructions, stop strings, templates) may hold TAB, LF and CR but no other C0
 * or C1 control character (NUL among them: PostgreSQL refuses it in text); names, ids, paths, labels and URLs may hold
 * no control character at all, nor a line or paragraph separator. Unpaired UTF-16 surrogates are refused everywhere.
 * A problem names the position and code point and never echoes the string, so nothing hostile reaches a log or a page.
 */
public final class SpecText {

    /**
     * Prompt ids: a letter or digit, then letters, digits, {@code .}, {@code _}, {@code :} or {@code -}; never {@code ..}
     * (ids become path segments of report links).
     */
    public static final Pattern PROMPT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    /** Variant and icl entry names: the one pattern of the generator and icl-service. */
    public static final Pattern VARIANT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /** What a variant name may be, for messages. */
    public static final String VARIANT_NAME_RULE =
            "must be 1-100 letters, digits, '.', '_' or '-' starting with a letter or digit";

    /** What a prompt id may be, for messages. */
    public static final String PROMPT_ID_RULE =
            "must be 1-128 letters, digits, '.', '_', ':' or '-' starting with a" + " letter or digit, without '..'";

    private SpecText() {}

    /**
     * Checks a name, id, path, label or URL: length and no control character.
     *
     * @return whether it passed
     */
    public static boolean checkName(String at, String value, int maxLength, List<FieldError> errors) {
        return check(at, value, maxLength, false, errors);
    }

    /**
     * Checks free text: length and no control character other than TAB, LF and CR.
     *
     * @return whether it passed
     */
    public static boolean checkText(String at, String value, int maxLength, List<FieldError> errors) {
        return check(at, value, maxLength, true, errors);
    }

    /** Whether {@code id} is a valid prompt id. */
    public static boolean isPromptId(String id) {
        return id != null && PROMPT_ID.matcher(id).matches() && !id.contains("..");
    }

    private static boolean check(String at, String value, int maxLength, boolean text, List<FieldError> errors) {
        if (value == null) {
            return true;
        }
        String problem = characterProblem(value, text);
        if (problem != null) {
            errors.add(new FieldError(at, problem));
            return false;
        }
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            errors.add(new FieldError(
                    at, "is " + length + " characters long; the limit is " + maxLength + " (docs/api.md, Limits)"));
            return false;
        }
        return true;
    }

    /**
     * What is wrong with the characters of {@code value}, or {@code null}.
     *
     * @param text whether TAB, LF and CR are allowed (free text) or not (names, ids, paths)
     */
    public static String characterProblem(String value, boolean text) {
        int position = 0;
        for (int i = 0; i < value.length(); position++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c)
                        && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1));
                if (!paired) {
                    return "contains an unpaired UTF-16 surrogate " + codePoint(c) + " at character " + (position + 1)
                            + "; send well-formed Unicode text";
                }
                i += 2;
                continue;
            }
            boolean whitespace = c == '\t' || c == '\n' || c == '\r';
            boolean separator = c == '\u2028' || c == '\u2029';
            if ((Character.getType(c) == Character.CONTROL && !(text && whitespace)) || (!text && separator)) {
                return "contains the control character " + codePoint(c) + " at character " + (position + 1) + "; "
                        + (text
                                ? "text may hold tab, line feed and carriage return but no other control character"
                                : "names, ids, paths and labels may not hold control characters or line breaks");
            }
            i++;
        }
        return null;
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}

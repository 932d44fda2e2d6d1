package dev.overton.metrics.text;

/**
 * Python's regex character classes as {@code PythonStrings} spelled them when the regex references
 * ({@link RegexPunktReference}, {@link RegexTreebankReference}) were frozen. Held here, once, so that both oracles keep
 * the spelling they were validated against NLTK with, whatever later becomes of {@code PythonStrings}.
 */
final class FrozenPythonClasses {

    static final String WHITESPACE_CHARS =
            "\\t\\n\\x0B\\f\\r\\x1C-\\x20\\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029" + "\\u202F\\u205F\\u3000";
    static final String WS = "[" + WHITESPACE_CHARS + "]";
    static final String NOT_WS = "[^" + WHITESPACE_CHARS + "]";
    static final String WORD = "[\\p{L}\\p{N}_]";
    static final String DIGIT = "\\p{Nd}";
    static final String WORD_NOT_DIGIT = "[\\p{L}\\p{N}_&&[^\\p{Nd}]]";
    static final String BOUNDARY_BEFORE_WORD = "(?<!" + WORD + ")";
    static final String BOUNDARY_AFTER_WORD = "(?!" + WORD + ")";

    private FrozenPythonClasses() {}
}

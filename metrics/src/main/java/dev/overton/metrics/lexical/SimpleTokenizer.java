package dev.overton.metrics.lexical;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A deliberately simple word tokenizer: lowercased runs of letters and digits (apostrophes kept inside words). It is
 * the foundation's stand-in; the NLTK-faithful tokenizer that reproduces the paper's numbers is a separate class.
 */
public final class SimpleTokenizer {

    /** Identifies this tokenizer in a score's settings string. */
    public static final String NAME = "simple-v1";

    private SimpleTokenizer() {}

    /** The lowercased word tokens of {@code text}. */
    public static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null) {
            return tokens;
        }
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean inWord = Character.isLetterOrDigit(c) || (c == '\'' && current.length() > 0);
            if (inWord) {
                current.append(c);
            } else if (current.length() > 0) {
                tokens.add(finish(current));
            }
        }
        if (current.length() > 0) {
            tokens.add(finish(current));
        }
        return tokens;
    }

    private static String finish(StringBuilder current) {
        String token = current.toString().toLowerCase(Locale.ROOT);
        current.setLength(0);
        while (token.endsWith("'")) {
            token = token.substring(0, token.length() - 1);
        }
        return token;
    }
}

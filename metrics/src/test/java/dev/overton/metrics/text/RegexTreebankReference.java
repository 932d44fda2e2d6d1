package dev.overton.metrics.text;

import static dev.overton.metrics.text.FrozenPythonClasses.BOUNDARY_AFTER_WORD;
import static dev.overton.metrics.text.FrozenPythonClasses.BOUNDARY_BEFORE_WORD;
import static dev.overton.metrics.text.FrozenPythonClasses.DIGIT;
import static dev.overton.metrics.text.FrozenPythonClasses.WORD;
import static dev.overton.metrics.text.FrozenPythonClasses.WS;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The regex implementation of {@link TreebankWordTokenizer} as it was before the scanner rewrite: NLTK 3.8's Treebank
 * rules as a sequence of {@code replaceAll} passes, each regex a transcription of NLTK's. It was validated token for
 * token against NLTK on the LIMA-OE fixture; kept here, unchanged, as the oracle the fast implementation is
 * differentially tested against ({@code TreebankScannerEquivalenceTest}).
 */
final class RegexTreebankReference {

    // Python's character classes, as PythonStrings spelled them when this reference was frozen, are the static
    // imports from FrozenPythonClasses (shared with RegexPunktReference).

    private record Rule(Pattern pattern, String replacement) {
        String apply(String text) {
            return pattern.matcher(text).replaceAll(replacement);
        }
    }

    private static Rule rule(String regex, String replacement) {
        return new Rule(Pattern.compile(regex, Pattern.UNIX_LINES), replacement);
    }

    private static Rule ignoreCase(String regex, String replacement) {
        return new Rule(
                Pattern.compile(regex, Pattern.UNIX_LINES | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
                replacement);
    }

    private static final List<Rule> STARTING_QUOTES = List.of(
            rule("([«“‘„]|`+)", " $1 "),
            rule("^\"", "``"),
            rule("(``)", " $1 "),
            rule("([ (\\[{<])(\"|'{2})", "$1 `` "),
            ignoreCase("(')(?!re|ve|ll|m|t|s|d|n)(" + WORD + ")" + BOUNDARY_AFTER_WORD, "$1 $2"));

    private static final List<Rule> PUNCTUATION = List.of(
            rule("([^.])(\\.)([\\])}>\"'»”’ ]*)" + WS + "*$", "$1 $2 $3 "),
            rule("([:,])([^" + DIGIT + "])", " $1 $2"),
            rule("([:,])$", " $1 "),
            rule("\\.{2,}", " $0 "),
            rule("[;@#$%&]", " $0 "),
            // NLTK's separate final-period rule.
            rule("([^.])(\\.)([\\])}>\"']*)" + WS + "*$", "$1 $2$3 "),
            rule("[?!]", " $0 "),
            rule("([^'])' ", "$1 ' "),
            rule("[*]", " $0 "));

    private static final Rule PARENS_BRACKETS = rule("[\\]\\[(){}<>]", " $0 ");

    private static final Rule DOUBLE_DASHES = rule("--", " -- ");

    private static final List<Rule> ENDING_QUOTES = List.of(
            rule("([»”’])", " $1 "),
            rule("''", " '' "),
            rule("\"", " '' "),
            rule(WS + "+", " "),
            rule("([^' ])('[sS]|'[mM]|'[dD]|') ", "$1 $2 "),
            rule("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", "$1 $2 "));

    private static final List<Rule> CONTRACTIONS = List.of(
            ignoreCase(BOUNDARY_BEFORE_WORD + "(can)(not)" + BOUNDARY_AFTER_WORD, " $1 $2 "),
            ignoreCase(BOUNDARY_BEFORE_WORD + "(d)('ye)" + BOUNDARY_AFTER_WORD, " $1 $2 "),
            ignoreCase(BOUNDARY_BEFORE_WORD + "(gim)(me)" + BOUNDARY_AFTER_WORD, " $1 $2 "),
            ignoreCase(BOUNDARY_BEFORE_WORD + "(gon)(na)" + BOUNDARY_AFTER_WORD, " $1 $2 "),
            ignoreCase(BOUNDARY_BEFORE_WORD + "(got)(ta)" + BOUNDARY_AFTER_WORD, " $1 $2 "),
            ignoreCase(BOUNDARY_BEFORE_WORD + "(lem)(me)" + BOUNDARY_AFTER_WORD, " $1 $2 "),
            ignoreCase(BOUNDARY_BEFORE_WORD + "(more)('n)" + BOUNDARY_AFTER_WORD, " $1 $2 "),
            ignoreCase(BOUNDARY_BEFORE_WORD + "(wan)(na)(?=" + WS + ")", " $1 $2 "),
            ignoreCase(" ('t)(is)" + BOUNDARY_AFTER_WORD, " $1 $2 "),
            ignoreCase(" ('t)(was)" + BOUNDARY_AFTER_WORD, " $1 $2 "));

    private RegexTreebankReference() {}

    /**
     * {@code nltk.word_tokenize(text)}: the Treebank tokens of each Punkt sentence of {@code text}, in order. Empty for
     * empty or blank text.
     */
    static List<String> wordTokenize(String text) {
        List<String> tokens = new ArrayList<>();
        for (String sentence : RegexPunktReference.english().split(text)) {
            tokenizeSentence(sentence, tokens);
        }
        return tokens;
    }

    /** {@code NLTKWordTokenizer().tokenize(sentence)}: the Treebank tokens of one sentence. */
    static List<String> tokenizeSentence(String sentence) {
        List<String> tokens = new ArrayList<>();
        tokenizeSentence(sentence, tokens);
        return tokens;
    }

    private static void tokenizeSentence(String sentence, List<String> out) {
        String text = Objects.requireNonNull(sentence, "sentence");
        for (Rule rule : STARTING_QUOTES) {
            text = rule.apply(text);
        }
        for (Rule rule : PUNCTUATION) {
            text = rule.apply(text);
        }
        text = PARENS_BRACKETS.apply(text);
        text = DOUBLE_DASHES.apply(text);
        text = " " + text + " ";
        for (Rule rule : ENDING_QUOTES) {
            text = rule.apply(text);
        }
        for (Rule rule : CONTRACTIONS) {
            text = rule.apply(text);
        }
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && PythonStrings.isSpace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < text.length() && !PythonStrings.isSpace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(text.substring(start, i));
            }
        }
    }
}

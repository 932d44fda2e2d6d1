package dev.overton.metrics.text;

import static dev.overton.metrics.text.PythonStrings.BOUNDARY_AFTER_WORD;
import static dev.overton.metrics.text.PythonStrings.BOUNDARY_BEFORE_WORD;
import static dev.overton.metrics.text.PythonStrings.DIGIT;
import static dev.overton.metrics.text.PythonStrings.WORD;
import static dev.overton.metrics.text.PythonStrings.WS;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * NLTK's {@code word_tokenize}: Punkt sentences, each split into Penn-Treebank-style tokens by NLTK's improved Treebank
 * tokenizer ({@code NLTKWordTokenizer}). This is the tokenization behind the paper's lexical Jaccard.
 *
 * <p>The Treebank tokenizer is a fixed sequence of regex rewrites that pad tokens with spaces, then a split on
 * whitespace; the rules below are NLTK's (Apache License 2.0), in NLTK's order, with Python's character classes
 * spelled out (see {@link PythonStrings}). What they do, by group:
 *
 * <ul>
 *   <li>starting quotes: {@code "} at the start or after a space or opening bracket becomes {@code ``}; curly and
 *       back-quotes are split off;
 *   <li>punctuation: a sentence-final period is split off (a period inside the sentence stays on its word, so "Mr." and
 *       "U.S." survive), as are commas and colons not followed by a digit, ellipses, {@code ;@#$%&}, {@code ?!} and
 *       {@code *};
 *   <li>brackets and double dashes are split off;
 *   <li>ending quotes: other {@code "} become {@code ''}; clitics split off ("don't" gives "do", "n't"; "it's" gives
 *       "it", "'s"; "they'll" gives "they", "'ll");
 *   <li>MacIntyre's contractions: "cannot", "gonna", "gotta", "wanna", "gimme", "lemme", "d'ye", "more'n", "'tis",
 *       "'twas" are split in two.
 * </ul>
 *
 * <p>The rules are those of NLTK 3.8, which the paper's reference values were computed with: they reproduce the
 * LIMA-OE table to its last printed digit, NLTK 3.10's do not (3.10 also splits off en and em dashes and has another
 * opening-apostrophe rule). The whitespace normalisation before the clitic rules (in later releases, absent from some
 * earlier ones) is included: it lets "it's" split before a newline too, and changes nothing on the fixture.
 */
public final class TreebankWordTokenizer {

    /** Identifies this tokenization in a score's settings string. */
    public static final String NAME = "nltk-punkt-treebank-v1";

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

    private TreebankWordTokenizer() {}

    /**
     * {@code nltk.word_tokenize(text)}: the Treebank tokens of each Punkt sentence of {@code text}, in order. Empty for
     * empty or blank text.
     */
    public static List<String> wordTokenize(String text) {
        List<String> tokens = new ArrayList<>();
        for (String sentence : PunktSentenceSplitter.english().split(text)) {
            tokenizeSentence(sentence, tokens);
        }
        return tokens;
    }

    /** {@code NLTKWordTokenizer().tokenize(sentence)}: the Treebank tokens of one sentence. */
    public static List<String> tokenizeSentence(String sentence) {
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
        PythonStrings.splitOnWhitespace(text, out);
    }
}

package dev.overton.metrics.lexical;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.overton.metrics.text.PorterStemmer;
import dev.overton.metrics.text.Stopwords;
import dev.overton.metrics.text.TreebankWordTokenizer;

/**
 * Turns a response into the set of word n-grams that the paper's lexical Jaccard compares (see
 * {@link PairwiseJaccard}): NLTK word tokens, content tokens only, optionally stemmed, n-grams, as a set.
 *
 * <p>The filter drops a token when every character is ASCII punctuation (Python's {@code string.punctuation}, so
 * {@code "``"}, {@code "..."} and {@code "--"} go but {@code "—"} and {@code "’"} stay) or when it is one of the 179
 * English stopwords, tested case-sensitively before any lowercasing ({@code "The"} stays). N-grams run over the
 * filtered sequence, so they may join words that had a stopword between them; an n-gram is its tokens joined by one
 * space, which no token contains.
 */
public final class WordBags {

    /** Identifies the token filter in a settings string. */
    public static final String FILTER_NAME = "stop179+punct";

    private static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private WordBags() {}

    /** The word bag of {@code text} under {@code settings}. */
    public static Set<String> bag(String text, LexicalSettings settings) {
        return bagOfTokens(TreebankWordTokenizer.wordTokenize(text), settings);
    }

    /** The word bag of already tokenized text (NLTK word tokens) under {@code settings}. */
    public static Set<String> bagOfTokens(List<String> tokens, LexicalSettings settings) {
        List<String> content = contentTokens(tokens);
        if (settings.stem()) {
            content.replaceAll(PorterStemmer::stem);
        }
        return ngrams(content, settings.n(), settings.shortSequences());
    }

    /** The tokens that are neither all ASCII punctuation nor stopwords, in order (a new, mutable list). */
    public static List<String> contentTokens(List<String> tokens) {
        Stopwords stopwords = Stopwords.english();
        List<String> content = new ArrayList<>(tokens.size());
        for (String token : tokens) {
            if (!isAsciiPunctuation(token) && !stopwords.contains(token)) {
                content.add(token);
            }
        }
        return content;
    }

    /** Whether every character of {@code token} is in Python's {@code string.punctuation} (false for ""). */
    public static boolean isAsciiPunctuation(String token) {
        if (token.isEmpty()) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (ASCII_PUNCTUATION.indexOf(token.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The set of n-grams of {@code sequence}, each its tokens joined by a space. Empty for an empty sequence; for a
     * sequence shorter than {@code n}, as {@code shortSequences} says.
     */
    public static Set<String> ngrams(List<String> sequence, int n, LexicalSettings.ShortSequences shortSequences) {
        Set<String> grams = new HashSet<>();
        int size = sequence.size();
        if (size == 0) {
            return grams;
        }
        if (size < n) {
            if (shortSequences == LexicalSettings.ShortSequences.WHOLE_SEQUENCE) {
                grams.add(String.join(" ", sequence));
            }
            return grams;
        }
        if (n == 1) {
            grams.addAll(sequence);
            return grams;
        }
        StringBuilder gram = new StringBuilder();
        for (int i = 0; i + n <= size; i++) {
            gram.setLength(0);
            gram.append(sequence.get(i));
            for (int j = i + 1; j < i + n; j++) {
                gram.append(' ').append(sequence.get(j));
            }
            grams.add(gram.toString());
        }
        return grams;
    }
}

package dev.overton.metrics.text;

import java.util.Set;

/**
 * The standard 179-word English stopword list of NLTK ({@code nltk.corpus.stopwords.words('english')}), the list the
 * paper's lexical Jaccard drops before comparing responses.
 *
 * <p>Membership is case-sensitive, as in the paper's filter, which tests tokens <em>before</em> any lowercasing:
 * {@code "the"} is a stopword, a sentence-initial {@code "The"} is not (and so counts as a content word). The list is
 * read once from the project's resource {@code /dev/overton/metrics/text/stopwords-english.txt}.
 */
public final class Stopwords {

    private static final String RESOURCE = "/dev/overton/metrics/text/stopwords-english.txt";

    private static final class English {
        private static final Stopwords INSTANCE = new Stopwords(Set.copyOf(ResourceLines.read(RESOURCE)));
    }

    private final Set<String> words;

    private Stopwords(Set<String> words) {
        this.words = words;
    }

    /** The English list, loaded on first use and shared. */
    public static Stopwords english() {
        return English.INSTANCE;
    }

    /** Whether {@code token} is on the list, exactly as written (no case folding). */
    public boolean contains(String token) {
        return words.contains(token);
    }

    /** Number of words on the list (179 for English). */
    public int size() {
        return words.size();
    }

    /** The words, unmodifiable. */
    public Set<String> words() {
        return words;
    }
}

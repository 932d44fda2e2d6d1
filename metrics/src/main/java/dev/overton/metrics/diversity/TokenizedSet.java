package dev.overton.metrics.diversity;

import java.util.ArrayList;
import java.util.List;

import dev.overton.metrics.text.TreebankWordTokenizer;

/**
 * A sample set ready for the diversity measures: the response texts and, for each, its NLTK word tokens
 * ({@link TreebankWordTokenizer#wordTokenize}). Tokenizing is the expensive step of every token-based measure, so a
 * set is tokenized once, here, and every measure reads the same lists; the settings strings of the token-based
 * measures name that tokenizer, so tokens made any other way must not be passed in.
 *
 * @param texts the responses, in sample order
 * @param tokens {@code tokens.get(i)} is the NLTK word tokens of {@code texts.get(i)}, unfiltered and case kept
 */
public record TokenizedSet(List<String> texts, List<List<String>> tokens) {

    public TokenizedSet {
        texts = List.copyOf(texts);
        List<List<String>> copies = new ArrayList<>(tokens.size());
        for (List<String> list : tokens) {
            copies.add(List.copyOf(list));
        }
        tokens = List.copyOf(copies);
        if (texts.size() != tokens.size()) {
            throw new IllegalArgumentException(
                    "texts and tokens differ in size: " + texts.size() + " texts, " + tokens.size() + " token lists");
        }
    }

    /** Tokenizes each text once with NLTK's {@code word_tokenize}. */
    public static TokenizedSet of(List<String> texts) {
        List<List<String>> tokens = new ArrayList<>(texts.size());
        for (String text : texts) {
            tokens.add(TreebankWordTokenizer.wordTokenize(text));
        }
        return new TokenizedSet(texts, tokens);
    }

    /** The number of responses. */
    public int size() {
        return texts.size();
    }
}

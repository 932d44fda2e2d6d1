package dev.overton.icl.selection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.overton.metrics.text.Stopwords;

/**
 * The lexical fallback embedder ({@code overton.icl.embedder=tfidf}): bag-of-words TF-IDF over the batch, no model. It
 * finds prompts that share distinctive words, not paraphrases ({@link MiniLmEmbedder} does); nearest-neighbour
 * selections made with it are lexical.
 *
 * <p>Tokens are maximal runs of Unicode letters and digits, lowercased; English stopwords (the 179-word list) and
 * one-character tokens are dropped. Weight = (1 + ln tf) × idf with smoothed idf = ln((1 + N) / (1 + df)) + 1, N the
 * batch size (as scikit-learn's {@code TfidfVectorizer(sublinear_tf=True)}); each vector is L2-normalised. A text
 * without tokens is the zero vector (cosine 0 with everything).
 */
public final class TfIdfEmbedder implements TextEmbedder {

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+");

    private final Stopwords stopwords = Stopwords.english();

    @Override
    public List<double[]> embed(List<String> texts) {
        List<Map<String, Integer>> counts = new ArrayList<>(texts.size());
        Map<String, Integer> vocabulary = new LinkedHashMap<>();
        Map<String, Integer> documentFrequency = new HashMap<>();
        for (String text : texts) {
            Map<String, Integer> tf = termCounts(text);
            counts.add(tf);
            for (String term : tf.keySet()) {
                vocabulary.putIfAbsent(term, vocabulary.size());
                documentFrequency.merge(term, 1, Integer::sum);
            }
        }
        int n = texts.size();
        List<double[]> vectors = new ArrayList<>(n);
        for (Map<String, Integer> tf : counts) {
            double[] v = new double[vocabulary.size()];
            double norm = 0;
            for (Map.Entry<String, Integer> e : tf.entrySet()) {
                double idf = Math.log((1.0 + n) / (1.0 + documentFrequency.get(e.getKey()))) + 1;
                double w = (1 + Math.log(e.getValue())) * idf;
                v[vocabulary.get(e.getKey())] = w;
                norm += w * w;
            }
            if (norm > 0) {
                double length = Math.sqrt(norm);
                for (int i = 0; i < v.length; i++) {
                    v[i] /= length;
                }
            }
            vectors.add(v);
        }
        return vectors;
    }

    private Map<String, Integer> termCounts(String text) {
        Map<String, Integer> tf = new HashMap<>();
        Matcher m = TOKEN.matcher(text == null ? "" : text);
        while (m.find()) {
            String token = m.group().toLowerCase(Locale.ROOT);
            if (token.length() > 1 && !stopwords.contains(token)) {
                tf.merge(token, 1, Integer::sum);
            }
        }
        return tf;
    }

    @Override
    public String describe() {
        return "tfidf(sublinear_tf,smooth_idf,stop179,l2)";
    }
}

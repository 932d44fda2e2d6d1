package dev.overton.icl.hints;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.overton.metrics.text.PunktSentenceSplitter;
import dev.overton.metrics.text.Stopwords;

/**
 * An offline, deterministic extractive summary: the {@code maxSentences} sentences of the answer closest to its
 * centroid, in their original order. Aligned answers often open with a pleasantry or a disclaimer ("Certainly!", "As a
 * responsible AI…"), so taking the first sentences would summarize the framing rather than the content; the centroid
 * pick favours sentences that share the answer's main content words.
 *
 * <p>Sentences: each line (list items are lines) split with the Punkt English splitter; list markers ({@code 1.},
 * {@code -}, {@code *}) are removed, and sentences with fewer than {@code 4} content words are not candidates. A
 * sentence's vector is the counts of its lowercased content words (letters/digits, stopwords dropped); the centroid
 * is their sum; the score is cosine similarity to it. The summary stops before exceeding {@code maxChars}, but always
 * holds at least one sentence. With no candidate sentence, the summary is the answer's first {@code maxChars}
 * characters.
 */
public final class ExtractiveSummarizer implements Summarizer {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern LIST_MARKER = Pattern.compile("^\\s*(?:\\d+[.)]|[-*•])\\s+");
    private static final int MIN_CONTENT_WORDS = 4;

    private final int maxSentences;
    private final int maxChars;
    private final PunktSentenceSplitter splitter = PunktSentenceSplitter.english();
    private final Stopwords stopwords = Stopwords.english();

    /**
     * @param maxSentences at most this many sentences (the method asks for 2–3)
     * @param maxChars at most this many characters, unless one sentence alone is longer
     */
    public ExtractiveSummarizer(int maxSentences, int maxChars) {
        if (maxSentences < 1 || maxChars < 1) {
            throw new IllegalArgumentException("maxSentences and maxChars must be >= 1");
        }
        this.maxSentences = maxSentences;
        this.maxChars = maxChars;
    }

    /** Three sentences, at most 600 characters. */
    public static ExtractiveSummarizer standard() {
        return new ExtractiveSummarizer(3, 600);
    }

    @Override
    public String summarize(String query, String answer) {
        if (answer == null || answer.isBlank()) {
            return "";
        }
        List<Candidate> candidates = new ArrayList<>();
        Map<String, Integer> centroid = new HashMap<>();
        for (String line : answer.split("\\R")) {
            String text = LIST_MARKER.matcher(line).replaceFirst("").strip();
            if (text.isEmpty()) {
                continue;
            }
            for (String sentence : splitter.split(text)) {
                Map<String, Integer> words = contentWords(sentence);
                int total = words.values().stream().mapToInt(Integer::intValue).sum();
                if (total >= MIN_CONTENT_WORDS) {
                    candidates.add(new Candidate(candidates.size(), sentence.strip(), words));
                    words.forEach((w, c) -> centroid.merge(w, c, Integer::sum));
                }
            }
        }
        if (candidates.isEmpty()) {
            String stripped = answer.strip();
            return stripped.length() <= maxChars
                    ? stripped
                    : stripped.substring(0, maxChars).strip();
        }
        List<Candidate> ranked = new ArrayList<>(candidates);
        ranked.sort(Comparator.comparingDouble((Candidate c) -> -cosine(c.words(), centroid))
                .thenComparingInt(Candidate::position));
        List<Candidate> chosen = new ArrayList<>();
        int length = 0;
        for (Candidate c : ranked) {
            if (chosen.size() == maxSentences) {
                break;
            }
            int added = c.text().length() + (chosen.isEmpty() ? 0 : 1);
            if (!chosen.isEmpty() && length + added > maxChars) {
                continue;
            }
            chosen.add(c);
            length += added;
        }
        chosen.sort(Comparator.comparingInt(Candidate::position));
        StringBuilder summary = new StringBuilder();
        for (Candidate c : chosen) {
            if (!summary.isEmpty()) {
                summary.append(' ');
            }
            summary.append(c.text());
        }
        return summary.toString();
    }

    private Map<String, Integer> contentWords(String sentence) {
        Map<String, Integer> words = new HashMap<>();
        Matcher m = WORD.matcher(sentence);
        while (m.find()) {
            String w = m.group().toLowerCase(Locale.ROOT);
            if (!stopwords.contains(w)) {
                words.merge(w, 1, Integer::sum);
            }
        }
        return words;
    }

    private static double cosine(Map<String, Integer> a, Map<String, Integer> b) {
        double dot = 0;
        for (Map.Entry<String, Integer> e : a.entrySet()) {
            dot += e.getValue() * (double) b.getOrDefault(e.getKey(), 0);
        }
        double na = a.values().stream().mapToDouble(v -> (double) v * v).sum();
        double nb = b.values().stream().mapToDouble(v -> (double) v * v).sum();
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    @Override
    public String describe() {
        return "extractive(centroid, sentences=" + maxSentences + ", chars=" + maxChars + ")";
    }

    private record Candidate(int position, String text, Map<String, Integer> words) {}
}

package dev.overton.metrics.text;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * NLTK's Porter stemmer in its default {@code NLTK_EXTENSIONS} mode ({@code nltk.stem.PorterStemmer().stem(word)}),
 * the stemmer behind the paper's stemmed unigram Jaccard.
 *
 * <p>Porter's algorithm (1980) strips English suffixes in five steps, each conditioned on the <em>measure</em> of the
 * remaining stem (its number of vowel-consonant sequences). NLTK's mode adds Martin Porter's later changes and its own:
 * a pool of irregular forms ("dying" to "die", "skies" to "sky", "news" kept), "ies"/"ied" on four-letter words to
 * "ie", "y" to "i" only after a consonant that is not the whole stem, "alli" to "al" recursively, "fulli" and "logi",
 * a two-letter vowel-consonant stem counting as ending consonant-vowel-consonant, and words of at most two characters
 * left alone. The word
 * is lowercased first, as NLTK does by default, so the result is always lowercase. Lengths count code points, as
 * Python does.
 *
 * <p>Stems are remembered, up to {@value #CACHED_WORDS} words of at most {@value #CACHED_LENGTH} characters: the
 * scorer stems every content word of every answer, and the words of English text repeat (a few thousand cover most of
 * any answer), so most stems are a lookup. The bound keeps memory fixed however many distinct words arrive; other words
 * are stemmed each time.
 */
public final class PorterStemmer {

    /** Identifies this stemmer in a score's settings string. */
    public static final String NAME = "porter-nltk";

    private static final Map<String, String> IRREGULAR_FORMS = Map.ofEntries(
            Map.entry("sky", "sky"),
            Map.entry("skies", "sky"),
            Map.entry("dying", "die"),
            Map.entry("lying", "lie"),
            Map.entry("tying", "tie"),
            Map.entry("news", "news"),
            Map.entry("innings", "inning"),
            Map.entry("inning", "inning"),
            Map.entry("outings", "outing"),
            Map.entry("outing", "outing"),
            Map.entry("cannings", "canning"),
            Map.entry("canning", "canning"),
            Map.entry("howe", "howe"),
            Map.entry("proceed", "proceed"),
            Map.entry("exceed", "exceed"),
            Map.entry("succeed", "succeed"));

    private static final String[][] STEP2_RULES = {
        {"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"}, {"anci", "ance"}, {"izer", "ize"}, {"bli", "ble"},
        {"alli", "al"}, {"entli", "ent"}, {"eli", "e"}, {"ousli", "ous"}, {"ization", "ize"}, {"ation", "ate"},
        {"ator", "ate"}, {"alism", "al"}, {"iveness", "ive"}, {"fulness", "ful"}, {"ousness", "ous"}, {"aliti", "al"},
        {"iviti", "ive"}, {"biliti", "ble"}, {"fulli", "ful"}
    };

    private static final String[][] STEP3_RULES = {
        {"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"}, {"ical", "ic"}, {"ful", ""}, {"ness", ""}
    };

    private static final String[] STEP4_SUFFIXES = {
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate",
        "iti", "ous", "ive", "ize"
    };

    /** Words whose stem is remembered, at most, ... */
    static final int CACHED_WORDS = 50_000;

    /** ... each at most this long (a long token, e.g. a URL, is rarely seen twice): a few MB in all. */
    static final int CACHED_LENGTH = 32;

    private static final Map<String, String> STEMS = new ConcurrentHashMap<>();

    private PorterStemmer() {}

    /** The stem of {@code word}, lowercase. */
    public static String stem(String word) {
        String known = STEMS.get(Objects.requireNonNull(word, "word"));
        if (known != null) {
            return known;
        }
        String stem = stemOnce(word);
        if (word.length() <= CACHED_LENGTH && STEMS.size() < CACHED_WORDS) {
            STEMS.put(word, stem);
        }
        return stem;
    }

    private static String stemOnce(String word) {
        String lower = Objects.requireNonNull(word, "word").toLowerCase(Locale.ROOT);
        String irregular = IRREGULAR_FORMS.get(lower);
        if (irregular != null) {
            return irregular;
        }
        if (word.codePointCount(0, word.length()) <= 2) {
            return lower;
        }
        if (hasSurrogates(lower)) {
            return stemWithSupplementaryCharacters(lower);
        }
        return stemSteps(lower);
    }

    private static String stemSteps(String word) {
        String stem = step1a(word);
        stem = step1b(stem);
        stem = step1c(stem);
        stem = step2(stem);
        stem = step3(stem);
        stem = step4(stem);
        stem = step5a(stem);
        return step5b(stem);
    }

    private static String step1a(String word) {
        if (word.endsWith("ies") && word.length() == 4) {
            return cut(word, 3) + "ie";
        }
        if (word.endsWith("sses")) {
            return cut(word, 2);
        }
        if (word.endsWith("ies")) {
            return cut(word, 2);
        }
        if (word.endsWith("ss")) {
            return word;
        }
        if (word.endsWith("s")) {
            return cut(word, 1);
        }
        return word;
    }

    private static String step1b(String word) {
        if (word.endsWith("ied")) {
            return word.length() == 4 ? cut(word, 3) + "ie" : cut(word, 3) + "i";
        }
        if (word.endsWith("eed")) {
            String stem = cut(word, 3);
            return measure(stem) > 0 ? stem + "ee" : word;
        }
        String stem;
        if (word.endsWith("ed") && containsVowel(cut(word, 2))) {
            stem = cut(word, 2);
        } else if (word.endsWith("ing") && containsVowel(cut(word, 3))) {
            stem = cut(word, 3);
        } else {
            return word;
        }
        if (stem.endsWith("at") || stem.endsWith("bl") || stem.endsWith("iz")) {
            return stem + "e";
        }
        if (endsDoubleConsonant(stem)) {
            char last = stem.charAt(stem.length() - 1);
            return last == 'l' || last == 's' || last == 'z' ? stem : cut(stem, 1);
        }
        return measure(stem) == 1 && endsCvc(stem) ? stem + "e" : stem;
    }

    private static String step1c(String word) {
        if (word.endsWith("y")) {
            String stem = cut(word, 1);
            return stem.length() > 1 && isConsonant(stem, stem.length() - 1) ? stem + "i" : word;
        }
        return word;
    }

    private static String step2(String word) {
        if (word.endsWith("alli") && measure(cut(word, 4)) > 0) {
            return step2(cut(word, 4) + "al");
        }
        for (String[] rule : STEP2_RULES) {
            if (word.endsWith(rule[0])) {
                String stem = cut(word, rule[0].length());
                return measure(stem) > 0 ? stem + rule[1] : word;
            }
        }
        if (word.endsWith("logi")) {
            // NLTK tests the measure of the word without "ogi", i.e. with the "l" kept.
            return measure(cut(word, 3)) > 0 ? cut(word, 4) + "log" : word;
        }
        return word;
    }

    private static String step3(String word) {
        for (String[] rule : STEP3_RULES) {
            if (word.endsWith(rule[0])) {
                String stem = cut(word, rule[0].length());
                return measure(stem) > 0 ? stem + rule[1] : word;
            }
        }
        return word;
    }

    private static String step4(String word) {
        for (String suffix : STEP4_SUFFIXES) {
            if (word.endsWith(suffix)) {
                String stem = cut(word, suffix.length());
                boolean remove = measure(stem) > 1;
                if (remove && suffix.equals("ion")) {
                    char last = stem.charAt(stem.length() - 1);
                    remove = last == 's' || last == 't';
                }
                return remove ? stem : word;
            }
        }
        return word;
    }

    private static String step5a(String word) {
        if (word.endsWith("e")) {
            String stem = cut(word, 1);
            int measure = measure(stem);
            if (measure > 1 || (measure == 1 && !endsCvc(stem))) {
                return stem;
            }
        }
        return word;
    }

    private static String step5b(String word) {
        if (word.endsWith("ll") && measure(cut(word, 1)) > 1) {
            return cut(word, 1);
        }
        return word;
    }

    private static String cut(String word, int suffixLength) {
        return word.substring(0, word.length() - suffixLength);
    }

    private static boolean isVowel(char c) {
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
    }

    /** A consonant is not a vowel, and not a "y" after a consonant (so "y" alternates in a run of "y"s). */
    private static boolean isConsonant(String word, int index) {
        int i = index;
        char c = word.charAt(i);
        if (isVowel(c)) {
            return false;
        }
        if (c != 'y') {
            return true;
        }
        boolean negate = false;
        while (i > 0 && word.charAt(i) == 'y') {
            negate = !negate;
            i--;
        }
        return !isVowel(word.charAt(i)) != negate;
    }

    /** Porter's m: the number of vowel-then-consonant transitions, in one left-to-right pass. */
    private static int measure(String stem) {
        int measure = 0;
        boolean previousConsonant = true;
        for (int i = 0; i < stem.length(); i++) {
            char c = stem.charAt(i);
            boolean consonant = !isVowel(c) && (c != 'y' || i == 0 || !previousConsonant);
            if (consonant && i > 0 && !previousConsonant) {
                measure++;
            }
            previousConsonant = consonant;
        }
        return measure;
    }

    private static boolean containsVowel(String stem) {
        boolean previousConsonant = true;
        for (int i = 0; i < stem.length(); i++) {
            char c = stem.charAt(i);
            boolean consonant = !isVowel(c) && (c != 'y' || i == 0 || !previousConsonant);
            if (!consonant) {
                return true;
            }
            previousConsonant = consonant;
        }
        return false;
    }

    private static boolean endsDoubleConsonant(String word) {
        int n = word.length();
        return n >= 2 && word.charAt(n - 1) == word.charAt(n - 2) && isConsonant(word, n - 1);
    }

    /** Porter's *o: ends consonant-vowel-consonant, the last not w, x or y; NLTK adds two-letter vowel-consonant. */
    private static boolean endsCvc(String word) {
        int n = word.length();
        if (n >= 3
                && isConsonant(word, n - 3)
                && !isConsonant(word, n - 2)
                && isConsonant(word, n - 1)
                && "wxy".indexOf(word.charAt(n - 1)) < 0) {
            return true;
        }
        return n == 2 && !isConsonant(word, 0) && isConsonant(word, 1);
    }

    private static boolean hasSurrogates(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (Character.isSurrogate(word.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Python indexes strings by code point, so a character outside the BMP is one letter to NLTK but two {@code char}s
     * here. Each such code point is stood in for by an unused private-use character (never a vowel or "y", and equal
     * only to itself) while the steps run, then put back.
     */
    private static String stemWithSupplementaryCharacters(String word) {
        Map<Integer, Character> standIns = new HashMap<>();
        Map<Character, Integer> originals = new HashMap<>();
        char next = '\uE000';
        StringBuilder mapped = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); ) {
            int codePoint = word.codePointAt(i);
            i += Character.charCount(codePoint);
            if (Character.isSupplementaryCodePoint(codePoint)) {
                Character standIn = standIns.get(codePoint);
                if (standIn == null) {
                    while (word.indexOf(next) >= 0) {
                        next++;
                    }
                    standIn = next++;
                    standIns.put(codePoint, standIn);
                    originals.put(standIn, codePoint);
                }
                mapped.append(standIn.charValue());
            } else {
                mapped.appendCodePoint(codePoint);
            }
        }
        String stemmed = stemSteps(mapped.toString());
        StringBuilder result = new StringBuilder(stemmed.length() + originals.size());
        for (int i = 0; i < stemmed.length(); i++) {
            char c = stemmed.charAt(i);
            Integer original = originals.get(c);
            if (original != null) {
                result.appendCodePoint(original);
            } else {
                result.append(c);
            }
        }
        return result.toString();
    }
}

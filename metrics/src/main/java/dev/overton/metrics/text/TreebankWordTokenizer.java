package dev.overton.metrics.text;

import static dev.overton.metrics.text.PythonStrings.codePointAt;
import static dev.overton.metrics.text.PythonStrings.foldsTo;
import static dev.overton.metrics.text.PythonStrings.isDecimalDigit;
import static dev.overton.metrics.text.PythonStrings.isSpace;
import static dev.overton.metrics.text.PythonStrings.isWordChar;
import static dev.overton.metrics.text.PythonStrings.isWordCharAt;
import static dev.overton.metrics.text.PythonStrings.isWordCharBefore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * NLTK's {@code word_tokenize}: Punkt sentences, each split into Penn-Treebank-style tokens by NLTK's improved Treebank
 * tokenizer ({@code NLTKWordTokenizer}). This is the tokenization behind the paper's lexical Jaccard.
 *
 * <p>NLTK's Treebank tokenizer is a fixed sequence of regex rewrites that pad tokens with spaces, then a split on
 * whitespace. The rules are NLTK's (Apache License 2.0), in NLTK's order, with Python's character classes (see
 * {@link PythonStrings}). What they do, by group:
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
 *
 * <p>Implementation: the rules are not run as regexes (31 {@code replaceAll} passes made this the scorer's hot spot)
 * but as hand-written scanners over a reusable {@code char} buffer, each the exact equivalent of its regex (same
 * left-to-right, non-overlapping matching, Python's character classes, {@code $} before a final newline). One scan of
 * the sentence first records which rule triggers occur (quotes, punctuation, apostrophes, contraction spellings); a
 * rule whose trigger is absent is skipped, and a rule that finds no match copies nothing. Rules that cannot interact
 * are fused into one pass; the comment at each pass says which rules it performs and why fusing them is exact. The
 * regex version is kept in the tests as the oracle this one is checked against, on the LIMA-OE fixture (every token
 * of every response) and on generated text full of the rules' corner cases.
 */
public final class TreebankWordTokenizer {

    /** Identifies this tokenization in a score's settings string. */
    public static final String NAME = "nltk-punkt-treebank-v1";

    // Trigger flags, found by one scan of the sentence; a pass runs only when its trigger occurs.
    /** {@code «“‘„} or a back-quote: the first starting-quotes rule. */
    private static final int OPENING_QUOTE = 1;
    /** {@code "}. */
    private static final int DOUBLE_QUOTE = 1 << 1;
    /** {@code '}. */
    private static final int APOSTROPHE = 1 << 2;
    /** {@code ''}. */
    private static final int TWO_APOSTROPHES = 1 << 3;
    /** {@code :,;@#$%&?!} or {@code ..}: the fused punctuation pass. */
    private static final int PUNCTUATION = 1 << 4;
    /** Characters the scan looks at more closely: {@code .}, {@code '}, and the letters n, m and t of either case. */
    private static final int LOOK_CLOSER = 1 << 5;

    private static final int[] ASCII_FLAGS = new int[128];

    static {
        for (char c : ":,;@#$%&?!".toCharArray()) {
            ASCII_FLAGS[c] = PUNCTUATION;
        }
        ASCII_FLAGS['`'] = OPENING_QUOTE;
        ASCII_FLAGS['"'] = DOUBLE_QUOTE;
        ASCII_FLAGS['\''] = APOSTROPHE | LOOK_CLOSER;
        for (char c : ".nNmMtT".toCharArray()) {
            ASCII_FLAGS[c] = LOOK_CLOSER;
        }
    }

    /**
     * A MacIntyre contraction rule, ignoring case: {@code (?<!\w)(A)(B)(?!\w)} → {@code " $1 $2 "}, except that
     * "wanna" needs whitespace after it ({@code (?=\s)} instead of {@code (?!\w)}) and "'tis", "'twas" need a space
     * before them instead of the look-behind ({@code  ('t)(is)(?!\w)}, the space being part of the match).
     */
    private static final class Contraction implements Rule {
        final String first;
        final String second;
        final String word;
        final boolean spaceBefore;
        final boolean whitespaceAfter;
        /**
         * Where in {@link #word} the sentence scan notices it: at the apostrophe, or else at the second letter of its
         * "nn", "mm" or "tt".
         */
        final int anchor;

        Contraction(String first, String second, boolean spaceBefore, boolean whitespaceAfter) {
            this.first = first;
            this.second = second;
            this.word = first + second;
            this.spaceBefore = spaceBefore;
            this.whitespaceAfter = whitespaceAfter;
            int apostrophe = word.indexOf('\'');
            this.anchor = apostrophe >= 0 ? apostrophe : doubledLetter(word);
        }

        private static int doubledLetter(String word) {
            for (int i = 1; i < word.length(); i++) {
                char c = word.charAt(i);
                if (c == word.charAt(i - 1) && (c == 'n' || c == 'm' || c == 't')) {
                    return i;
                }
            }
            throw new IllegalArgumentException("No apostrophe, nn, mm or tt to notice " + word + " by");
        }

        boolean anchoredAtApostrophe() {
            return word.charAt(anchor) == '\'';
        }

        @Override
        public int matchEnd(char[] s, int n, int i) {
            int start = i;
            if (spaceBefore) {
                if (s[i] != ' ') {
                    return -1;
                }
                start = i + 1;
            } else if (isWordCharBefore(s, i)) {
                return -1;
            }
            if (!foldsTo(s, start, n, word)) {
                return -1;
            }
            int end = start + word.length();
            if (whitespaceAfter) {
                return end < n && isSpace(s[end]) ? end : -1;
            }
            return isWordCharAt(s, end, n) ? -1 : end;
        }

        @Override
        public int replace(char[] s, int n, int i, int end, char[] out, int o) {
            int start = spaceBefore ? i + 1 : i;
            out[o++] = ' ';
            o = withSpaceAt(s, start, start + first.length(), end, out, o);
            out[o++] = ' ';
            return o;
        }
    }

    /** NLTK's contraction rules, in order; the sentence scan marks rule {@code k} as possible with bit {@code k}. */
    private static final List<Contraction> CONTRACTIONS = List.of(
            new Contraction("can", "not", false, false),
            new Contraction("d", "'ye", false, false),
            new Contraction("gim", "me", false, false),
            new Contraction("gon", "na", false, false),
            new Contraction("got", "ta", false, false),
            new Contraction("lem", "me", false, false),
            new Contraction("more", "'n", false, false),
            new Contraction("wan", "na", false, true),
            new Contraction("'t", "is", true, false),
            new Contraction("'t", "was", true, false));

    private TreebankWordTokenizer() {}

    /**
     * {@code nltk.word_tokenize(text)}: the Treebank tokens of each Punkt sentence of {@code text}, in order. Empty for
     * empty or blank text.
     */
    public static List<String> wordTokenize(String text) {
        List<PunktSentenceSplitter.Span> spans = PunktSentenceSplitter.english().spans(text);
        List<String> tokens = new ArrayList<>(text.length() / 4 + 8);
        // Sized for a typical sentence; grows when a longer one comes.
        Buffer buffer = new Buffer(Math.min(text.length(), 256));
        for (PunktSentenceSplitter.Span span : spans) {
            if (span.start() < span.end()) {
                buffer.tokenize(text, span.start(), span.end(), tokens);
            }
        }
        return tokens;
    }

    /** {@code NLTKWordTokenizer().tokenize(sentence)}: the Treebank tokens of one sentence. */
    public static List<String> tokenizeSentence(String sentence) {
        Objects.requireNonNull(sentence, "sentence");
        List<String> tokens = new ArrayList<>();
        new Buffer(sentence.length()).tokenize(sentence, 0, sentence.length(), tokens);
        return tokens;
    }

    /**
     * The text being rewritten ({@code text[0:length]}) and a second array that passes write into; swapped after each
     * pass that changed something. One per call, reused for all sentences of a text.
     */
    private static final class Buffer {
        char[] text;
        int length;
        char[] spare;

        Buffer(int expected) {
            text = new char[Math.max(64, expected + expected / 2 + 16)];
            spare = new char[text.length];
        }

        /** The spare array, with room for {@code capacity} characters. */
        char[] spare(int capacity) {
            if (spare.length < capacity) {
                spare = new char[Math.max(capacity, spare.length * 2)];
            }
            return spare;
        }

        /** Makes the spare array, now holding the first {@code newLength} characters of the result, the text. */
        void swap(int newLength) {
            char[] t = text;
            text = spare;
            spare = t;
            length = newLength;
        }

        /** Room for {@code capacity} characters in the text itself, keeping its contents. */
        void ensureText(int capacity) {
            if (text.length < capacity) {
                text = Arrays.copyOf(text, Math.max(capacity, text.length * 2));
            }
        }

        /** Every pass at most quadruples the text (a {@code "} becomes {@code " '' "}). */
        char[] spareForPass() {
            return spare(4 * length + 8);
        }

        void tokenize(String source, int start, int end, List<String> out) {
            length = end - start;
            ensureText(length + 8);
            source.getChars(start, end, text, 0);

            // Which triggers occur; contractions as a bit per rule of CONTRACTIONS.
            int flags = 0;
            int contractions = 0;
            char[] s = text;
            int n = length;
            char previous = 0;
            for (int i = 0; i < n; i++) {
                char c = s[i];
                if (c < 128) {
                    int f = ASCII_FLAGS[c];
                    if (f != 0) {
                        flags |= f;
                        if ((f & LOOK_CLOSER) != 0) {
                            if (c == '.') {
                                if (previous == '.') {
                                    flags |= PUNCTUATION;
                                }
                            } else if (c == '\'') {
                                if (previous == '\'') {
                                    flags |= TWO_APOSTROPHES;
                                }
                                contractions |= contractionsAt(s, i, n, true);
                            } else if ((previous | 0x20) == (c | 0x20)) {
                                contractions |= contractionsAt(s, i, n, false);
                            }
                        }
                    }
                } else if (c == '«' || c == '“' || c == '‘' || c == '„') {
                    flags |= OPENING_QUOTE;
                }
                previous = c;
            }

            // Starting quotes.
            if ((flags & OPENING_QUOTE) != 0 || (n > 0 && s[0] == '"')) {
                swap(openingQuotes(text, length, spareForPass()));
            }
            if ((flags & (DOUBLE_QUOTE | TWO_APOSTROPHES)) != 0) {
                run(QUOTE_AFTER_OPENING);
            }
            if ((flags & APOSTROPHE) != 0) {
                run(APOSTROPHE_BEFORE_LETTER);
            }

            // Punctuation.
            finalPeriod(true);
            if ((flags & PUNCTUATION) != 0) {
                swap(punctuation(text, length, spareForPass()));
            }
            finalPeriod(false);
            if ((flags & APOSTROPHE) != 0) {
                run(APOSTROPHE_BEFORE_SPACE);
            }

            // Brackets, dashes, ending quotes and whitespace normalisation.
            swap(bracketsDashesQuotesSpaces(text, length, spareForPass()));

            // Clitics (E3 above may have turned " into '').
            if ((flags & (APOSTROPHE | DOUBLE_QUOTE)) != 0) {
                run(SHORT_CLITIC);
                run(LONG_CLITIC);
            }

            // Contractions.
            for (int rule = 0; contractions != 0; rule++, contractions >>>= 1) {
                if ((contractions & 1) != 0) {
                    run(CONTRACTIONS.get(rule));
                }
            }

            splitOnSpaces(text, length, out);
        }

        /**
         * Applies {@code rule} as {@code replaceAll} does: matches tried at each position left to right, the search
         * resuming after each match. Copies nothing when the rule matches nowhere.
         */
        private void run(Rule rule) {
            char[] s = text;
            int n = length;
            int i = 0;
            int end = -1;
            while (i < n && (end = rule.matchEnd(s, n, i)) < 0) {
                i++;
            }
            if (end < 0) {
                return;
            }
            char[] out = spareForPass();
            System.arraycopy(s, 0, out, 0, i);
            int o = i;
            while (i < n) {
                if (end < 0) {
                    end = rule.matchEnd(s, n, i);
                }
                if (end < 0) {
                    out[o++] = s[i++];
                    continue;
                }
                o = rule.replace(s, n, i, end, out, o);
                i = end;
                end = -1;
            }
            swap(o);
        }

        /**
         * The final-period rules, in place (they only touch the end). P1 is {@code ([^.])(\.)([\])}>"'»”’ ]*)\s*$} →
         * {@code "$1 $2 $3 "}; P6 is {@code ([^.])(\.)([\])}>"']*)\s*$} → {@code "$1 $2$3 "}. A match needs the last
         * period, not preceded by another, followed only by closing characters and then only whitespace; the greedy
         * closing run is kept, the whitespace after it dropped.
         */
        private void finalPeriod(boolean first) {
            char[] s = text;
            int n = length;
            int j = n;
            while (j > 0 && (isFinalCloser(s[j - 1], first) || isSpace(s[j - 1]))) {
                j--;
            }
            int dot = j - 1;
            if (dot < 1 || s[dot] != '.' || s[dot - 1] == '.') {
                return;
            }
            int closersEnd = dot + 1;
            while (closersEnd < n && isFinalCloser(s[closersEnd], first)) {
                closersEnd++;
            }
            for (int k = closersEnd; k < n; k++) {
                if (!isSpace(s[k])) {
                    return;
                }
            }
            ensureText(closersEnd + 4);
            s = text;
            int closers = closersEnd - dot - 1;
            if (first) {
                // s[:dot] + " . " + closers + " "
                System.arraycopy(s, dot + 1, s, dot + 3, closers);
                s[dot] = ' ';
                s[dot + 1] = '.';
                s[dot + 2] = ' ';
                s[dot + 3 + closers] = ' ';
                length = dot + 4 + closers;
            } else {
                // s[:dot] + " ." + closers + " "
                System.arraycopy(s, dot + 1, s, dot + 2, closers);
                s[dot] = ' ';
                s[dot + 1] = '.';
                s[dot + 2 + closers] = ' ';
                length = dot + 3 + closers;
            }
        }
    }

    private static boolean isFinalCloser(char c, boolean withSpaceAndCurly) {
        switch (c) {
            case ']', ')', '}', '>', '"', '\'' -> {
                return true;
            }
            case ' ', '»', '”', '’' -> {
                return withSpaceAndCurly;
            }
            default -> {
                return false;
            }
        }
    }

    /** A rewrite rule as a scanner: where a match starting at {@code i} ends, and what it becomes. */
    private interface Rule {
        /** End of the match starting at {@code s[i]} ({@code s[0:n]} being the text), or -1. */
        int matchEnd(char[] s, int n, int i);

        /** Writes the replacement of the match {@code s[i:end]} at {@code out[o]}; returns the new output length. */
        int replace(char[] s, int n, int i, int end, char[] out, int o);
    }

    /** Writes {@code s[from:at] + " " + s[at:to]} at {@code out[o]}; returns the new output length. */
    private static int withSpaceAt(char[] s, int from, int at, int to, char[] out, int o) {
        System.arraycopy(s, from, out, o, at - from);
        o += at - from;
        out[o++] = ' ';
        System.arraycopy(s, at, out, o, to - at);
        return o + to - at;
    }

    /** Length of the code point starting at {@code s[i]}, as a regex class consumes it. */
    private static int cpLength(char[] s, int i, int n) {
        return Character.isHighSurrogate(s[i]) && i + 1 < n && Character.isLowSurrogate(s[i + 1]) ? 2 : 1;
    }

    // ---- Starting quotes -------------------------------------------------------------------------------------------

    /**
     * R1 {@code ([«“‘„]|`+)} → {@code " $1 "}, R2 {@code ^"} → {@code ``}, R3 {@code (``)} → {@code " $1 "}, fused. R1
     * pads each of «“‘„ and each maximal back-quote run; R2 applies exactly when the text starts with {@code "} (R1
     * never changes that character); R3 then pairs back-quotes left to right within each padded run (R1's padding keeps
     * runs apart, and R2's {@code ``} from any run).
     */
    private static int openingQuotes(char[] s, int n, char[] out) {
        int o = 0;
        int i = 0;
        if (n > 0 && s[0] == '"') {
            o = put(out, o, " `` ");
            i = 1;
        }
        while (i < n) {
            char c = s[i];
            if (c == '`') {
                int run = i;
                while (run < n && s[run] == '`') {
                    run++;
                }
                out[o++] = ' ';
                int k = run - i;
                for (int p = 0; p < k / 2; p++) {
                    o = put(out, o, " `` ");
                }
                if (k % 2 == 1) {
                    out[o++] = '`';
                }
                out[o++] = ' ';
                i = run;
            } else if (c == '«' || c == '“' || c == '‘' || c == '„') {
                out[o++] = ' ';
                out[o++] = c;
                out[o++] = ' ';
                i++;
            } else {
                out[o++] = c;
                i++;
            }
        }
        return o;
    }

    private static int put(char[] out, int o, String s) {
        s.getChars(0, s.length(), out, o);
        return o + s.length();
    }

    /** R4 {@code ([ (\[{<])("|'{2})} → {@code "$1 `` "}. */
    private static final Rule QUOTE_AFTER_OPENING = new Rule() {
        @Override
        public int matchEnd(char[] s, int n, int i) {
            return quoteAfterOpening(s, n, i);
        }

        @Override
        public int replace(char[] s, int n, int i, int end, char[] out, int o) {
            out[o++] = s[i];
            return put(out, o, " `` ");
        }
    };

    private static int quoteAfterOpening(char[] s, int n, int i) {
        char c = s[i];
        if ((c == ' ' || c == '(' || c == '[' || c == '{' || c == '<') && i + 1 < n) {
            if (s[i + 1] == '"') {
                return i + 2;
            }
            if (s[i + 1] == '\'' && i + 2 < n && s[i + 2] == '\'') {
                return i + 3;
            }
        }
        return -1;
    }

    /**
     * R5 {@code (')(?!re|ve|ll|m|t|s|d|n)(\w)\b} (ignoring case) → {@code "$1 $2"}: an apostrophe before a one-letter
     * word that is not a clitic.
     */
    private static final Rule APOSTROPHE_BEFORE_LETTER = new Rule() {
        @Override
        public int matchEnd(char[] s, int n, int i) {
            return apostropheBeforeLetter(s, n, i);
        }

        @Override
        public int replace(char[] s, int n, int i, int end, char[] out, int o) {
            return withSpaceAt(s, i, i + 1, end, out, o);
        }
    };

    private static int apostropheBeforeLetter(char[] s, int n, int i) {
        if (s[i] != '\'' || i + 1 >= n) {
            return -1;
        }
        int j = i + 1;
        char c = s[j];
        if (j + 1 < n) {
            char d = s[j + 1];
            if (((foldsTo(c, 'r') || foldsTo(c, 'v')) && foldsTo(d, 'e')) || (foldsTo(c, 'l') && foldsTo(d, 'l'))) {
                return -1;
            }
        }
        if (foldsTo(c, 'm') || foldsTo(c, 't') || foldsTo(c, 's') || foldsTo(c, 'd') || foldsTo(c, 'n')) {
            return -1;
        }
        int cp = codePointAt(s, j, n);
        if (!isWordChar(cp)) {
            return -1;
        }
        int end = j + Character.charCount(cp);
        return isWordCharAt(s, end, n) ? -1 : end;
    }

    // ---- Punctuation -----------------------------------------------------------------------------------------------

    /**
     * P2 {@code ([:,])([^\d])} → {@code " $1 $2"}, P3 {@code ([:,])$} → {@code " $1 "}, P4 {@code \.{2,}} → {@code " $0
     * "}, P5 {@code [;@#$%&]} → {@code " $0 "} and P7 {@code [?!]} → {@code " $0 "}, fused. P2 consumes the character
     * after the comma (so in ",," only the first is padded by it) and writes it back unchanged, which P4, P5 and P7
     * then treat as any other; those three pad characters regardless of context. P3 pads a final comma or colon, or one
     * before a final newline: on P2's output that is exactly a last comma or colon of the input, or one before a final
     * newline, whether or not P2 consumed it (P2 pads such a one itself when it did not). P7 belongs after P6, but the
     * two commute: a {@code ?} or {@code !} after the last period stops P6 either way, and P7 touches nothing else P6
     * looks at.
     */
    private static int punctuation(char[] s, int n, char[] out) {
        int o = 0;
        int consumedUntil = 0;
        int i = 0;
        while (i < n) {
            char c = s[i];
            switch (c) {
                case ':', ',' -> {
                    boolean matchesP2 = false;
                    if (i >= consumedUntil && i + 1 < n) {
                        int cp = codePointAt(s, i + 1, n);
                        if (!isDecimalDigit(cp)) {
                            matchesP2 = true;
                            consumedUntil = i + 1 + Character.charCount(cp);
                        }
                    }
                    if (matchesP2 || i == n - 1 || (i == n - 2 && s[n - 1] == '\n')) {
                        out[o++] = ' ';
                        out[o++] = c;
                        out[o++] = ' ';
                    } else {
                        out[o++] = c;
                    }
                    i++;
                }
                case '.' -> {
                    int run = i + 1;
                    while (run < n && s[run] == '.') {
                        run++;
                    }
                    if (run - i >= 2) {
                        out[o++] = ' ';
                        System.arraycopy(s, i, out, o, run - i);
                        o += run - i;
                        out[o++] = ' ';
                    } else {
                        out[o++] = c;
                    }
                    i = run;
                }
                case ';', '@', '#', '$', '%', '&', '?', '!' -> {
                    out[o++] = ' ';
                    out[o++] = c;
                    out[o++] = ' ';
                    i++;
                }
                default -> {
                    out[o++] = c;
                    i++;
                }
            }
        }
        return o;
    }

    /** P8 {@code ([^'])' } → {@code "$1 ' "}: a space before the apostrophe (the match's space is kept). */
    private static final Rule APOSTROPHE_BEFORE_SPACE = new Rule() {
        @Override
        public int matchEnd(char[] s, int n, int i) {
            return apostropheBeforeSpace(s, n, i);
        }

        @Override
        public int replace(char[] s, int n, int i, int end, char[] out, int o) {
            return withSpaceAt(s, i, end - 2, end, out, o);
        }
    };

    private static int apostropheBeforeSpace(char[] s, int n, int i) {
        if (s[i] == '\'') {
            return -1;
        }
        int j = i + cpLength(s, i, n);
        return j + 1 < n && s[j] == '\'' && s[j + 1] == ' ' ? j + 2 : -1;
    }

    // ---- Brackets, dashes, ending quotes ---------------------------------------------------------------------------

    /**
     * P9 {@code [*]}, {@code [\]\[(){}<>]} and E1 {@code [»”’]} (each → {@code " $0 "}), {@code --} → {@code " -- "},
     * the {@code " " + text + " "} wrap, E2 {@code ''} → {@code " '' "}, E3 {@code "} → {@code " '' "} and E4
     * {@code \s+} → {@code " "}, fused. The paddings are context-free; the pairings ({@code --} and {@code ''}, left to
     * right) see the same adjacent pairs as in sequence, since no rule before them inserts anything between two
     * hyphens or two apostrophes; E4 runs on everything the others emit, so output whitespace is collapsed as written.
     * Afterwards the only whitespace is single spaces.
     */
    private static int bracketsDashesQuotesSpaces(char[] s, int n, char[] out) {
        out[0] = ' ';
        int o = 1;
        boolean space = true;
        int i = 0;
        while (i < n) {
            char c = s[i];
            switch (c) {
                case '*', '[', ']', '(', ')', '{', '}', '<', '>', '»', '”', '’' -> {
                    if (!space) {
                        out[o++] = ' ';
                    }
                    out[o++] = c;
                    out[o++] = ' ';
                    space = true;
                    i++;
                }
                case '-', '\'' -> {
                    if (i + 1 < n && s[i + 1] == c) {
                        if (!space) {
                            out[o++] = ' ';
                        }
                        out[o++] = c;
                        out[o++] = c;
                        out[o++] = ' ';
                        space = true;
                        i += 2;
                    } else {
                        out[o++] = c;
                        space = false;
                        i++;
                    }
                }
                case '"' -> {
                    if (!space) {
                        out[o++] = ' ';
                    }
                    out[o++] = '\'';
                    out[o++] = '\'';
                    out[o++] = ' ';
                    space = true;
                    i++;
                }
                default -> {
                    if (isSpace(c)) {
                        if (!space) {
                            out[o++] = ' ';
                            space = true;
                        }
                    } else {
                        out[o++] = c;
                        space = false;
                    }
                    i++;
                }
            }
        }
        if (!space) {
            out[o++] = ' ';
        }
        return o;
    }

    /**
     * E5 {@code ([^' ])('[sS]|'[mM]|'[dD]|') } → {@code "$1 $2 "}. E5 and E6 stay separate passes: E5's space can
     * create an E6 match ("don't's" → "don't 's" → "do n't 's").
     */
    private static final Rule SHORT_CLITIC = new Rule() {
        @Override
        public int matchEnd(char[] s, int n, int i) {
            return shortClitic(s, n, i);
        }

        @Override
        public int replace(char[] s, int n, int i, int end, char[] out, int o) {
            // "$1 $2 ", the match's final space being the one written back.
            return withSpaceAt(s, i, i + cpLength(s, i, n), end, out, o);
        }
    };

    private static int shortClitic(char[] s, int n, int i) {
        char c = s[i];
        if (c == '\'' || c == ' ') {
            return -1;
        }
        int j = i + cpLength(s, i, n);
        if (j >= n || s[j] != '\'') {
            return -1;
        }
        if (j + 2 < n && s[j + 2] == ' ') {
            char d = s[j + 1];
            if (d == 's' || d == 'S' || d == 'm' || d == 'M' || d == 'd' || d == 'D') {
                return j + 3;
            }
        }
        return j + 1 < n && s[j + 1] == ' ' ? j + 2 : -1;
    }

    /** E6 {@code ([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) } → {@code "$1 $2 "}. */
    private static final Rule LONG_CLITIC = new Rule() {
        @Override
        public int matchEnd(char[] s, int n, int i) {
            return longClitic(s, n, i);
        }

        @Override
        public int replace(char[] s, int n, int i, int end, char[] out, int o) {
            return withSpaceAt(s, i, end - 4, end, out, o);
        }
    };

    private static int longClitic(char[] s, int n, int i) {
        char c = s[i];
        if (c == '\'' || c == ' ') {
            return -1;
        }
        int j = i + cpLength(s, i, n);
        if (j + 3 >= n || s[j + 3] != ' ') {
            return -1;
        }
        char a = s[j];
        char b = s[j + 1];
        char d = s[j + 2];
        boolean clitic = a == '\''
                ? (b == 'l' && d == 'l')
                        || (b == 'L' && d == 'L')
                        || (b == 'r' && d == 'e')
                        || (b == 'R' && d == 'E')
                        || (b == 'v' && d == 'e')
                        || (b == 'V' && d == 'E')
                : (a == 'n' && b == '\'' && d == 't') || (a == 'N' && b == '\'' && d == 'T');
        return clitic ? j + 4 : -1;
    }

    // ---- Contractions ----------------------------------------------------------------------------------------------

    /**
     * Which contraction rules could match (a bit per rule of {@link #CONTRACTIONS}), judged at an apostrophe of the
     * original sentence ({@code apostrophe}) or at the second letter of an "nn", "mm" or "tt" there (either case): the
     * rules whose words are spelled there, ignoring case and boundaries. Earlier rules only insert spaces or rewrite
     * double quotes (into {@code ``} or {@code ''} between spaces), so any later match of a contraction is such a
     * spelling in the original sentence.
     */
    private static int contractionsAt(char[] s, int i, int n, boolean apostrophe) {
        int found = 0;
        for (int k = 0; k < CONTRACTIONS.size(); k++) {
            Contraction rule = CONTRACTIONS.get(k);
            if (rule.anchoredAtApostrophe() == apostrophe && foldsTo(s, i - rule.anchor, n, rule.word)) {
                found |= 1 << k;
            }
        }
        return found;
    }

    // ---- Final split -----------------------------------------------------------------------------------------------

    /** {@code s.split()} when the only whitespace left is single spaces. */
    private static void splitOnSpaces(char[] s, int n, List<String> out) {
        int i = 0;
        while (i < n) {
            while (i < n && s[i] == ' ') {
                i++;
            }
            int start = i;
            while (i < n && s[i] != ' ') {
                i++;
            }
            if (i > start) {
                out.add(new String(s, start, i - start));
            }
        }
    }
}

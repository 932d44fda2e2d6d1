package dev.overton.metrics.text;

import static dev.overton.metrics.text.PythonStrings.isDecimalDigit;
import static dev.overton.metrics.text.PythonStrings.isSpace;
import static dev.overton.metrics.text.PythonStrings.isWordChar;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * NLTK's Punkt sentence tokenizer at tokenize time, with the pretrained English parameters: the Java equivalent of
 * {@code nltk.sent_tokenize(text, "english")}, which the paper's lexical metrics run before word tokenization.
 *
 * <p>It is a port, step for step, of {@code PunktSentenceTokenizer.span_tokenize} (NLTK's {@code punkt.py}, Apache
 * License 2.0): find every {@code .?!} followed by punctuation or by whitespace and a token; for each, tokenize the
 * short context (the word before, the mark, the next token) with Punkt's own word regex; annotate it in two passes
 * (first by type: sentence-end marks, ellipses, known abbreviations; then by context: collocations, the orthographic
 * heuristic, frequent sentence starters, initials and ordinals); break where the mark stays a sentence break; finally
 * realign closing quotes and brackets that follow a break onto the sentence they close. Being a port rather than a
 * reimplementation matters: the paper's numbers depend on NLTK's quirks (for instance "e.g." ends a sentence, "a."
 * in a lettered list does not), and a cleaner splitter would not reproduce them.
 *
 * <p>The rules are those of NLTK 3.8, which the reference values were computed with. NLTK 3.10 also treats curly
 * quotes and guillemets as closing punctuation here; that moves the LIMA-OE values at most in the fifth decimal and is
 * not done. The pretrained model's orthographic-context table is not shipped ({@link PunktParameters}), so the output
 * is not identical to NLTK's on all text: 12 of 4,340 holdout texts split differently (a single letter or "U.S." before
 * a capitalised word). Offsets are Java {@code char} indices. Instances are immutable and thread-safe.
 *
 * <p>NLTK's regexes (quoted at the methods that replace them) are implemented as hand-written scanners, exact
 * equivalents of the earlier regex version, which the tests keep as the oracle this one is checked against. The
 * context of a candidate break is a contiguous range of the text and is tokenized in place.
 */
public final class PunktSentenceSplitter {

    /** A sentence as {@code [start, end)} character offsets into the text. */
    public record Span(int start, int end) {}

    private static final String NUMBER_TYPE = "##number##";

    /** Tokens that never start a sentence (the orthographic heuristic's first rule). */
    private static final Set<String> PUNCTUATION = Set.of(";", ":", ",", ".", "!", "?");

    private static final class English {
        private static final PunktSentenceSplitter INSTANCE = new PunktSentenceSplitter(PunktParameters.english());
    }

    private final PunktParameters params;

    /** A splitter with the given parameters (for the pretrained English model use {@link #english()}). */
    public PunktSentenceSplitter(PunktParameters params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    /** The splitter with NLTK's pretrained English parameters, shared. */
    public static PunktSentenceSplitter english() {
        return English.INSTANCE;
    }

    /** The sentences of {@code text}, as {@code nltk.sent_tokenize} returns them (trailing whitespace dropped). */
    public List<String> split(String text) {
        List<Span> spans = spans(text);
        List<String> sentences = new ArrayList<>(spans.size());
        for (Span span : spans) {
            sentences.add(PythonStrings.slice(text, span.start(), span.end()));
        }
        return sentences;
    }

    /** The sentence spans of {@code text}, as {@code span_tokenize} with boundary realignment. */
    public List<Span> spans(String text) {
        Objects.requireNonNull(text, "text");
        return realignBoundaries(text, slicesFromText(text));
    }

    /**
     * NLTK's {@code _slices_from_text} with {@code _match_potential_end_contexts}: each possible sentence end is a
     * {@code .?!} followed by a character that cannot be in a word, or by whitespace and a token (NLTK's
     * {@code [.?!](?=(?P<after_tok>[)";}\]*:@'({\[?!]|\s+(?P<next_tok>\S+)))}); its context is the word before
     * the mark, the mark and what follows it. Of consecutive marks whose words overlap ("acting!!!") only the last is
     * kept, as NLTK does since its fix for ReDoS issue #2866.
     */
    private List<Span> slicesFromText(String text) {
        List<Span> slices = new ArrayList<>();
        int lastBreak = 0;
        int n = text.length();
        boolean havePrevious = false;
        int previousWordStart = 0;
        int previousWordEnd = 0;
        int previousNextToken = -1;
        int previousContextEnd = 0;
        for (int i = 0; i < n - 1; i++) {
            char c = text.charAt(i);
            if (c != '.' && c != '?' && c != '!') {
                continue;
            }
            char after = text.charAt(i + 1);
            int nextToken;
            int contextEnd;
            if (isNonWordChar(after)) {
                nextToken = -1;
                contextEnd = i + 2;
            } else if (isSpace(after)) {
                int j = i + 2;
                while (j < n && isSpace(text.charAt(j))) {
                    j++;
                }
                if (j == n) {
                    continue;
                }
                int k = j + 1;
                while (k < n && !isSpace(text.charAt(k))) {
                    k++;
                }
                nextToken = j;
                contextEnd = k;
            } else {
                continue;
            }
            int whitespace = lastAsciiWhitespace(text, previousWordEnd, i);
            // NLTK cannot tell "no whitespace" from "whitespace at offset 0"; both keep the previous word's start.
            int wordStart = whitespace != 0 ? previousWordEnd + whitespace + 1 : previousWordStart;
            if (havePrevious && previousWordEnd <= wordStart) {
                if (containsSentenceBreak(text, Math.min(previousWordStart, previousWordEnd), previousContextEnd)) {
                    slices.add(new Span(lastBreak, previousWordEnd + 1));
                    lastBreak = previousNextToken >= 0 ? previousNextToken : previousWordEnd + 1;
                }
            }
            havePrevious = true;
            previousWordStart = wordStart;
            previousWordEnd = i;
            previousNextToken = nextToken;
            previousContextEnd = contextEnd;
        }
        if (havePrevious
                && containsSentenceBreak(text, Math.min(previousWordStart, previousWordEnd), previousContextEnd)) {
            slices.add(new Span(lastBreak, previousWordEnd + 1));
            lastBreak = previousNextToken >= 0 ? previousNextToken : previousWordEnd + 1;
        }
        slices.add(new Span(lastBreak, PythonStrings.rstripEnd(text, n)));
        return slices;
    }

    /** Punkt's {@code _re_non_word_chars}: {@code [)";}\]*:@'({\[?!]}, characters that cannot be in a word. */
    private static boolean isNonWordChar(char c) {
        return switch (c) {
            case ')', '"', ';', '}', ']', '*', ':', '@', '\'', '(', '{', '[', '?', '!' -> true;
            default -> false;
        };
    }

    /** Offset, relative to {@code from}, of the last ASCII whitespace in {@code text[from:to]}; 0 when none. */
    private static int lastAsciiWhitespace(String text, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (PythonStrings.isAsciiWhitespace(text.charAt(i))) {
                return i - from;
            }
        }
        return 0;
    }

    /**
     * NLTK's {@code text_contains_sentbreak} for the context {@code text[start:end]} (the word before the mark, the mark
     * and what follows it): a break after some token that is not the last.
     */
    private boolean containsSentenceBreak(String text, int start, int end) {
        List<Token> tokens = tokenizeWords(text, start, end);
        for (Token token : tokens) {
            firstPass(token);
        }
        for (int i = 0; i < tokens.size() - 1; i++) {
            secondPass(tokens.get(i), tokens.get(i + 1));
            if (tokens.get(i).sentBreak) {
                return true;
            }
        }
        return false;
    }

    /** Punkt's word tokens of {@code text[start:end]}, line by line, skipping blank lines. */
    private static List<Token> tokenizeWords(String text, int start, int end) {
        List<Token> tokens = new ArrayList<>(4);
        int lineStart = start;
        while (lineStart <= end) {
            int lineEnd = lineStart;
            while (lineEnd < end && text.charAt(lineEnd) != '\n') {
                lineEnd++;
            }
            if (PythonStrings.hasNonSpace(text, lineStart, lineEnd)) {
                tokenizeLine(text, lineStart, lineEnd, tokens);
            }
            lineStart = lineEnd + 1;
        }
        return tokens;
    }

    /**
     * Punkt's word tokenizer ({@code _word_tokenize_fmt}) on one line {@code text[start:end]}: at each position, left to
     * right, the first of
     *
     * <ol>
     *   <li>a multi-character token: {@code -{2,}}, {@code \.{2,}} or a spaced ellipsis {@code (?:\.\s){2,}\.};
     *   <li>a word: a character that can start one ({@code [^("`{\[:;&#*@)}\]\-,]}), then as few more non-space
     *       characters as reach whitespace, the line end, a non-word character, a multi-character token, or a comma
     *       followed by one of those;
     *   <li>any single non-space character.
     * </ol>
     */
    private static void tokenizeLine(String text, int start, int end, List<Token> tokens) {
        int p = start;
        while (p < end) {
            int multi = multiCharLength(text, p, end);
            if (multi > 0) {
                tokens.add(new Token(text.substring(p, p + multi)));
                p += multi;
                continue;
            }
            char c = text.charAt(p);
            if (isSpace(c)) {
                p++;
                continue;
            }
            int q = p + codePointLength(text, p, end);
            if (canStartWord(c)) {
                while (!isWordEnd(text, q, end)) {
                    q += codePointLength(text, q, end);
                }
            }
            tokens.add(new Token(text.substring(p, q)));
            p = q;
        }
    }

    /** {@code (?=\s|$|[non-word]|[multi-char]|,(?=$|\s|[non-word]|[multi-char]))} at {@code q}. */
    private static boolean isWordEnd(String text, int q, int end) {
        if (q >= end) {
            return true;
        }
        char c = text.charAt(q);
        if (isSpace(c) || isNonWordChar(c) || multiCharLength(text, q, end) > 0) {
            return true;
        }
        if (c != ',') {
            return false;
        }
        int r = q + 1;
        if (r >= end) {
            return true;
        }
        char d = text.charAt(r);
        return isSpace(d) || isNonWordChar(d) || multiCharLength(text, r, end) > 0;
    }

    private static boolean canStartWord(char c) {
        return switch (c) {
            case '(', '"', '`', '{', '[', ':', ';', '&', '#', '*', '@', ')', '}', ']', '-', ',' -> false;
            default -> true;
        };
    }

    /**
     * Length of Punkt's multi-character token {@code (?:-{2,}|\.{2,}|(?:\.\s){2,}\.)} at {@code text[p]}, or 0. The
     * spaced ellipsis takes as many ". " pairs as possible, giving one back when no period follows them.
     */
    private static int multiCharLength(String text, int p, int end) {
        if (p + 1 >= end) {
            return 0;
        }
        char c = text.charAt(p);
        if (c == '-' || (c == '.' && text.charAt(p + 1) == '.')) {
            if (text.charAt(p + 1) != c) {
                return 0;
            }
            int q = p + 2;
            while (q < end && text.charAt(q) == c) {
                q++;
            }
            return q - p;
        }
        if (c != '.') {
            return 0;
        }
        int pairs = 0;
        int q = p;
        while (q + 1 < end && text.charAt(q) == '.' && isSpace(text.charAt(q + 1))) {
            pairs++;
            q += 2;
        }
        if (pairs >= 2 && q < end && text.charAt(q) == '.') {
            return 2 * pairs + 1;
        }
        return pairs >= 3 ? 2 * pairs - 1 : 0;
    }

    /** Length of the code point at {@code text[i]} within {@code text[:end]}, as a regex class consumes it. */
    private static int codePointLength(String text, int i, int end) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1))
                ? 2
                : 1;
    }

    /** Type-based annotation: sentence-end marks, ellipses, abbreviations, and other period-final words. */
    private void firstPass(Token token) {
        String tok = token.tok;
        if (tok.equals(".") || tok.equals("?") || tok.equals("!")) {
            token.sentBreak = true;
        } else if (isEllipsis(tok)) {
            token.ellipsis = true;
        } else if (token.periodFinal && !tok.endsWith("..")) {
            String word = tok.substring(0, tok.length() - 1).toLowerCase(Locale.ROOT);
            String lastPart = word.substring(word.lastIndexOf('-') + 1);
            if (params.abbrevTypes().contains(word) || params.abbrevTypes().contains(lastPart)) {
                token.abbr = true;
            } else {
                token.sentBreak = true;
            }
        }
    }

    /** Context-based reclassification of {@code token} given the token after it. */
    private void secondPass(Token token, Token next) {
        if (!token.periodFinal) {
            return;
        }
        String type = token.typeNoPeriod();
        String nextType = next.typeNoSentPeriod();
        boolean initial = isInitial(token.tok);

        // Collocation heuristic: a known pair means the period is an abbreviation's.
        if (params.collocations().contains(new PunktParameters.TypePair(type, nextType))) {
            token.sentBreak = false;
            token.abbr = true;
            return;
        }

        // An abbreviation or ellipsis also ends the sentence when the next word looks like a sentence start.
        if ((token.abbr || token.ellipsis) && !initial) {
            if (orthographicHeuristic(next) == Orthography.STARTS_SENTENCE) {
                token.sentBreak = true;
                return;
            }
            if (next.firstUpper() && params.sentenceStarters().contains(nextType)) {
                token.sentBreak = true;
                return;
            }
        }

        // Initials and ordinals are abbreviations unless the next word looks like a sentence start.
        if (initial || type.equals(NUMBER_TYPE)) {
            Orthography orthography = orthographicHeuristic(next);
            if (orthography == Orthography.DOES_NOT_START_SENTENCE) {
                token.sentBreak = false;
                token.abbr = true;
                return;
            }
            if (orthography == Orthography.UNKNOWN
                    && initial
                    && next.firstUpper()
                    && (params.ortho(nextType) & PunktParameters.ORTHO_LC) == 0) {
                token.sentBreak = false;
                token.abbr = true;
            }
        }
    }

    private enum Orthography {
        STARTS_SENTENCE,
        DOES_NOT_START_SENTENCE,
        UNKNOWN
    }

    /** Whether {@code token} starts a sentence, judged by the cases its type was seen in during training. */
    private Orthography orthographicHeuristic(Token token) {
        if (PUNCTUATION.contains(token.tok)) {
            return Orthography.DOES_NOT_START_SENTENCE;
        }
        int context = params.ortho(token.typeNoSentPeriod());
        if (token.firstUpper()
                && (context & PunktParameters.ORTHO_LC) != 0
                && (context & PunktParameters.ORTHO_MID_UC) == 0) {
            return Orthography.STARTS_SENTENCE;
        }
        if (token.firstLower()
                && ((context & PunktParameters.ORTHO_UC) != 0 || (context & PunktParameters.ORTHO_BEG_LC) == 0)) {
            return Orthography.DOES_NOT_START_SENTENCE;
        }
        return Orthography.UNKNOWN;
    }

    /** NLTK's {@code _realign_boundaries}: "(Sent1.) Sent2." splits after the ")", not before it. */
    private static List<Span> realignBoundaries(String text, List<Span> slices) {
        List<Span> sentences = new ArrayList<>(slices.size());
        int realign = 0;
        for (int i = 0; i < slices.size(); i++) {
            Span first = new Span(slices.get(i).start() + realign, slices.get(i).end());
            if (i == slices.size() - 1) {
                if (first.start() < first.end()) {
                    sentences.add(first);
                }
                continue;
            }
            Span second = slices.get(i + 1);
            int closingEnd = closingPunctuationEnd(text, second.start(), second.end());
            if (closingEnd >= 0) {
                sentences.add(new Span(first.start(), PythonStrings.rstripEnd(text, closingEnd)));
                realign = closingEnd - second.start();
            } else {
                realign = 0;
                if (first.start() < first.end()) {
                    sentences.add(first);
                }
            }
        }
        return sentences;
    }

    /**
     * Where NLTK's {@code _re_boundary_realignment}, {@code ["\')\]}]+?(?:\s+|(?=--)|$)} (multi-line), matching at
     * the start of {@code text[start:end]} and not beyond it, ends; -1 when it does not match. The closing characters
     * are taken lazily: the first position after at least one of them where whitespace, "--" or the end follows.
     */
    private static int closingPunctuationEnd(String text, int start, int end) {
        if (start >= end || !isClosing(text.charAt(start))) {
            return -1;
        }
        int q = start + 1;
        while (true) {
            if (q == end) {
                return q;
            }
            char c = text.charAt(q);
            if (isSpace(c)) {
                int r = q + 1;
                while (r < end && isSpace(text.charAt(r))) {
                    r++;
                }
                return r;
            }
            if (c == '-' && q + 1 < end && text.charAt(q + 1) == '-') {
                return q;
            }
            if (!isClosing(c)) {
                return -1;
            }
            q++;
        }
    }

    private static boolean isClosing(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}';
    }

    /** {@code \.\.+}, whole. */
    private static boolean isEllipsis(String tok) {
        if (tok.length() < 2) {
            return false;
        }
        for (int i = 0; i < tok.length(); i++) {
            if (tok.charAt(i) != '.') {
                return false;
            }
        }
        return true;
    }

    /** {@code [^\W\d]\.}, whole: one letter (or number that is no digit, or underscore) and a period. */
    private static boolean isInitial(String tok) {
        if (tok.length() < 2) {
            return false;
        }
        int cp = tok.codePointAt(0);
        int length = Character.charCount(cp);
        return tok.length() == length + 1 && tok.charAt(length) == '.' && isWordChar(cp) && !isDecimalDigit(cp);
    }

    /** Punkt's number pattern {@code -?[.,]?\d[\d,.\-]*\.?}, whole. */
    private static boolean isNumeric(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
            i++;
        }
        if (i >= n) {
            return false;
        }
        int cp = s.codePointAt(i);
        if (!isDecimalDigit(cp)) {
            return false;
        }
        i += Character.charCount(cp);
        while (i < n) {
            cp = s.codePointAt(i);
            if (!(isDecimalDigit(cp) || cp == ',' || cp == '.' || cp == '-')) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /** A Punkt word token with its annotations (NLTK's {@code PunktToken}). */
    private static final class Token {
        final String tok;
        final String type;
        final boolean periodFinal;
        boolean sentBreak;
        boolean abbr;
        boolean ellipsis;

        Token(String tok) {
            this.tok = tok;
            String lower = tok.toLowerCase(Locale.ROOT);
            this.type = isNumeric(lower) ? NUMBER_TYPE : lower;
            this.periodFinal = tok.endsWith(".");
        }

        String typeNoPeriod() {
            return type.length() > 1 && type.endsWith(".") ? type.substring(0, type.length() - 1) : type;
        }

        String typeNoSentPeriod() {
            return sentBreak ? typeNoPeriod() : type;
        }

        boolean firstUpper() {
            return Character.isUpperCase(tok.codePointAt(0));
        }

        boolean firstLower() {
            return Character.isLowerCase(tok.codePointAt(0));
        }
    }
}

package dev.overton.metrics.text;

import static dev.overton.metrics.text.FrozenPythonClasses.DIGIT;
import static dev.overton.metrics.text.FrozenPythonClasses.NOT_WS;
import static dev.overton.metrics.text.FrozenPythonClasses.WORD_NOT_DIGIT;
import static dev.overton.metrics.text.FrozenPythonClasses.WS;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The regex implementation of {@link PunktSentenceSplitter} as it was before the scanner rewrite: a step-for-step port
 * of NLTK 3.8's {@code PunktSentenceTokenizer.span_tokenize} using NLTK's own regexes. It was validated sentence for
 * sentence against NLTK on the LIMA-OE fixture; kept here, unchanged, as the oracle the fast implementation is
 * differentially tested against ({@code TreebankScannerEquivalenceTest}).
 */
final class RegexPunktReference {

    // Python's character classes, as PythonStrings spelled them when this reference was frozen, are the static
    // imports from FrozenPythonClasses (shared with RegexTreebankReference).

    /** A sentence as {@code [start, end)} character offsets into the text. */
    record Span(int start, int end) {}

    /** Characters that cannot appear within words; {@code '.'} is handled separately. */
    private static final String NON_WORD = "(?:[)\";}\\]*:@'({\\[?!])";

    /** Hyphen runs and ellipses (including spaced ones) are single tokens. */
    private static final String MULTI_CHAR = "(?:-{2,}|\\.{2,}|(?:\\." + WS + "){2,}\\.)";

    /** Characters that cannot start a word token. */
    private static final String WORD_START = "[^(\"`{\\[:;&#*@)}\\]\\-,]";

    /** Punkt's word tokenizer: splits off punctuation other than periods. */
    private static final Pattern WORD_TOKENIZER = Pattern.compile(
            MULTI_CHAR
                    + "|(?=" + WORD_START + ")" + NOT_WS + "+?"
                    + "(?=" + WS + "|$|" + NON_WORD + "|" + MULTI_CHAR
                    + "|,(?=$|" + WS + "|" + NON_WORD + "|" + MULTI_CHAR + "))"
                    + "|" + NOT_WS,
            Pattern.UNIX_LINES);

    /** A possible sentence end and what follows it: punctuation, or whitespace and the next token. */
    private static final Pattern PERIOD_CONTEXT = Pattern.compile(
            "[.?!](?=(?<afterTok>" + NON_WORD + "|" + WS + "+(?<nextTok>" + NOT_WS + "+)))", Pattern.UNIX_LINES);

    /** Closing punctuation after a break that belongs to the sentence before it. */
    private static final Pattern BOUNDARY_REALIGNMENT =
            Pattern.compile("[\"')\\]}]+?(?:" + WS + "+|(?=--)|$)", Pattern.MULTILINE | Pattern.UNIX_LINES);

    private static final Pattern ELLIPSIS = Pattern.compile("\\.\\.+");
    private static final Pattern NUMERIC = Pattern.compile("-?[.,]?" + DIGIT + "[" + DIGIT + ",.\\-]*\\.?");
    private static final Pattern INITIAL = Pattern.compile(WORD_NOT_DIGIT + "\\.");

    private static final String NUMBER_TYPE = "##number##";

    /** Tokens that never start a sentence (the orthographic heuristic's first rule). */
    private static final Set<String> PUNCTUATION = Set.of(";", ":", ",", ".", "!", "?");

    private static final class English {
        private static final RegexPunktReference INSTANCE = new RegexPunktReference(PunktParameters.english());
    }

    private final PunktParameters params;

    /** A splitter with the given parameters (for the pretrained English model use {@link #english()}). */
    RegexPunktReference(PunktParameters params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    /** The splitter with NLTK's pretrained English parameters, shared. */
    static RegexPunktReference english() {
        return English.INSTANCE;
    }

    /** The sentences of {@code text}, as {@code nltk.sent_tokenize} returns them (trailing whitespace dropped). */
    List<String> split(String text) {
        List<Span> spans = spans(text);
        List<String> sentences = new ArrayList<>(spans.size());
        for (Span span : spans) {
            sentences.add(PythonStrings.slice(text, span.start(), span.end()));
        }
        return sentences;
    }

    /** The sentence spans of {@code text}, as {@code span_tokenize} with boundary realignment. */
    List<Span> spans(String text) {
        Objects.requireNonNull(text, "text");
        return realignBoundaries(text, slicesFromText(text));
    }

    private List<Span> slicesFromText(String text) {
        List<Span> slices = new ArrayList<>();
        int lastBreak = 0;
        for (Candidate candidate : potentialEndContexts(text)) {
            if (containsSentenceBreak(candidate.context())) {
                slices.add(new Span(lastBreak, candidate.end()));
                lastBreak = candidate.nextTokenStart() >= 0 ? candidate.nextTokenStart() : candidate.end();
            }
        }
        slices.add(new Span(lastBreak, PythonStrings.rstripEnd(text, text.length())));
        return slices;
    }

    /** A possible break: where the mark ends, where the next token starts (or -1), and the context to decide on. */
    private record Candidate(int end, int nextTokenStart, String context) {}

    /**
     * NLTK's {@code _match_potential_end_contexts}: each mark with the word before it. Of consecutive marks whose
     * words overlap ("acting!!!") only the last is kept, as NLTK does since its fix for ReDoS issue #2866.
     */
    private static List<Candidate> potentialEndContexts(String text) {
        List<Candidate> candidates = new ArrayList<>();
        Matcher m = PERIOD_CONTEXT.matcher(text);
        boolean havePrevious = false;
        int previousWordStart = 0;
        int previousWordEnd = 0;
        int previousEnd = 0;
        int previousNextToken = -1;
        String previousAfter = "";
        while (m.find()) {
            int whitespace = lastAsciiWhitespace(text, previousWordEnd, m.start());
            // NLTK cannot tell "no whitespace" from "whitespace at offset 0"; both keep the previous word's start.
            int wordStart = whitespace != 0 ? previousWordEnd + whitespace + 1 : previousWordStart;
            if (havePrevious && previousWordEnd <= wordStart) {
                candidates.add(candidate(
                        text, previousWordStart, previousWordEnd, previousEnd, previousNextToken, previousAfter));
            }
            havePrevious = true;
            previousWordStart = wordStart;
            previousWordEnd = m.start();
            previousEnd = m.end();
            previousNextToken = m.start("nextTok");
            previousAfter = m.group("afterTok");
        }
        if (havePrevious) {
            candidates.add(
                    candidate(text, previousWordStart, previousWordEnd, previousEnd, previousNextToken, previousAfter));
        }
        return candidates;
    }

    private static Candidate candidate(String text, int wordStart, int markStart, int markEnd, int next, String after) {
        String context = PythonStrings.slice(text, wordStart, markStart) + text.substring(markStart, markEnd) + after;
        return new Candidate(markEnd, next, context);
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

    /** NLTK's {@code text_contains_sentbreak}: a break after some token that is not the last. */
    private boolean containsSentenceBreak(String context) {
        List<Token> tokens = tokenizeWords(context);
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

    /** Punkt's word tokens of {@code text}, line by line, skipping blank lines. */
    private static List<Token> tokenizeWords(String text) {
        List<Token> tokens = new ArrayList<>();
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int newline = text.indexOf('\n', lineStart);
            int lineEnd = newline < 0 ? text.length() : newline;
            if (PythonStrings.hasNonSpace(text, lineStart, lineEnd)) {
                Matcher m = WORD_TOKENIZER.matcher(text.substring(lineStart, lineEnd));
                while (m.find()) {
                    tokens.add(new Token(m.group()));
                }
            }
            lineStart = lineEnd + 1;
        }
        return tokens;
    }

    /** Type-based annotation: sentence-end marks, ellipses, abbreviations, and other period-final words. */
    private void firstPass(Token token) {
        String tok = token.tok;
        if (tok.equals(".") || tok.equals("?") || tok.equals("!")) {
            token.sentBreak = true;
        } else if (ELLIPSIS.matcher(tok).matches()) {
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
        boolean initial = INITIAL.matcher(token.tok).matches();

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
            Matcher m = second.start() < second.end()
                    ? BOUNDARY_REALIGNMENT.matcher(text).region(second.start(), second.end())
                    : null;
            if (m != null && m.lookingAt()) {
                String closing = m.group();
                sentences.add(
                        new Span(first.start(), second.start() + PythonStrings.rstripEnd(closing, closing.length())));
                realign = m.end() - second.start();
            } else {
                realign = 0;
                if (first.start() < first.end()) {
                    sentences.add(first);
                }
            }
        }
        return sentences;
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
            this.type = NUMERIC.matcher(lower).matches() ? NUMBER_TYPE : lower;
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

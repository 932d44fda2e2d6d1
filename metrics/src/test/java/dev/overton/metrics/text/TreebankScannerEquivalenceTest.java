package dev.overton.metrics.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * The scanner implementations of {@link TreebankWordTokenizer} and {@link PunktSentenceSplitter} against the regex
 * implementations they replaced ({@link RegexTreebankReference}, {@link RegexPunktReference}), which were validated
 * against NLTK: on many generated texts made of the pieces each rule reacts to (every quote, bracket and punctuation
 * character the rules name, clitics and contractions in odd cases, Python-only whitespace, newlines at the end,
 * supplementary letters and digits, lone surrogates, characters that fold to ASCII letters only under Unicode case
 * rules), the outputs must be identical. The seed is fixed, so a failure is reproducible; the message shows the input.
 */
class TreebankScannerEquivalenceTest {

    private static final String[] CHARACTERS = {
        " ",
        " ",
        " ",
        " ",
        "\n",
        "\t",
        "\r",
        "\u000B",
        "\f",
        "\u001C",
        "\u001F",
        "\u0085",
        "\u00A0",
        "\u2009",
        "\u3000",
        "\u200B",
        ".",
        ".",
        ".",
        ",",
        ",",
        ":",
        ";",
        "@",
        "#",
        "$",
        "%",
        "&",
        "?",
        "!",
        "*",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "<",
        ">",
        "-",
        "-",
        "\"",
        "\"",
        "'",
        "'",
        "'",
        "`",
        "«",
        "»",
        "“",
        "”",
        "‘",
        "’",
        "„",
        "_",
        "a",
        "b",
        "c",
        "s",
        "S",
        "d",
        "D",
        "t",
        "T",
        "n",
        "N",
        "m",
        "M",
        "l",
        "L",
        "r",
        "R",
        "e",
        "E",
        "v",
        "V",
        "x",
        "I",
        "y",
        "o",
        "w",
        "g",
        "ı",
        "İ",
        "ſ",
        "\u212A",
        "0",
        "5",
        "٣",
        "²",
        "\u0301",
        "–",
        "—",
        "…",
        "\uD835\uDFCE", // MATHEMATICAL BOLD DIGIT ZERO, a supplementary decimal digit
        "\uD835\uDC00", // MATHEMATICAL BOLD CAPITAL A, a supplementary letter
        "\uD83D\uDE00", // an emoji
        "\uD800", // lone high surrogate
        "\uDC00", // lone low surrogate
    };

    private static final String[] WORDS = {
        "cannot",
        "CanNot",
        "CANNOT",
        "gonna",
        "GONNA",
        "gimme",
        "gİmme",
        "lemme",
        "gotta",
        "wanna",
        "wanna ",
        "d'ye",
        "D'YE",
        "more'n",
        "'tis",
        "'TIS",
        "'tİs",
        "'tıs",
        "'tiſ",
        "'twas",
        "'TwaS",
        "'twaſ",
        "don't",
        "DON'T",
        "it's",
        "IT'S",
        "they'll",
        "THEY'LL",
        "I'm",
        "I'M",
        "we're",
        "WE'RE",
        "you've",
        "she'd",
        "can't",
        "'em",
        "'re",
        "'ll",
        "'ve",
        "'s",
        "'d",
        "'n",
        "'m",
        "'t",
        "'a",
        "'x",
        "'\uD835\uDC00",
        "'é",
        "Mr.",
        "Mrs.",
        "Dr.",
        "e.g.",
        "i.e.",
        "U.S.",
        "p.m.",
        "a.m.",
        "vs.",
        "etc.",
        "No.",
        "Inc.",
        "Jan.",
        "St.",
        "3.88",
        "1,000",
        "3:45",
        "-5",
        "1.",
        "2.",
        "10.",
        "a.",
        "A.",
        "b.",
        "I.",
        "...",
        "..",
        ". . .",
        ". . . .",
        ". .",
        "--",
        "---",
        "''",
        "``",
        "```",
        "\"\"",
        "The",
        "He",
        "And",
        "However",
        "she",
        "it",
        "in",
        "a",
        "word",
        "words",
        "x",
        "_",
        "(a)",
        "[1]",
        "{b}",
        "<c>",
        "\" ",
        " \"",
        "' ",
        " '",
        ".)",
        ".\"",
        ".'",
        ".]",
        ".}",
        ".>",
        ".»",
        ".”",
        ".’",
        ". )",
        "?)",
        "!\"",
        "?!",
        "!!!",
        ":-)",
        ",,",
        ",\n",
        ":\n",
        ".\n",
        ". \n",
        "\n\n",
        " .",
        " . ",
        "(\"",
        "[\"",
        "{\"",
        "<\"",
        "(''",
        " ''",
        "“Curly”",
        "‘single’",
        "«guillemets»",
        "„low“",
        "hello,world",
        "a,b",
        "a:b",
        "1,5",
        "a,٣",
        "a,\uD835\uDFCE",
        "what?",
        "wow!",
        "*bold*",
        "**",
        "#tag",
        "@you",
        "$5",
        "5%",
        "A&B",
        "semi;colon",
        "x--y",
        "x---y",
        "e.g.,",
        "Ph.D.",
        "U.S.A.",
        "fig. 3",
        "ca. 5",
        "No. 5",
        "(Sent.) Next.",
        "\"Quote.\" Next.",
        "end. The",
        "end. the",
        "end? The",
        "end! the",
        "end.) The",
        "end.\" He",
        "1. The",
        "a. The",
        "A. Smith",
        "Mr. Smith",
        "etc. And",
        "... The",
        "... the",
        ". . . The",
        "end .The",
        "end.\nThe",
        "end.\n\nthe",
        "x.\u00A0Y",
        "x.\u2009Y",
        "x.\u001CY",
    };

    private static String generate(Random random) {
        StringBuilder s = new StringBuilder();
        int pieces = random.nextInt(24);
        for (int i = 0; i < pieces; i++) {
            switch (random.nextInt(3)) {
                case 0 -> s.append(CHARACTERS[random.nextInt(CHARACTERS.length)]);
                case 1 -> s.append(WORDS[random.nextInt(WORDS.length)]);
                default -> {
                    s.append(WORDS[random.nextInt(WORDS.length)]);
                    s.append(random.nextInt(4) == 0 ? CHARACTERS[random.nextInt(CHARACTERS.length)] : " ");
                }
            }
        }
        return s.toString();
    }

    private static <T> void assertSameOnGenerated(
            long seed, int cases, Function<String, T> actual, Function<String, T> expected) {
        Random random = new Random(seed);
        for (int i = 0; i < cases; i++) {
            String text = generate(random);
            T want = expected.apply(text);
            assertThat(actual.apply(text))
                    .as("case %d, input %s", i, escape(text))
                    .isEqualTo(want);
        }
    }

    @Test
    void sentenceTokenizationIsTheRegexOnes() {
        assertSameOnGenerated(
                1, 25_000, TreebankWordTokenizer::tokenizeSentence, RegexTreebankReference::tokenizeSentence);
    }

    @Test
    void wordTokenizationIsTheRegexOnes() {
        assertSameOnGenerated(2, 25_000, TreebankWordTokenizer::wordTokenize, RegexTreebankReference::wordTokenize);
    }

    @Test
    void sentenceSpansAreTheRegexOnes() {
        assertSameOnGenerated(
                3,
                25_000,
                text -> PunktSentenceSplitter.english().spans(text).stream()
                        .map(span -> span.start() + "-" + span.end())
                        .toList(),
                text -> RegexPunktReference.english().spans(text).stream()
                        .map(span -> span.start() + "-" + span.end())
                        .toList());
    }

    @Test
    void handPickedCornerCasesMatchTheRegexOnes() {
        List<String> texts = List.of(
                "",
                " ",
                "\n",
                ".",
                "a.",
                "..",
                "a..",
                "\"",
                "\"\"",
                "``",
                "'",
                "''",
                "a,",
                "a,,",
                "a,,,",
                "a,\n",
                "a,,\n",
                "a:\n",
                "a.\n",
                "a. \n",
                "a.) \n",
                "a.)\t)",
                "a .",
                "a\uD835\uDC00.",
                "\uD835\uDC00.",
                "x'\uD835\uDC00 y",
                "x\uD835\uDC00's y",
                "\uD835\uDC00cannot",
                "cannot\uD835\uDC00",
                "\uD835\uDC00'tis",
                "cannot'tis",
                "don't's",
                "don't's won't've",
                "it's'",
                "'tis 'tis 'twas",
                "wanna\u00A0go",
                "wanna",
                "gonna.",
                "\"Hello,\" she said. \"Bye.\"",
                "He said \"no\" (\"yes\") [''maybe''] {\"x\"} <\"y\">",
                "The end.\u2028Next one.",
                "Numbers: 1,000, 2,5, \u0663,\u0664 and a:\uD835\uDFCE.",
                "What?! Really... Yes.. no . . . maybe. . . .",
                "(Parenthetical.) Then \"quoted.\" Then 'single.' Done.",
                "A. B. C. D. e. f.",
                "Mr. and Mrs. Smith went to the U.S. on Jan. 5. They left.");
        for (String text : texts) {
            assertThat(TreebankWordTokenizer.tokenizeSentence(text))
                    .as("tokenizeSentence(%s)", escape(text))
                    .isEqualTo(RegexTreebankReference.tokenizeSentence(text));
            assertThat(TreebankWordTokenizer.wordTokenize(text))
                    .as("wordTokenize(%s)", escape(text))
                    .isEqualTo(RegexTreebankReference.wordTokenize(text));
            assertThat(PunktSentenceSplitter.english().split(text))
                    .as("split(%s)", escape(text))
                    .isEqualTo(RegexPunktReference.english().split(text));
        }
    }

    private static String escape(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= ' ' && c < 127 && c != '"' && c != '\\') {
                s.append(c);
            } else {
                s.append(String.format("\\u%04X", (int) c));
            }
        }
        return s.append('"').toString();
    }
}

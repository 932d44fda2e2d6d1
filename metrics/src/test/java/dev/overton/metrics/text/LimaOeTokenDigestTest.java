package dev.overton.metrics.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.overton.metrics.LimaOeFixture;
import dev.overton.metrics.LimaOeFixture.SampleSet;

/**
 * Pins the exact output of the tokenizer and the sentence splitter on every LIMA-OE fixture response: SHA-256 digests
 * of all token lists ({@link TreebankWordTokenizer#wordTokenize}) and all sentence spans
 * ({@link PunktSentenceSplitter#spans}), over every variant in {@code outputs/*}{@code /samples.jsonl} (sorted by
 * name), prompt by prompt and response by response, failed prompts skipped. The expected digests were computed with the
 * regex-per-rule implementation that {@code LimaOeReferenceValuesTest} validated against NLTK token for token; any
 * speed-up of the tokenizer must leave them unchanged. Skipped without {@code ../shared}.
 *
 * <p>With {@code -Doverton.tokenDump=FILE} the test also writes every token list (one response a line, tokens
 * separated by U+241F, prefixed by variant, prompt and response index) to {@code FILE}, for diffing when a digest
 * moves.
 */
class LimaOeTokenDigestTest {

    /** SHA-256 of all token lists, as computed before the tokenizer was optimised. */
    private static final String TOKENS_SHA256 = "12e1f61917de42b7d591a2c3047c7c4b6722e26c99243260f4f5bfeeb30b5b71";

    /** SHA-256 of all sentence spans, as computed before the splitter was optimised. */
    private static final String SPANS_SHA256 = "7a493685f1d1b2ff89cfdfde383d69b3480047114f2f583b14170e7c4deffb69";

    private static final long EXPECTED_RESPONSES = 8250;

    private Path fixture;

    @BeforeEach
    void locateFixture() {
        fixture = LimaOeFixture.assumePresent();
    }

    @Test
    void everyFixtureResponseTokenizesExactlyAsBefore() throws IOException {
        MessageDigest tokensDigest = sha256();
        MessageDigest spansDigest = sha256();
        String dump = System.getProperty("overton.tokenDump");
        long responses = 0;
        try (Writer out = dump == null || dump.isBlank()
                ? Writer.nullWriter()
                : Files.newBufferedWriter(Path.of(dump), StandardCharsets.UTF_8)) {
            for (String variant : variants()) {
                for (SampleSet set : LimaOeFixture.sampleSets(fixture, variant)) {
                    for (int i = 0; i < set.texts().size(); i++) {
                        String text = set.texts().get(i);
                        List<String> tokens = TreebankWordTokenizer.wordTokenize(text);
                        update(tokensDigest, Integer.toString(tokens.size()));
                        for (String token : tokens) {
                            update(tokensDigest, token.length() + ":" + token);
                        }
                        List<PunktSentenceSplitter.Span> spans =
                                PunktSentenceSplitter.english().spans(text);
                        update(spansDigest, Integer.toString(spans.size()));
                        for (PunktSentenceSplitter.Span span : spans) {
                            update(spansDigest, span.start() + "-" + span.end());
                        }
                        out.write(variant + "\t" + set.promptId() + "\t" + i + "\t" + String.join("\u241F", tokens)
                                + "\n");
                        responses++;
                    }
                }
            }
        }
        String tokens = HexFormat.of().formatHex(tokensDigest.digest());
        String spans = HexFormat.of().formatHex(spansDigest.digest());
        System.out.println("LimaOeTokenDigestTest: " + responses + " responses, tokens " + tokens + ", spans " + spans);
        assertThat(responses).as("responses").isEqualTo(EXPECTED_RESPONSES);
        assertThat(tokens).as("SHA-256 of all token lists").isEqualTo(TOKENS_SHA256);
        assertThat(spans).as("SHA-256 of all sentence spans").isEqualTo(SPANS_SHA256);
    }

    private List<String> variants() throws IOException {
        try (Stream<Path> dirs = Files.list(fixture.resolve("outputs"))) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("samples.jsonl")))
                    .map(dir -> dir.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    /**
     * Feeds the UTF-16 code units of {@code s} (lone surrogates included, which an encoder would replace) and a
     * terminator that keeps adjacent items from running together.
     */
    private static void update(MessageDigest digest, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            digest.update((byte) (c >>> 8));
            digest.update((byte) c);
        }
        digest.update((byte) 0xFF);
        digest.update((byte) 0xFF);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}

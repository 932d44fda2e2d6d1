package dev.overton.jlama;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tjake.jlama.model.llama.LlamaTokenizer;
import com.github.tjake.jlama.safetensors.SafeTensorSupport;
import com.github.tjake.jlama.safetensors.tokenizer.TokenizerModel;

/** The byte-level BPE codec against the textbook algorithm in {@link TinyLlamaModel#encode(String)}. */
class ByteLevelBpeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    static Path model;
    static ByteLevelBpe codec;

    @BeforeAll
    static void loadTokenizer() throws IOException {
        model = TinyLlamaModel.instruct().writeTo(tmp, "tiny");
        codec = codecFor(model);
    }

    static ByteLevelBpe codecFor(Path dir) throws IOException {
        TokenizerModel vocabulary = SafeTensorSupport.loadTokenizer(dir);
        JsonNode json = JSON.readTree(dir.resolve("tokenizer.json").toFile());
        return ByteLevelBpe.forTokenizer(json, vocabulary).orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "The cat sat on the mat.",
                "There is a theory that the thing they think",
                "  two  spaces,\n\nnew lines\tand a tab ",
                "digits 2024 and 3.14",
                "it's they're we've I'm you'll he'd",
                "<|im_start|>user\nHello there<|im_end|>\n<|im_start|>assistant\n",
                "naïve café — “quoted” 東京 🙂"
            })
    void encodesLikeTheTextbookAlgorithm(String text) {
        assertThat(codec.encode(text)).containsExactly(toArray(TinyBpeTokenizer.encode(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"naïve café — “quoted” 東京 🙂", "plain ASCII, with 123 digits", "tab\there\r\n"})
    void decodingTheTokensGivesBackTheText(String text) {
        TextCodec.Decoder decoder = codec.newDecoder();
        for (int id : codec.encode(text)) {
            decoder.append(id);
        }

        assertThat(decoder.text()).isEqualTo(text);
    }

    @Test
    void specialTokensAddNoText() {
        TextCodec.Decoder decoder = codec.newDecoder();
        for (int id : codec.encode("<|im_start|>Hi<|im_end|>")) {
            decoder.append(id);
        }

        assertThat(decoder.text()).isEqualTo("Hi");
    }

    @Test
    void splitPreTokenizerWithTheByteLevelRegexEncodesLikeTheByteLevelRegex() throws IOException {
        // Llama 3 and Qwen 2 spell their split as a Split step followed by ByteLevel without regex.
        Path variant = TinyLlamaModel.instruct().writeTo(tmp, "split-variant");
        ObjectNode json =
                (ObjectNode) JSON.readTree(variant.resolve("tokenizer.json").toFile());
        ObjectNode pre = json.putObject("pre_tokenizer");
        pre.put("type", "Sequence");
        ObjectNode split = pre.putArray("pretokenizers").addObject();
        split.put("type", "Split");
        split.putObject("pattern").put("Regex", ByteLevelBpe.GPT2_SPLIT.pattern());
        split.put("behavior", "Isolated");
        split.put("invert", false);
        ((ArrayNode) pre.get("pretokenizers"))
                .addObject()
                .put("type", "ByteLevel")
                .put("add_prefix_space", false)
                .put("use_regex", false);
        Files.writeString(variant.resolve("tokenizer.json"), JSON.writeValueAsString(json));

        String text = "There is a theory, they think.\n\n  Then";
        assertThat(codecFor(variant).encode(text)).containsExactly(codec.encode(text));
    }

    @Test
    void unsupportedPreTokenizerLeavesTheTokenizerToJlama() throws IOException {
        TokenizerModel vocabulary = SafeTensorSupport.loadTokenizer(model);
        ObjectNode json =
                (ObjectNode) JSON.readTree(model.resolve("tokenizer.json").toFile());
        json.putObject("pre_tokenizer").put("type", "Metaspace");

        assertThat(ByteLevelBpe.forTokenizer(json, vocabulary)).isEmpty();
    }

    @Test
    void jlamasOwnTokenizerLosesCharactersOutsideLatin1() {
        // Why this codec exists: jlama 0.8.4 looks characters up instead of UTF-8 bytes, so the em dash and the CJK
        // characters here have no token and silently vanish from the prompt. If this starts failing, jlama has fixed
        // it and the codec may be reconsidered.
        long[] jlamaIds = new LlamaTokenizer(model).encode("a — 東京");
        TextCodec.Decoder decoder = codec.newDecoder();
        for (long id : jlamaIds) {
            decoder.append(Math.toIntExact(id));
        }

        assertThat(decoder.text()).doesNotContain("—").doesNotContain("東京");
    }

    private static int[] toArray(List<Integer> ids) {
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }
}

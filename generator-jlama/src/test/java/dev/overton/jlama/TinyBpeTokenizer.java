package dev.overton.jlama;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The byte-level BPE tokenizer of {@link TinyLlamaModel}, laid out like SmolLM2's: special tokens at ids 0 to 2, the
 * 256 byte symbols, then merges learned here from a few sentences. It writes the {@code tokenizer.json} and {@code
 * tokenizer_config.json} that describe it and encodes text by the textbook algorithm, as the reference the engine's
 * tokenizer is held to.
 *
 * <p>Written independently of the engine's own tokenizer code (its byte map and pre-tokenizer regex are restated
 * here), so that tests compare the engine against this description of the format rather than against itself.
 */
final class TinyBpeTokenizer {

    static final String END_OF_TEXT = "<|endoftext|>";
    static final String IM_START = "<|im_start|>";
    static final String IM_END = "<|im_end|>";

    static final int MERGES = 61;
    static final int VOCAB = 3 + 256 + MERGES;

    /** SmolLM2-Instruct's chat template (ChatML with a default system message). */
    static final String CHAT_TEMPLATE = "{% for message in messages %}{% if loop.first and messages[0]['role'] !="
            + " 'system' %}{{ '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging"
            + " Face<|im_end|>\n' }}{% endif %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] +"
            + " '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{%"
            + " endif %}";

    private static final Pattern GPT2_SPLIT = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private static final String CORPUS = "The cat sat on the mat. The dog sat on the log. There is a theory that the"
            + " thing they think is the other thing. Then the three of them went there together, and that was that."
            + " In the morning the sun is on the sea; in the evening the moon is on the sea.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TinyBpeTokenizer() {}

    /** GPT-2's bytes_to_unicode table. */
    static char[] byteAlphabet() {
        char[] table = new char[256];
        int n = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
            table[b] = (char) (printable ? b : 256 + n++);
        }
        return table;
    }

    /** {@code text} pre-tokenized as SmolLM2 does (single digits, then GPT-2's split) and mapped to byte symbols. */
    static List<String> preTokenize(String text) {
        char[] alphabet = byteAlphabet();
        List<String> words = new ArrayList<>();
        for (String piece : text.split("(?<=\\p{N})|(?=\\p{N})")) {
            Matcher m = GPT2_SPLIT.matcher(piece);
            while (m.find()) {
                StringBuilder sb = new StringBuilder();
                for (byte b : m.group().getBytes(StandardCharsets.UTF_8)) {
                    sb.append(alphabet[b & 0xFF]);
                }
                words.add(sb.toString());
            }
        }
        return words;
    }

    /** Merges learned from {@link #CORPUS}: most frequent pair first, ties broken by the pair's text. */
    static List<String[]> learnMerges() {
        Map<List<String>, Integer> words = new HashMap<>();
        for (String w : preTokenize(CORPUS)) {
            List<String> symbols = new ArrayList<>();
            w.codePoints().forEach(cp -> symbols.add(Character.toString(cp)));
            words.merge(symbols, 1, Integer::sum);
        }
        List<String[]> merges = new ArrayList<>();
        while (merges.size() < MERGES) {
            TreeMap<String, Integer> pairs = new TreeMap<>();
            Map<String, String[]> pairParts = new HashMap<>();
            words.forEach((symbols, count) -> {
                for (int i = 0; i < symbols.size() - 1; i++) {
                    String key = symbols.get(i) + " " + symbols.get(i + 1);
                    pairs.merge(key, count, Integer::sum);
                    pairParts.put(key, new String[] {symbols.get(i), symbols.get(i + 1)});
                }
            });
            String best = null;
            for (Map.Entry<String, Integer> e : pairs.entrySet()) {
                if (best == null || e.getValue() > pairs.get(best)) {
                    best = e.getKey();
                }
            }
            String[] parts = pairParts.get(best);
            merges.add(parts);
            Map<List<String>, Integer> merged = new HashMap<>();
            words.forEach((symbols, count) -> merged.merge(mergePair(symbols, parts), count, Integer::sum));
            words = merged;
        }
        return merges;
    }

    /** {@code symbols} with every occurrence of the pair {@code parts[0]}, {@code parts[1]} merged, left to right. */
    private static List<String> mergePair(List<String> symbols, String[] parts) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < symbols.size(); i++) {
            if (i < symbols.size() - 1
                    && symbols.get(i).equals(parts[0])
                    && symbols.get(i + 1).equals(parts[1])) {
                out.add(parts[0] + parts[1]);
                i++;
            } else {
                out.add(symbols.get(i));
            }
        }
        return out;
    }

    /**
     * The token ids of {@code text} by the textbook algorithm (split out special tokens, pre-tokenize, then merge all
     * occurrences of the best-ranked pair until none applies), as the reference the engine's tokenizer is held to.
     */
    static List<Integer> encode(String text) {
        Map<String, Integer> vocab = vocabulary();
        Map<String, Integer> ranks = new HashMap<>();
        List<String[]> merges = learnMerges();
        for (int i = 0; i < merges.size(); i++) {
            ranks.put(merges.get(i)[0] + " " + merges.get(i)[1], i);
        }
        List<Integer> ids = new ArrayList<>();
        for (String part : text.split("(?=<\\|im_start\\|>|<\\|im_end\\|>|<\\|endoftext\\|>)|(?<=\\|>)")) {
            if (part.isEmpty()) {
                continue;
            }
            if (vocab.containsKey(part) && part.startsWith("<|")) {
                ids.add(vocab.get(part));
                continue;
            }
            for (String word : preTokenize(part)) {
                List<String> symbols = new ArrayList<>();
                word.codePoints().forEach(cp -> symbols.add(Character.toString(cp)));
                while (true) {
                    String best = null;
                    for (int i = 0; i < symbols.size() - 1; i++) {
                        String pair = symbols.get(i) + " " + symbols.get(i + 1);
                        if (ranks.containsKey(pair) && (best == null || ranks.get(pair) < ranks.get(best))) {
                            best = pair;
                        }
                    }
                    if (best == null) {
                        break;
                    }
                    List<String> merged = mergePair(symbols, best.split(" "));
                    symbols.clear();
                    symbols.addAll(merged);
                }
                symbols.forEach(s -> ids.add(vocab.get(s)));
            }
        }
        return ids;
    }

    /** The vocabulary: specials, byte symbols in byte order, then merged tokens in merge order. */
    static Map<String, Integer> vocabulary() {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        vocab.put(END_OF_TEXT, 0);
        vocab.put(IM_START, 1);
        vocab.put(IM_END, 2);
        for (char c : byteAlphabet()) {
            vocab.put(String.valueOf(c), vocab.size());
        }
        for (String[] merge : learnMerges()) {
            vocab.put(merge[0] + merge[1], vocab.size());
        }
        if (vocab.size() != VOCAB) {
            throw new IllegalStateException("merges produced a duplicate token; vocabulary has " + vocab.size());
        }
        return vocab;
    }
    /**
     * Writes {@code tokenizer.json} and {@code tokenizer_config.json} into {@code dir}: with {@code chatTemplate}, like
     * SmolLM2-Instruct's (ChatML template, BOS {@code <|im_start|>}, EOS {@code <|im_end|>}), else like SmolLM2's.
     */
    static void writeFiles(Path dir, boolean chatTemplate) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String special : List.of(END_OF_TEXT, IM_START, IM_END)) {
            ObjectNode t = added.addObject();
            t.put("id", added.size() - 1);
            t.put("content", special);
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            t.put("special", true);
        }
        root.putNull("normalizer");
        ObjectNode pre = root.putObject("pre_tokenizer");
        pre.put("type", "Sequence");
        ArrayNode steps = pre.putArray("pretokenizers");
        steps.addObject().put("type", "Digits").put("individual_digits", true);
        steps.addObject()
                .put("type", "ByteLevel")
                .put("add_prefix_space", false)
                .put("trim_offsets", true)
                .put("use_regex", true);
        root.putObject("post_processor")
                .put("type", "ByteLevel")
                .put("add_prefix_space", true)
                .put("trim_offsets", false)
                .put("use_regex", true);
        root.putObject("decoder")
                .put("type", "ByteLevel")
                .put("add_prefix_space", true)
                .put("trim_offsets", true)
                .put("use_regex", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        vocabulary().forEach(vocab::put);
        ArrayNode merges = model.putArray("merges");
        learnMerges().forEach(m -> merges.add(m[0] + " " + m[1]));
        TinyLlamaModel.writeJson(dir, "tokenizer.json", root);

        ObjectNode config = JSON.createObjectNode();
        config.put("add_prefix_space", false);
        config.put("bos_token", chatTemplate ? IM_START : END_OF_TEXT);
        config.put("eos_token", chatTemplate ? IM_END : END_OF_TEXT);
        config.put("unk_token", END_OF_TEXT);
        config.put("clean_up_tokenization_spaces", false);
        config.put("model_max_length", TinyLlamaModel.CONTEXT);
        config.put("tokenizer_class", "GPT2Tokenizer");
        if (chatTemplate) {
            config.put("chat_template", CHAT_TEMPLATE);
            config.put("pad_token", IM_END);
        }
        TinyLlamaModel.writeJson(dir, "tokenizer_config.json", config);
    }
}

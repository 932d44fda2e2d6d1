package dev.overton.jlama;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a tiny random-weight model with SmolLM2's shape into a folder: a {@code LlamaForCausalLM} config (grouped
 * query attention, tied embeddings, RoPE, RMS norm), a byte-level BPE {@code tokenizer.json} laid out like SmolLM2's
 * (special tokens at ids 0 to 2, the 256 byte symbols, then merges learned here from a few sentences), a {@code
 * tokenizer_config.json} with SmolLM2-Instruct's ChatML template, and {@code model.safetensors} with seeded Gaussian
 * float32 weights under the tensor names of Hugging Face Llama checkpoints.
 *
 * <p>Written independently of the engine's own tokenizer code (its byte map and pre-tokenizer regex are restated
 * here), so that tests compare the engine against this description of the format rather than against itself.
 *
 * <p>The weights are noise, so generated text is noise too; what the tests check is the machinery around it. The
 * embedding rows of the end-of-sequence token and of control and non-ASCII bytes are zero, so their logits are
 * exactly 0 while other logits spread several units either side: greedy decoding practically never picks them and
 * sampling rarely does, which keeps "cut by maxTokens" tests about the budget rather than about luck and the noise
 * mostly printable.
 */
public final class TinyLlamaModel {

    static final String END_OF_TEXT = "<|endoftext|>";
    static final String IM_START = "<|im_start|>";
    static final String IM_END = "<|im_end|>";

    static final int HIDDEN = 128;
    static final int LAYERS = 2;
    static final int HEADS = 4;
    static final int KV_HEADS = 2;
    static final int INTERMEDIATE = 256;
    static final int CONTEXT = 128;
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

    private final boolean chatTemplate;
    private final long seed;
    private final List<Integer> generationEos;

    private TinyLlamaModel(boolean chatTemplate, long seed, List<Integer> generationEos) {
        this.chatTemplate = chatTemplate;
        this.seed = seed;
        this.generationEos = generationEos;
    }

    /** Like SmolLM2-135M-Instruct: a chat template, BOS {@code <|im_start|>}, EOS {@code <|im_end|>}. */
    public static TinyLlamaModel instruct() {
        return new TinyLlamaModel(true, 42, List.of());
    }

    /** Like SmolLM2-135M: no chat template, BOS and EOS both {@code <|endoftext|>}. */
    public static TinyLlamaModel base() {
        return new TinyLlamaModel(false, 42, List.of());
    }

    /** The same model with a {@code generation_config.json} whose {@code eos_token_id} lists {@code ids}. */
    TinyLlamaModel withGenerationEos(List<Integer> ids) {
        return new TinyLlamaModel(chatTemplate, seed, List.copyOf(ids));
    }

    /** Writes the model into a new folder {@code name} under {@code parent} and returns that folder. */
    public Path writeTo(Path parent, String name) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name));
        writeTokenizer(dir);
        writeConfig(dir);
        writeWeights(dir.resolve("model.safetensors"));
        return dir;
    }

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

    private void writeTokenizer(Path dir) throws IOException {
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
        writeJson(dir, "tokenizer.json", root);

        ObjectNode config = JSON.createObjectNode();
        config.put("add_prefix_space", false);
        config.put("bos_token", chatTemplate ? IM_START : END_OF_TEXT);
        config.put("eos_token", chatTemplate ? IM_END : END_OF_TEXT);
        config.put("unk_token", END_OF_TEXT);
        config.put("clean_up_tokenization_spaces", false);
        config.put("model_max_length", CONTEXT);
        config.put("tokenizer_class", "GPT2Tokenizer");
        if (chatTemplate) {
            config.put("chat_template", CHAT_TEMPLATE);
            config.put("pad_token", IM_END);
        }
        writeJson(dir, "tokenizer_config.json", config);
    }

    /** Writes {@code node} as {@code dir/name}, pretty-printed as the Hugging Face files are. */
    private static void writeJson(Path dir, String name, ObjectNode node) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(name).toFile(), node);
    }

    private int bosId() {
        return chatTemplate ? 1 : 0;
    }

    private int eosId() {
        return chatTemplate ? 2 : 0;
    }

    private void writeConfig(Path dir) throws IOException {
        ObjectNode config = JSON.createObjectNode();
        config.putArray("architectures").add("LlamaForCausalLM");
        config.put("model_type", "llama");
        config.put("attention_bias", false);
        config.put("bos_token_id", bosId());
        config.put("eos_token_id", eosId());
        config.put("head_dim", HIDDEN / HEADS);
        config.put("hidden_act", "silu");
        config.put("hidden_size", HIDDEN);
        config.put("intermediate_size", INTERMEDIATE);
        config.put("max_position_embeddings", CONTEXT);
        config.put("num_attention_heads", HEADS);
        config.put("num_hidden_layers", LAYERS);
        config.put("num_key_value_heads", KV_HEADS);
        config.put("rms_norm_eps", 1e-5);
        config.putNull("rope_scaling");
        config.put("rope_theta", 100000.0);
        config.put("tie_word_embeddings", true);
        config.put("torch_dtype", "float32");
        config.put("vocab_size", VOCAB);
        writeJson(dir, "config.json", config);
        if (!generationEos.isEmpty()) {
            ObjectNode generation = JSON.createObjectNode();
            generation.put("bos_token_id", bosId());
            ArrayNode eos = generation.putArray("eos_token_id");
            generationEos.forEach(eos::add);
            writeJson(dir, "generation_config.json", generation);
        }
    }

    private void writeWeights(Path file) throws IOException {
        Random random = new Random(seed);
        int headDim = HIDDEN / HEADS;
        Map<String, float[]> tensors = new LinkedHashMap<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();

        // Logit spread: a normalised hidden state has unit RMS per dimension, so logits are N(0, HIDDEN * std^2).
        float[] embed = gaussian(random, VOCAB * HIDDEN, 3.0 / Math.sqrt(HIDDEN));
        java.util.Arrays.fill(embed, eosId() * HIDDEN, (eosId() + 1) * HIDDEN, 0f);
        // Control and non-ASCII bytes get a zero row as well, so that sampled noise is mostly readable ASCII.
        for (int b = 0; b < 256; b++) {
            if (b < 0x20 || b >= 0x7F) {
                java.util.Arrays.fill(embed, (3 + b) * HIDDEN, (4 + b) * HIDDEN, 0f);
            }
        }
        put(tensors, shapes, "model.embed_tokens.weight", embed, VOCAB, HIDDEN);
        for (int layer = 0; layer < LAYERS; layer++) {
            String p = "model.layers." + layer + ".";
            double attention = 1.0 / Math.sqrt(HIDDEN);
            put(
                    tensors,
                    shapes,
                    p + "self_attn.q_proj.weight",
                    gaussian(random, HIDDEN * HIDDEN, attention),
                    HIDDEN,
                    HIDDEN);
            put(
                    tensors,
                    shapes,
                    p + "self_attn.k_proj.weight",
                    gaussian(random, KV_HEADS * headDim * HIDDEN, attention),
                    KV_HEADS * headDim,
                    HIDDEN);
            put(
                    tensors,
                    shapes,
                    p + "self_attn.v_proj.weight",
                    gaussian(random, KV_HEADS * headDim * HIDDEN, attention),
                    KV_HEADS * headDim,
                    HIDDEN);
            put(
                    tensors,
                    shapes,
                    p + "self_attn.o_proj.weight",
                    gaussian(random, HIDDEN * HIDDEN, attention),
                    HIDDEN,
                    HIDDEN);
            put(
                    tensors,
                    shapes,
                    p + "mlp.gate_proj.weight",
                    gaussian(random, INTERMEDIATE * HIDDEN, attention),
                    INTERMEDIATE,
                    HIDDEN);
            put(
                    tensors,
                    shapes,
                    p + "mlp.up_proj.weight",
                    gaussian(random, INTERMEDIATE * HIDDEN, attention),
                    INTERMEDIATE,
                    HIDDEN);
            put(
                    tensors,
                    shapes,
                    p + "mlp.down_proj.weight",
                    gaussian(random, HIDDEN * INTERMEDIATE, 1.0 / Math.sqrt(INTERMEDIATE)),
                    HIDDEN,
                    INTERMEDIATE);
            put(tensors, shapes, p + "input_layernorm.weight", ones(HIDDEN), HIDDEN);
            put(tensors, shapes, p + "post_attention_layernorm.weight", ones(HIDDEN), HIDDEN);
        }
        put(tensors, shapes, "model.norm.weight", ones(HIDDEN), HIDDEN);
        writeSafetensors(file, tensors, shapes);
    }

    /**
     * The safetensors format: an 8-byte little-endian header length, a JSON header mapping each tensor name to its
     * dtype, shape and byte range in the data section (padded with spaces to a multiple of 8), then the raw data.
     */
    static void writeSafetensors(Path file, Map<String, float[]> tensors, Map<String, int[]> shapes)
            throws IOException {
        ObjectNode header = JSON.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        for (Map.Entry<String, float[]> e : tensors.entrySet()) {
            ObjectNode info = header.putObject(e.getKey());
            info.put("dtype", "F32");
            ArrayNode shape = info.putArray("shape");
            for (int d : shapes.get(e.getKey())) {
                shape.add(d);
            }
            long size = (long) e.getValue().length * Float.BYTES;
            info.putArray("data_offsets").add(offset).add(offset + size);
            offset += size;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = new byte[padded];
        java.util.Arrays.fill(headerBytes, (byte) ' ');
        System.arraycopy(json, 0, headerBytes, 0, json.length);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(ByteBuffer.allocate(8)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(padded)
                    .array());
            out.write(headerBytes);
            for (float[] data : tensors.values()) {
                ByteBuffer buf = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                buf.asFloatBuffer().put(data);
                out.write(buf.array());
            }
        }
    }

    private static void put(
            Map<String, float[]> tensors, Map<String, int[]> shapes, String name, float[] data, int... shape) {
        tensors.put(name, data);
        shapes.put(name, shape);
    }

    private static float[] gaussian(Random random, int n, double std) {
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = (float) (random.nextGaussian() * std);
        }
        return data;
    }

    private static float[] ones(int n) {
        float[] data = new float[n];
        java.util.Arrays.fill(data, 1f);
        return data;
    }
}

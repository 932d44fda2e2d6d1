package dev.overton.jlama;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

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
 * <p>The tokenizer and its two files are {@link TinyBpeTokenizer}'s; this class writes the config and the weights.
 *
 * <p>The weights are noise, so generated text is noise too; what the tests check is the machinery around it. The
 * embedding rows of the end-of-sequence token and of control and non-ASCII bytes are zero, so their logits are
 * exactly 0 while other logits spread several units either side: greedy decoding practically never picks them and
 * sampling rarely does, which keeps "cut by maxTokens" tests about the budget rather than about luck and the noise
 * mostly printable.
 */
public final class TinyLlamaModel {

    static final int HIDDEN = 128;
    static final int LAYERS = 2;
    static final int HEADS = 4;
    static final int KV_HEADS = 2;
    static final int INTERMEDIATE = 256;
    static final int CONTEXT = 128;
    static final int VOCAB = TinyBpeTokenizer.VOCAB;

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
        TinyBpeTokenizer.writeFiles(dir, chatTemplate);
        writeConfig(dir);
        writeWeights(dir.resolve("model.safetensors"));
        return dir;
    }

    /** Writes {@code node} as {@code dir/name}, pretty-printed as the Hugging Face files are. */
    static void writeJson(Path dir, String name, ObjectNode node) throws IOException {
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

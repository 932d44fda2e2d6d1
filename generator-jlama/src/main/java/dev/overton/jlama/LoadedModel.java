package dev.overton.jlama;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.safetensors.Config;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.safetensors.prompt.PromptSupport;
import com.github.tjake.jlama.safetensors.tokenizer.TokenizerModel;
import com.github.tjake.jlama.tensor.AbstractTensor;
import com.github.tjake.jlama.tensor.KvBufferCache;

/**
 * One jlama model in memory, with the decoding loop the engine runs on it.
 *
 * <p>The loop is ours rather than jlama's {@code AbstractModel.generate} because that one cannot be seeded (it draws
 * from {@code ThreadLocalRandom}), counts its token budget including the prompt, keeps every session's KV buffer in a
 * map that is never emptied, and cannot stop at a stop string. jlama's forward pass and sampler are used as they are.
 *
 * <p>Calls run one at a time: jlama's tokenizer keeps decoding state, and one forward pass already uses every
 * physical core, so running two samples of one model in parallel would not be faster.
 */
final class LoadedModel implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LoadedModel.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final AbstractModel model;
    private final Config config;
    private final KvBufferCache kvBuffers;
    private final TextCodec codec;
    private final Set<Integer> endTokens;
    private final boolean tokenizerAddsBos;
    private final boolean chatTemplateAddsBos;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    private LoadedModel(
            Path folder,
            AbstractModel model,
            TextCodec codec,
            Set<Integer> endTokens,
            boolean tokenizerAddsBos,
            boolean chatTemplateAddsBos) {
        this.folder = folder;
        this.model = model;
        this.config = model.getConfig();
        this.kvBuffers = new KvBufferCache(model);
        this.codec = codec;
        this.endTokens = Set.copyOf(endTokens);
        this.tokenizerAddsBos = tokenizerAddsBos;
        this.chatTemplateAddsBos = chatTemplateAddsBos;
    }

    /**
     * Loads the model in {@code folder}: weights kept in their stored type (F32 or BF16), activations in F32.
     *
     * @throws IllegalArgumentException when the folder is not a model jlama can run (e.g. an unsupported
     *     architecture)
     */
    static LoadedModel load(Path folder) {
        long start = System.nanoTime();
        AbstractModel model;
        try {
            model = ModelSupport.loadModel(folder.toFile(), DType.F32, DType.I8);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("jlama cannot load the model in " + folder + ": " + e.getMessage(), e);
        }
        try {
            JsonNode tokenizerJson = readJson(folder.resolve("tokenizer.json"));
            JsonNode tokenizerConfig = readJson(folder.resolve("tokenizer_config.json"));
            JsonNode generationConfig = readJson(folder.resolve("generation_config.json"));
            TokenizerModel vocabulary = model.getTokenizer().getModel();
            TextCodec codec = ByteLevelBpe.forTokenizer(tokenizerJson, vocabulary)
                    .<TextCodec>map(c -> c)
                    .orElseGet(() -> new JlamaTokenizerCodec(model.getTokenizer()));

            Set<Integer> ends = new LinkedHashSet<>(model.getConfig().eosTokens);
            tokenId(tokenizerConfig.path("eos_token"), vocabulary).ifPresent(ends::add);
            JsonNode generationEos = generationConfig.path("eos_token_id");
            if (generationEos.isArray()) {
                generationEos.forEach(id -> ends.add(id.asInt()));
            } else if (generationEos.isInt()) {
                ends.add(generationEos.asInt());
            }

            boolean templateAddsBos = vocabulary
                    .promptTemplates()
                    .map(t -> t.values().stream().anyMatch(s -> s.contains("bos_token")))
                    .orElse(false);
            LoadedModel loaded = new LoadedModel(
                    folder,
                    model,
                    codec,
                    ends,
                    tokenizerAddsBos(tokenizerJson, tokenizerConfig, vocabulary, model.getConfig().bosToken),
                    templateAddsBos);
            LOG.log(
                    Level.INFO,
                    "Loaded jlama model {0} in {1} ms ({2}, {3} tokenizer)",
                    folder,
                    Duration.ofNanos(System.nanoTime() - start).toMillis(),
                    model.getConfig().getClass().getSimpleName(),
                    codec instanceof ByteLevelBpe ? "byte-level BPE" : "jlama");
            return loaded;
        } catch (IOException | RuntimeException e) {
            model.close();
            throw new IllegalArgumentException(
                    "cannot read the tokenizer files in " + folder + ": " + e.getMessage(), e);
        }
    }

    Path folder() {
        return folder;
    }

    /**
     * Draws one sample.
     *
     * @throws IllegalArgumentException when chat is asked of a model without a chat template, or the prompt does not
     *     fit the model's context
     */
    JlamaCompletion generate(JlamaCall call) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the jlama engine is closed");
            }
            long start = System.nanoTime();
            int[] prompt = promptTokens(call);
            int context = usableContext();
            if (prompt.length >= context) {
                throw new IllegalArgumentException("the prompt has " + prompt.length + " tokens but " + call.model()
                        + " reads at most " + context + " (prompt and completion together): shorten the prompt");
            }
            int budget = Math.min(call.maxTokens(), context - prompt.length);
            Random random = call.seed() == null ? new Random() : new Random(call.seed());
            float temperature = (float) call.temperature();
            TextCodec.Decoder decoder = codec.newDecoder();
            StopStringScan stops = new StopStringScan(call.stop());
            String finishReason = JlamaCompletion.LENGTH;
            int sampled = 0;

            try (KvBufferCache.KvBuffer kv = kvBuffers.getEphemeralKvBuffer();
                    AbstractTensor logits = model.makeDenseTensor(config.vocabularySize)) {
                AbstractTensor promptOut = model.batchForward(prompt, 0, kv);
                int next = model.sample(
                        promptOut.slice(promptOut.shape().first() - 1), temperature, random.nextFloat(), logits);
                promptOut.close();
                int position = prompt.length;
                while (true) {
                    sampled++;
                    if (endTokens.contains(next)) {
                        finishReason = JlamaCompletion.STOP;
                        break;
                    }
                    decoder.append(next);
                    if (stops.any() && stops.foundIn(decoder.text())) {
                        finishReason = JlamaCompletion.STOP;
                        break;
                    }
                    if (sampled >= budget) {
                        break;
                    }
                    AbstractTensor out = model.forward(next, position++, kv, Optional.empty());
                    next = model.sample(out, temperature, random.nextFloat(), logits);
                    out.close();
                }
            }
            String text = stops.cut(decoder.text());
            return new JlamaCompletion(
                    text, finishReason, prompt.length, sampled, Duration.ofNanos(System.nanoTime() - start));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Scores {@code answer} after {@code context} by one forward pass over both: the context and the answer are
     * tokenised separately and their ids joined (a beginning-of-sequence token first when the tokenizer adds one, as
     * for a completions prompt), so the boundary between them is exact: the answer's tokens are its own encoding. The
     * output row before each answer token gives the model's distribution over it.
     *
     * @throws IllegalArgumentException when the answer is empty or the two do not fit the model's context
     */
    JlamaTokenScores score(String context, String answer, int topK) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the jlama engine is closed");
            }
            long start = System.nanoTime();
            int[] contextIds = withBos(codec.encode(context), tokenizerAddsBos);
            int[] answerIds = codec.encode(answer);
            if (answerIds.length == 0) {
                throw new IllegalArgumentException("the answer is empty: there is no token to score");
            }
            int[] all = new int[contextIds.length + answerIds.length];
            System.arraycopy(contextIds, 0, all, 0, contextIds.length);
            System.arraycopy(answerIds, 0, all, contextIds.length, answerIds.length);
            if (all.length > usableContext()) {
                throw new IllegalArgumentException("context and answer have " + all.length + " tokens but the model"
                        + " reads at most " + usableContext() + ": shorten the context");
            }
            float[][] distributions = new float[answerIds.length][];
            try (KvBufferCache.KvBuffer kv = kvBuffers.getEphemeralKvBuffer()) {
                AbstractTensor out = model.batchForward(all, 0, kv);
                try {
                    for (int j = 0; j < answerIds.length; j++) {
                        // A slice is a view cached by its parent, closed with it (as generate() treats them).
                        distributions[j] = model.getLogits(out.slice(contextIds.length + j - 1));
                    }
                } finally {
                    out.close();
                }
            }
            String[] texts = TokenRanks.texts(codec.newDecoder(), answerIds);
            List<JlamaTokenScores.Token> tokens = new java.util.ArrayList<>(answerIds.length);
            int offset = 0;
            for (int j = 0; j < answerIds.length; j++) {
                tokens.add(TokenRanks.ranked(answerIds[j], texts[j], offset, distributions[j], topK));
                offset += texts[j].length();
            }
            return new JlamaTokenScores(tokens, contextIds.length, Duration.ofNanos(System.nanoTime() - start));
        } finally {
            lock.unlock();
        }
    }

    /** The model's forward pass and the tokenizer, for tests that compute scores another way. */
    AbstractModel model() {
        return model;
    }

    /** The ids a completions prompt of {@code text} is read as. */
    int[] encodeWithBos(String text) {
        return withBos(codec.encode(text), tokenizerAddsBos);
    }

    int[] encode(String text) {
        return codec.encode(text);
    }

    /**
     * The tokens a sample can span, prompt and completion together. jlama 0.8.4 looks RoPE angles up at position
     * {@code p + 2h} for (key-value) head {@code h}; queries and keys get the same shift, so attention is unchanged, but
     * the last {@code 2 (heads - 1)} positions of the context would read past the table.
     */
    int usableContext() {
        int shiftedHeads = config.isGQA ? config.numberOfKeyValueHeads : config.numberOfHeads;
        return config.contextLength - 2 * (shiftedHeads - 1);
    }

    private int[] promptTokens(JlamaCall call) {
        String text;
        boolean addBos;
        if (call.api() == JlamaCall.Api.CHAT) {
            PromptSupport templates = model.promptSupport()
                    .orElseThrow(() -> new IllegalArgumentException("model " + call.model()
                            + " has no chat template (tokenizer_config.json has no chat_template), so api 'chat' cannot"
                            + " be used with it: use api 'completions' for base models"));
            PromptSupport.Builder builder = templates.builder().addGenerationPrompt(true);
            for (JlamaCall.Message m : call.messages()) {
                switch (m.role()) {
                    case "system" -> builder.addSystemMessage(m.content());
                    case "assistant" -> builder.addAssistantMessage(m.content());
                    default -> builder.addUserMessage(m.content());
                }
            }
            text = builder.build().getPrompt();
            // jlama renders templates with an empty bos_token; put the token back where the template wanted it.
            addBos = chatTemplateAddsBos;
        } else {
            text = call.prompt();
            addBos = tokenizerAddsBos;
        }
        return withBos(codec.encode(text), addBos);
    }

    private int[] withBos(int[] ids, boolean addBos) {
        int bos = config.bosToken;
        // A model needs at least one token to condition on, so an empty prompt gets the BOS token regardless.
        if ((addBos && (ids.length == 0 || ids[0] != bos)) || ids.length == 0) {
            int[] withBos = new int[ids.length + 1];
            withBos[0] = bos;
            System.arraycopy(ids, 0, withBos, 1, ids.length);
            return withBos;
        }
        return ids;
    }

    /** Unloads the model, after any call in progress. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                kvBuffers.close();
                model.close();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether a plain {@code tokenizer(text)} in {@code transformers} would start with BOS: {@code add_bos_token} when
     * the tokenizer config sets it, else whether {@code tokenizer.json}'s post-processor template inserts it (as in
     * Llama 3). SmolLM2 does neither, so its completions prompts are the text's tokens alone.
     */
    static boolean tokenizerAddsBos(
            JsonNode tokenizerJson, JsonNode tokenizerConfig, TokenizerModel vocabulary, int bosId) {
        JsonNode explicit = tokenizerConfig.path("add_bos_token");
        if (explicit.isBoolean()) {
            return explicit.asBoolean();
        }
        String bos = vocabulary.vocabLookup.inverse().get((long) bosId);
        return bos != null && templateInserts(tokenizerJson.path("post_processor"), bos);
    }

    private static boolean templateInserts(JsonNode processor, String token) {
        if (processor.path("type").asText().equals("Sequence")) {
            for (JsonNode p : processor.path("processors")) {
                if (templateInserts(p, token)) {
                    return true;
                }
            }
            return false;
        }
        if (!processor.path("type").asText().equals("TemplateProcessing")) {
            return false;
        }
        JsonNode first = processor.path("single").path(0).path("SpecialToken").path("id");
        return token.equals(first.asText(null));
    }

    private static Optional<Integer> tokenId(JsonNode token, TokenizerModel vocabulary) {
        String text = token.isTextual() ? token.asText() : token.path("content").asText(null);
        Long id = text == null ? null : vocabulary.vocabLookup.get(text);
        return Optional.ofNullable(id).map(Math::toIntExact);
    }

    private static JsonNode readJson(Path file) throws IOException {
        return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : JSON.missingNode();
    }

    /** Finds the first stop string in growing text. */
    private static final class StopStringScan {
        private final List<String> stops;

        StopStringScan(List<String> stops) {
            this.stops = stops;
        }

        boolean any() {
            return !stops.isEmpty();
        }

        boolean foundIn(String text) {
            return firstAt(text) >= 0;
        }

        String cut(String text) {
            int at = firstAt(text);
            return at < 0 ? text : text.substring(0, at);
        }

        private int firstAt(String text) {
            int first = -1;
            for (String stop : stops) {
                int at = text.indexOf(stop);
                if (at >= 0 && (first < 0 || at < first)) {
                    first = at;
                }
            }
            return first;
        }
    }
}

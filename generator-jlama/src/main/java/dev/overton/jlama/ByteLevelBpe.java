package dev.overton.jlama;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tjake.jlama.safetensors.tokenizer.TokenizerModel;

/**
 * Byte-level BPE as the Hugging Face {@code tokenizers} library runs it (GPT-2, SmolLM, StarCoder, Llama 3, Qwen 2):
 * added tokens split out first, then the {@code pre_tokenizer} pipeline from {@code tokenizer.json} on the raw text,
 * then each piece mapped byte by byte to the printable alphabet and merged by rank.
 *
 * <p>Written here rather than taken from jlama because jlama 0.8.4 skips the ByteLevel split regex and maps
 * characters instead of UTF-8 bytes: prompt tokens then differ from the model's training and characters outside
 * Latin-1 (curly quotes, dashes, any non-Latin script) are silently dropped from prompts, and multi-byte characters in
 * the output come back garbled. The vocabulary and merge ranks still come from jlama's parsed {@link TokenizerModel}.
 */
final class ByteLevelBpe implements TextCodec {

    private static final System.Logger LOG = System.getLogger(ByteLevelBpe.class.getName());

    /** The {@code ByteLevel} pre-tokenizer's split pattern (tokenizers' {@code byte_level.rs}). */
    static final Pattern GPT2_SPLIT = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private static final int CACHE_LIMIT = 50_000;
    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final Map<Character, Byte> CHAR_TO_BYTE = new HashMap<>();

    static {
        // GPT-2's bytes_to_unicode: printable bytes stand for themselves, the others are moved to U+0100 and up.
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            BYTE_TO_CHAR[b] = (char) (printable ? b : 256 + shifted++);
            CHAR_TO_BYTE.put(BYTE_TO_CHAR[b], (byte) b);
        }
    }

    private final TokenizerModel model;
    private final UnaryOperator<String> normalizer;
    private final List<PreTokenizerStep> steps;
    private final Pattern addedTokens;
    private final Long unknownId;
    private final Map<String, int[]> cache = new HashMap<>();

    private ByteLevelBpe(
            TokenizerModel model, UnaryOperator<String> normalizer, List<PreTokenizerStep> steps, Long unknownId) {
        this.model = model;
        this.normalizer = normalizer;
        this.steps = steps;
        this.unknownId = unknownId;
        this.addedTokens = model.addedTokens() == null || model.addedTokens().isEmpty()
                ? null
                : Pattern.compile(model.addedTokens().keySet().stream()
                        .sorted(Comparator.comparingInt(String::length).reversed())
                        .map(Pattern::quote)
                        .collect(Collectors.joining("|")));
    }

    /**
     * A byte-level codec for the tokenizer described by {@code tokenizerJson}, or empty when that tokenizer is not a
     * byte-level BPE or uses a pre-tokenizer or normalizer this class does not implement (jlama's tokenizer is used
     * then).
     */
    static Optional<ByteLevelBpe> forTokenizer(JsonNode tokenizerJson, TokenizerModel model) {
        if (!"BPE".equals(model.type) || model.byteFallback) {
            return Optional.empty();
        }
        try {
            UnaryOperator<String> normalizer = normalizer(tokenizerJson.path("normalizer"));
            List<PreTokenizerStep> steps = new ArrayList<>();
            addSteps(tokenizerJson.path("pre_tokenizer"), steps);
            if (steps.isEmpty() || !(steps.getLast() instanceof ByteLevelStep)) {
                return Optional.empty();
            }
            Long unknownId = model.unkToken == null ? null : model.vocabLookup.get(model.unkToken);
            return Optional.of(new ByteLevelBpe(model, normalizer, steps, unknownId));
        } catch (UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.WARNING, "Using jlama''s tokenizer: {0}", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public int[] encode(String text) {
        List<Integer> ids = new ArrayList<>();
        int from = 0;
        if (addedTokens != null) {
            Matcher m = addedTokens.matcher(text);
            while (m.find()) {
                encodePlain(text.substring(from, m.start()), ids);
                ids.add(Math.toIntExact(model.addedTokens().get(m.group())));
                from = m.end();
            }
        }
        encodePlain(text.substring(from), ids);
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private void encodePlain(String text, List<Integer> ids) {
        if (text.isEmpty()) {
            return;
        }
        List<String> pieces = List.of(normalizer.apply(text));
        for (PreTokenizerStep step : steps) {
            List<String> next = new ArrayList<>();
            for (String piece : pieces) {
                next.addAll(step.split(piece));
            }
            pieces = next;
        }
        for (String piece : pieces) {
            for (int id : bpe(toByteLevel(piece))) {
                ids.add(id);
            }
        }
    }

    private int[] bpe(String word) {
        int[] cached = cache.get(word);
        if (cached != null) {
            return cached;
        }
        List<String> symbols = new ArrayList<>();
        if (model.ignoreMerges() && model.vocabLookup.containsKey(word)) {
            symbols.add(word);
        } else {
            word.codePoints().forEach(cp -> symbols.add(Character.toString(cp)));
        }
        while (symbols.size() > 1) {
            long bestRank = Long.MAX_VALUE;
            int bestAt = -1;
            for (int i = 0; i < symbols.size() - 1; i++) {
                Long rank = model.merges.get(symbols.get(i) + " " + symbols.get(i + 1));
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                    bestAt = i;
                }
            }
            if (bestAt < 0) {
                break;
            }
            symbols.set(bestAt, symbols.get(bestAt) + symbols.remove(bestAt + 1));
        }
        int[] result = new int[symbols.size()];
        for (int i = 0; i < result.length; i++) {
            Long id = model.vocabLookup.get(symbols.get(i));
            if (id == null) {
                id = unknownId;
            }
            if (id == null) {
                throw new IllegalArgumentException("the model's vocabulary has no token for '" + symbols.get(i)
                        + "' and no unknown token, so this text cannot be tokenized");
            }
            result[i] = Math.toIntExact(id);
        }
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(word, result);
        return result;
    }

    @Override
    public Decoder newDecoder() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        return new Decoder() {
            @Override
            public void append(int id) {
                if (model.isSpecialToken(id)) {
                    return;
                }
                String token = model.vocabLookup.inverse().get((long) id);
                if (token == null) {
                    return;
                }
                if (model.addedTokens() != null && model.addedTokens().containsKey(token)) {
                    bytes.writeBytes(token.getBytes(StandardCharsets.UTF_8));
                    return;
                }
                for (int i = 0; i < token.length(); i++) {
                    Byte b = CHAR_TO_BYTE.get(token.charAt(i));
                    if (b != null) {
                        bytes.write(b);
                    } else {
                        bytes.writeBytes(String.valueOf(token.charAt(i)).getBytes(StandardCharsets.UTF_8));
                    }
                }
            }

            @Override
            public String text() {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        };
    }

    /** {@code text} as UTF-8 bytes written in the byte-level alphabet. */
    static String toByteLevel(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        char[] chars = new char[utf8.length];
        for (int i = 0; i < utf8.length; i++) {
            chars[i] = BYTE_TO_CHAR[utf8[i] & 0xFF];
        }
        return new String(chars);
    }

    private static UnaryOperator<String> normalizer(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return UnaryOperator.identity();
        }
        String type = node.path("type").asText();
        if (type.equals("Sequence")) {
            UnaryOperator<String> all = UnaryOperator.identity();
            for (JsonNode item : node.path("normalizers")) {
                UnaryOperator<String> before = all;
                UnaryOperator<String> step = normalizer(item);
                all = s -> step.apply(before.apply(s));
            }
            return all;
        }
        return switch (type) {
            case "NFC", "NFD", "NFKC", "NFKD" -> s -> Normalizer.normalize(s, Normalizer.Form.valueOf(type));
            default -> throw new UnsupportedOperationException("normalizer " + type + " is not implemented");
        };
    }

    private static void addSteps(JsonNode node, List<PreTokenizerStep> steps) {
        if (node.isMissingNode() || node.isNull()) {
            return;
        }
        String type = node.path("type").asText();
        switch (type) {
            case "Sequence" -> node.path("pretokenizers").forEach(item -> addSteps(item, steps));
            case "ByteLevel" ->
                steps.add(new ByteLevelStep(
                        node.path("add_prefix_space").asBoolean(false),
                        node.path("use_regex").asBoolean(true)));
            case "Digits" ->
                steps.add(new SplitStep(
                        Pattern.compile(node.path("individual_digits").asBoolean(false) ? "\\p{N}" : "\\p{N}+"),
                        "Isolated"));
            case "Split" -> {
                if (node.path("invert").asBoolean(false)) {
                    throw new UnsupportedOperationException("inverted Split pre-tokenizer is not implemented");
                }
                JsonNode pattern = node.path("pattern");
                Pattern regex = pattern.has("Regex")
                        ? Pattern.compile(pattern.get("Regex").asText(), Pattern.UNICODE_CHARACTER_CLASS)
                        : Pattern.compile(Pattern.quote(pattern.path("String").asText()));
                steps.add(new SplitStep(regex, node.path("behavior").asText("Isolated")));
            }
            default -> throw new UnsupportedOperationException("pre-tokenizer " + type + " is not implemented");
        }
    }

    private sealed interface PreTokenizerStep permits ByteLevelStep, SplitStep {
        List<String> split(String piece);
    }

    private record ByteLevelStep(boolean addPrefixSpace, boolean useRegex) implements PreTokenizerStep {
        @Override
        public List<String> split(String piece) {
            String text = addPrefixSpace && !piece.startsWith(" ") ? " " + piece : piece;
            return useRegex ? new SplitStep(GPT2_SPLIT, "Isolated").split(text) : List.of(text);
        }
    }

    private record SplitStep(Pattern pattern, String behavior) implements PreTokenizerStep {
        SplitStep {
            if (!List.of("Isolated", "Removed", "MergedWithPrevious", "MergedWithNext")
                    .contains(behavior)) {
                throw new UnsupportedOperationException("Split behavior " + behavior + " is not implemented");
            }
        }

        @Override
        public List<String> split(String piece) {
            List<String> out = new ArrayList<>();
            Matcher m = pattern.matcher(piece);
            int from = 0;
            String carry = "";
            while (m.find()) {
                if (m.end() == m.start()) {
                    continue;
                }
                String before = piece.substring(from, m.start());
                String match = m.group();
                switch (behavior) {
                    case "Isolated" -> {
                        addNonEmpty(out, before);
                        out.add(match);
                    }
                    case "Removed" -> addNonEmpty(out, before);
                    case "MergedWithPrevious" -> out.add(before + match);
                    default -> {
                        addNonEmpty(out, carry + before);
                        carry = match;
                    }
                }
                from = m.end();
            }
            String rest = piece.substring(from);
            addNonEmpty(out, behavior.equals("MergedWithNext") ? carry + rest : rest);
            return out;
        }

        private static void addNonEmpty(List<String> out, String s) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
    }
}

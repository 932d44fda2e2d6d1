package dev.overton.jlama;

import com.github.tjake.jlama.safetensors.tokenizer.Tokenizer;

/**
 * jlama's own tokenizer, for tokenizers that {@link ByteLevelBpe} does not cover (SentencePiece-style BPE with byte
 * fallback, as in Llama 2 and Mistral). Decodes token by token as jlama's generator does, because jlama's decoder keeps
 * state between calls to join byte-fallback pieces.
 */
final class JlamaTokenizerCodec implements TextCodec {

    private final Tokenizer tokenizer;

    JlamaTokenizerCodec(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    @Override
    public int[] encode(String text) {
        long[] ids = tokenizer.encode(text);
        int[] result = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            result[i] = Math.toIntExact(ids[i]);
        }
        return result;
    }

    @Override
    public Decoder newDecoder() {
        StringBuilder text = new StringBuilder();
        return new Decoder() {
            @Override
            public void append(int id) {
                if (!tokenizer.getModel().isSpecialToken(id)) {
                    text.append(tokenizer.decode(id));
                }
            }

            @Override
            public String text() {
                return text.toString();
            }
        };
    }
}

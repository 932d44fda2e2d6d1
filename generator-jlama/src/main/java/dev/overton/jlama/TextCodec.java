package dev.overton.jlama;

/**
 * Turns text into token ids and generated ids back into text, for one model. Instances are not thread-safe; the
 * engine uses a model from one thread at a time.
 */
interface TextCodec {

    /** The ids of {@code text}, with added tokens (e.g. {@code <|im_start|>}) recognised, without a BOS token. */
    int[] encode(String text);

    /** A decoder for one generated sample. */
    Decoder newDecoder();

    /** Accumulates the text of generated tokens; special tokens (end of turn, padding) add no text. */
    interface Decoder {

        /** Adds the token {@code id}. */
        void append(int id);

        /** The text of the tokens so far. */
        String text();
    }
}

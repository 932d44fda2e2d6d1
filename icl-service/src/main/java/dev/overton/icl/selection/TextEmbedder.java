package dev.overton.icl.selection;

import java.util.List;

/**
 * Turns texts into vectors whose cosine similarity says how alike they are: {@link MiniLmEmbedder} (sentence
 * embeddings, the service's default) or {@link TfIdfEmbedder} (lexical, the fallback; {@code overton.icl.embedder}).
 *
 * <p>Texts are embedded in one batch because some embedders (TF-IDF) derive their weights from the batch itself; all
 * vectors of one call are comparable with each other, not necessarily with those of another call.
 */
public interface TextEmbedder {

    /** One vector per text, in order, all of the same length. */
    List<double[]> embed(List<String> texts);

    /** A short description of the embedder and its settings, recorded with the run's plan. */
    String describe();
}

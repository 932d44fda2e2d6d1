package dev.overton.icl.orchestration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.overton.icl.config.IclConfig;
import dev.overton.icl.selection.MiniLmEmbedder;
import dev.overton.icl.selection.TextEmbedder;
import dev.overton.icl.selection.TfIdfEmbedder;
import dev.overton.semantic.embedding.SentenceEmbedder;

/**
 * The embedder of nearest-neighbour example selection, as configured by {@code overton.icl.embedder}: MiniLM sentence
 * embeddings (the default) or TF-IDF. The MiniLM model is loaded once per process, on first use and on the worker
 * thread that needs it (prompts are built on worker threads), so start-up stays fast and a run without
 * nearest-neighbour variants never loads it — the same discipline as the scorer's semantic measures.
 */
@ApplicationScoped
public class TextEmbedders {

    private static final Logger LOG = Logger.getLogger(TextEmbedders.class);

    private final IclConfig config;
    private volatile SentenceEmbedder minilm;

    public TextEmbedders(IclConfig config) {
        this.config = config;
    }

    /** The configured embedder. Cheap; the MiniLM model is loaded by its first {@code embed} call (blocking). */
    public TextEmbedder forSelection() {
        return switch (config.icl().embedder()) {
            case MINILM -> new MiniLmEmbedder(this::minilm);
            case TFIDF -> new TfIdfEmbedder();
        };
    }

    /** The configured embedder's name and model, for plans, without loading anything. */
    public String configured() {
        return switch (config.icl().embedder()) {
            case MINILM -> MiniLmEmbedder.NAME + "(" + MiniLmEmbedder.modelName() + ")";
            case TFIDF -> new TfIdfEmbedder().describe();
        };
    }

    private SentenceEmbedder minilm() {
        SentenceEmbedder e = minilm;
        if (e == null) {
            synchronized (this) {
                e = minilm;
                if (e == null) {
                    long start = System.nanoTime();
                    e = MiniLmEmbedder.loadBundled(
                            config.icl().embedderThreads(), config.icl().embedderCacheEntries());
                    LOG.infof(
                            "sentence embedder %s loaded in %d ms",
                            MiniLmEmbedder.modelName(), (System.nanoTime() - start) / 1_000_000);
                    minilm = e;
                }
            }
        }
        return e;
    }

    @PreDestroy
    void close() {
        SentenceEmbedder e = minilm;
        if (e != null) {
            e.encoder().close();
        }
    }
}

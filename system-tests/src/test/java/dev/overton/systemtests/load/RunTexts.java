package dev.overton.systemtests.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.semantic.bench.EncoderCeiling;
import dev.overton.semantic.coverage.OvertonCoverage;
import dev.overton.semantic.embedding.SentenceEmbedder;
import dev.overton.semantic.encoder.EncoderSpec;
import dev.overton.semantic.encoder.OnnxEncoder;
import dev.overton.semantic.encoder.WindowMode;

/**
 * For the replay bench: the texts a full-measure run needs encoded, per prompt — every response (embedding diversity,
 * BERTScore, {@code pair_embedding_cosine}) and every content sentence coverage embeds (the non-reference variants'
 * responses and the reference's sample 0) — counted as distinct texts and as the tokens of their windows (sliding, as
 * the scorer encodes them), and the encoder's ceiling on a share of them. Loads the bundled encoder in this JVM.
 */
final class RunTexts {

    /** Intra-op threads: the scorer's {@code overton.semantic.threads} default. */
    private static final int THREADS = 2;

    private final Map<String, Set<String>> byPrompt;

    private RunTexts(Map<String, Set<String>> byPrompt) {
        this.byPrompt = byPrompt;
    }

    /** The run's texts, from its samples as {@code GET /runs/{id}/samples} lists them. */
    static RunTexts of(List<JsonNode> samples, String reference) {
        Map<String, List<JsonNode>> prompts = new LinkedHashMap<>();
        samples.forEach(s -> prompts.computeIfAbsent(s.path("promptId").asText(), p -> new ArrayList<>())
                .add(s));
        Map<String, Set<String>> byPrompt = new LinkedHashMap<>();
        try (OnnxEncoder encoder = new OnnxEncoder(EncoderSpec.bundledMiniLm(), 1)) {
            OvertonCoverage coverage = new OvertonCoverage(new SentenceEmbedder(encoder, 1), 0.6);
            prompts.forEach((prompt, list) -> {
                Set<String> texts = new LinkedHashSet<>();
                for (JsonNode s : list) {
                    String text = s.path("text").asText();
                    texts.add(text);
                    boolean ofReference = s.path("variant").asText().equals(reference);
                    if (!ofReference || s.path("sample").asInt() == 0) {
                        texts.addAll(coverage.sentences(text));
                    }
                }
                byPrompt.put(prompt, texts);
            });
        }
        return new RunTexts(byPrompt);
    }

    /**
     * Prints the run's texts and tokens, the end-to-end tokens per second over {@code wall}, and, unless {@code
     * ceilingEvery} is 0, the encoder's ceiling on the texts of every {@code ceilingEvery}-th prompt and the run as a
     * fraction of it.
     */
    void report(double wall, double scorerCpu, Map<String, Double> metrics, int ceilingEvery) {
        Set<String> distinct = new LinkedHashSet<>();
        byPrompt.values().forEach(distinct::addAll);
        List<String> sample = new ArrayList<>();
        Set<String> sampled = new LinkedHashSet<>();
        int i = 0;
        for (Set<String> texts : byPrompt.values()) {
            if (ceilingEvery > 0 && i++ % ceilingEvery == 0) {
                sampled.addAll(texts);
            }
        }
        sample.addAll(sampled);
        try (OnnxEncoder encoder = new OnnxEncoder(EncoderSpec.bundledMiniLm(), THREADS)) {
            List<long[]> windows = encoder.windows(List.copyOf(distinct), WindowMode.SLIDING);
            long tokens = windows.stream().mapToLong(w -> w.length).sum();
            double perSecond = tokens / wall;
            System.out.printf(
                    Locale.ROOT,
                    "texts the run needs encoded: %,d distinct (responses and coverage sentences), %,d windows,"
                            + " %,d tokens%n",
                    distinct.size(),
                    windows.size(),
                    tokens);
            System.out.printf(
                    Locale.ROOT,
                    "end to end: %,.0f tokens/s of wall time; scorer %.1f s of CPU = %,.0f tokens per scorer CPU"
                            + " second%n",
                    perSecond,
                    scorerCpu,
                    tokens / scorerCpu);
            Double encoded = metrics.get("overton_semantic_texts_encoded_total");
            if (encoded != null) {
                double seconds = metrics.getOrDefault("overton_semantic_encode_seconds_total", Double.NaN);
                System.out.printf(
                        Locale.ROOT,
                        "scorer encoded %,.0f texts (%,.0f of them again) for %,d distinct; %,.0f tokens in %.1f s"
                                + " inside ONNX Runtime = %,.0f tokens/s there, %.0f%% of the wall time%n",
                        encoded,
                        metrics.getOrDefault("overton_semantic_texts_encoded_again_total", Double.NaN),
                        distinct.size(),
                        metrics.getOrDefault("overton_semantic_tokens_encoded_total", Double.NaN),
                        seconds,
                        metrics.getOrDefault("overton_semantic_tokens_encoded_total", Double.NaN) / seconds,
                        100 * seconds / wall);
            }
            if (ceilingEvery <= 0) {
                return;
            }
            List<long[]> ceilingWindows = encoder.windows(sample, WindowMode.SLIDING);
            System.out.printf(
                    Locale.ROOT,
                    "encoder ceiling (ONNX Runtime alone, services stopped) on every %d. prompt's texts: %,d windows,"
                            + " %,d tokens; load average %s%n",
                    ceilingEvery,
                    ceilingWindows.size(),
                    ceilingWindows.stream().mapToLong(w -> w.length).sum(),
                    LoadBench.loadAverage());
            List<EncoderCeiling.Result> results = EncoderCeiling.measure(encoder.spec(), ceilingWindows, THREADS);
            EncoderCeiling.print(results);
            double best = results.get(0).tokensPerSecond();
            double bestCpu = EncoderCeiling.bestPerCpuSecond(results);
            System.out.printf(
                    Locale.ROOT,
                    "end to end = %.0f%% of the best wall figure (%,.0f tokens/s); per scorer CPU second %.0f%% of the"
                            + " best CPU figure (%,.0f)%n",
                    100 * perSecond / best,
                    best,
                    100 * tokens / scorerCpu / bestCpu,
                    bestCpu);
        }
    }
}

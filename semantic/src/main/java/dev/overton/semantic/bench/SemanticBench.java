package dev.overton.semantic.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.overton.semantic.bertscore.BertScore;
import dev.overton.semantic.bertscore.BertScoreOptions;
import dev.overton.semantic.bertscore.BertScorer;
import dev.overton.semantic.bertscore.MatchingKernels;
import dev.overton.semantic.bertscore.TokenMatrix;
import dev.overton.semantic.coverage.CoverageReport;
import dev.overton.semantic.coverage.OvertonCoverage;
import dev.overton.semantic.diversity.EmbeddingDiversity;
import dev.overton.semantic.embedding.SentenceEmbedder;
import dev.overton.semantic.encoder.OnnxEncoder;
import dev.overton.semantic.released.ReleasedAgreement;
import dev.overton.semantic.released.ReleasedBertScores;
import dev.overton.semantic.released.ReleasedSamples;

/**
 * The semantic measures' benchmark on the paper's LIMA-OE release: throughput of sentence embeddings and BERTScore on
 * long responses, the time to score the 250 base and 250 chat responses (response embeddings, their diversity,
 * sentence embeddings for Overton coverage, and BERTScore against chat sample 0), which part dominates, CPU time, and
 * peak memory (heap and resident set, which includes ONNX Runtime's native memory). Then BERTScore matching kernel
 * against kernel on the same pairs ({@link MatchingBench}), and the encoder's own ceiling on the same texts
 * ({@link EncoderCeiling}) against the run's end-to-end tokens per second. Finally, unless
 * {@code --no-released-check}, our BERTScore against the released one over every {@code llama-2-chat--*} pair.
 *
 * <p>Run: {@code ./mvnw -q -pl semantic exec:exec@bench} (add {@code -Dbench.args="--threads 1"} for options), or
 * {@code java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp <classpath>
 * dev.overton.semantic.bench.SemanticBench}; options in {@link BenchOptions}. Exit code 2 on bad arguments, with a
 * message.
 *
 * <p>The machine is shared: wall times depend on what else runs, so the load average and our own CPU seconds are
 * printed beside them.
 */
public final class SemanticBench {

    private SemanticBench() {}

    public static void main(String[] args) throws IOException {
        Locale.setDefault(Locale.ROOT);
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("semantic bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        run(o);
    }

    private static void run(BenchOptions o) {
        System.out.printf("machine: %s%n", ResourceUsage.machine());
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        OnnxEncoder encoder = new OnnxEncoder(o.spec(), o.threads(), o.batchTokens(), o.parallelCalls());
        System.out.printf(
                "model %s loaded in %.1f s (dimension %d, threads %d, batch tokens %d, parallel calls %d);"
                        + " Vector API matching kernel: %s%n",
                o.spec().name(),
                seconds(start),
                encoder.dimension(),
                o.threads(),
                o.batchTokens(),
                o.parallelCalls(),
                MatchingKernels.vectorOrNull() == null
                        ? "not in this JVM (scalar kernel)"
                        : MatchingKernels.vectorOrNull().name() + " (after its warm-up)");

        List<List<String>> base = ReleasedSamples.read(o.fixture(), "llama-2-base");
        List<List<String>> chat = ReleasedSamples.read(o.fixture(), "llama-2-chat");
        SentenceEmbedder embedder = new SentenceEmbedder(encoder, 50_000, o.window());
        OvertonCoverage coverage = new OvertonCoverage(embedder, OvertonCoverage.MINILM_THRESHOLD);
        // The scorer hands every response's token states to the embedder: one model run per response serves both.
        BertScorer scorer = new BertScorer(
                encoder,
                new BertScoreOptions(o.window(), false, Optional.empty()),
                BertScorer.DEFAULT_CACHE_FLOATS,
                embedder);

        // 1. BERTScore: base samples and chat samples 1..4 against chat sample 0, prompt by prompt; encoding and
        //    matching timed apart.
        List<List<String>> candidates = new ArrayList<>();
        List<List<String>> references = new ArrayList<>();
        for (int p = 0; p < base.size(); p++) {
            if (chat.get(p).isEmpty()) {
                continue;
            }
            String ref = chat.get(p).get(0);
            List<String> c = new ArrayList<>(base.get(p));
            c.addAll(chat.get(p).subList(1, chat.get(p).size()));
            candidates.add(c);
            references.add(java.util.Collections.nCopies(c.size(), ref));
        }
        // Prompt by prompt, as the scorer meets them: encode the prompt's texts, then match its pairs (all cached by
        // then). Timed apart; every fifth prompt's token matrices are kept for the kernel comparison below. (Encoding
        // everything first would overflow the bounded cache and re-encode during matching.)
        long scoringCpu = cpuNanos();
        long tokens0 = encoder.tokensEncoded();
        long windows0 = encoder.windowsEncoded();
        long texts0 = encoder.textsEncoded();
        long encodeNanos = 0;
        long matchNanos = 0;
        long matchCpuNanos = 0;
        long reencoded = 0;
        int pairs = 0;
        double baseF1 = 0;
        double chatF1 = 0;
        int basePairs = 0;
        List<MatchingBench.Pair> tokenPairs = new ArrayList<>();
        for (int p = 0; p < candidates.size(); p++) {
            List<String> texts = new ArrayList<>(candidates.get(p));
            texts.add(references.get(p).get(0));
            long t = System.nanoTime();
            List<TokenMatrix> matrices = scorer.matrices(texts);
            encodeNanos += System.nanoTime() - t;
            long before = encoder.textsEncoded();
            long cpu = cpuNanos();
            t = System.nanoTime();
            List<BertScore> scores = scorer.score(candidates.get(p), references.get(p));
            matchNanos += System.nanoTime() - t;
            matchCpuNanos += cpuNanos() - cpu;
            reencoded += encoder.textsEncoded() - before;
            if (p % 5 == 0) {
                TokenMatrix ref = matrices.get(matrices.size() - 1);
                matrices.subList(0, matrices.size() - 1).forEach(c -> tokenPairs.add(new MatchingBench.Pair(c, ref)));
            }
            int nBase = base.get(p).size();
            for (int i = 0; i < scores.size(); i++) {
                if (i < nBase) {
                    baseF1 += scores.get(i).f1();
                    basePairs++;
                } else {
                    chatF1 += scores.get(i).f1();
                }
            }
            pairs += scores.size();
        }
        double encodeSeconds = encodeNanos / 1e9;
        double matchSeconds = matchNanos / 1e9;
        long responseTokens = encoder.tokensEncoded() - tokens0;
        long responsesEncoded = encoder.textsEncoded() - texts0;
        System.out.printf(
                "%nresponses encoded: %d (%d tokens in %d windows) in %.1f s -> %.1f responses/s, %.0f tokens/s"
                        + " (token states feed BERTScore and the response embeddings)%n",
                responsesEncoded,
                responseTokens,
                encoder.windowsEncoded() - windows0,
                encodeSeconds,
                responsesEncoded / encodeSeconds,
                responseTokens / encodeSeconds);
        System.out.printf(
                "BERTScore: %d pairs; matching %.1f s (%.1f ms/pair wall, %.1f ms/pair CPU, pairs in parallel,"
                        + " %d texts encoded again); %.1f pairs/s end to end (encoding included)%n",
                pairs,
                matchSeconds,
                1000 * matchSeconds / pairs,
                matchCpuNanos / 1e6 / pairs,
                reencoded,
                pairs / (encodeSeconds + matchSeconds));
        System.out.printf(
                "  mean F1 vs chat sample 0: base %.4f (%d pairs), chat %.4f (%d pairs)%n  %s%n",
                baseF1 / basePairs, basePairs, chatF1 / (pairs - basePairs), pairs - basePairs, scorer.settings());
        System.out.printf("matching kernels, one thread, the %d pairs of every fifth prompt:%n", tokenPairs.size());
        long kernelsCpu = cpuNanos();
        MatchingBench.compare(tokenPairs, 1);
        scoringCpu += cpuNanos() - kernelsCpu; // the comparison is not part of scoring

        // 2. Response embeddings (pooled from the states above) and their diversity.
        long t = System.nanoTime();
        long embedded0 = embedder.textsEmbedded();
        double[][] diversity = new double[2][4];
        int[] sets = new int[2];
        for (int p = 0; p < base.size(); p++) {
            for (int v = 0; v < 2; v++) {
                List<String> texts = (v == 0 ? base : chat).get(p);
                if (texts.isEmpty()) {
                    continue;
                }
                EmbeddingDiversity d = EmbeddingDiversity.of(embedder.embedAll(texts), embedder.settings());
                diversity[v][0] += d.meanPairwiseCosine().value();
                diversity[v][1] += d.remoteClique().value();
                diversity[v][2] += d.chamferDistance().value();
                diversity[v][3] += d.vendiScore().value();
                sets[v]++;
            }
        }
        double responseSeconds = seconds(t);
        System.out.printf(
                "%nresponse embeddings and diversity: %.2f s (%d responses needed a model run of their own)%n",
                responseSeconds, embedder.textsEmbedded() - embedded0);
        String[] names = {"llama-2-base", "llama-2-chat"};
        System.out.printf("%-14s %10s %10s %10s %8s%n", "variant", "mean cos", "remote-cl", "chamfer", "vendi");
        for (int v = 0; v < 2; v++) {
            System.out.printf(
                    "%-14s %10.4f %10.4f %10.4f %8.3f   (mean over %d prompts)%n",
                    names[v],
                    diversity[v][0] / sets[v],
                    diversity[v][1] / sets[v],
                    diversity[v][2] / sets[v],
                    diversity[v][3] / sets[v],
                    sets[v]);
        }

        // 3. Sentence embeddings and Overton coverage (base sentences vs chat sample 0).
        t = System.nanoTime();
        embedded0 = embedder.textsEmbedded();
        tokens0 = encoder.tokensEncoded();
        CoverageMeans means = meanCoverage(coverage, base, chat);
        double sentenceSeconds = seconds(t);
        CoverageMeans[] sensitivity = new CoverageMeans[3];
        double[] thresholds = {0.5, 0.6, 0.7};
        for (int k = 0; k < thresholds.length; k++) {
            sensitivity[k] = meanCoverage(new OvertonCoverage(embedder, thresholds[k]), base, chat);
        }
        long sentences = embedder.textsEmbedded() - embedded0;
        long sentenceTokens = encoder.tokensEncoded() - tokens0;
        System.out.printf(
                "%nsentence embeddings: %d distinct sentences, %d tokens, %.1f s -> %.0f sentences/s, %.0f tokens/s%n",
                sentences,
                sentenceTokens,
                sentenceSeconds,
                sentences / sentenceSeconds,
                sentenceTokens / sentenceSeconds);
        System.out.printf(
                "Overton coverage (threshold %.2f, %d prompts): chat sample 0 covers %.3f of the base sentences;"
                        + " one base response covers %.3f of the other base responses'; chat ahead on %d prompts%n",
                OvertonCoverage.MINILM_THRESHOLD, means.prompts(), means.aligned(), means.self(), means.alignedAhead());

        for (int k = 0; k < thresholds.length; k++) {
            System.out.printf(
                    "  at threshold %.2f: chat sample 0 covers %.3f, one base response covers %.3f%n",
                    thresholds[k], sensitivity[k].aligned(), sensitivity[k].self());
        }

        double total = seconds(start);
        System.out.printf(
                "%n250 base + 250 chat responses, everything above: %.1f s wall, %.1f s CPU (model load included)%n",
                total, (cpuNanos() - cpuStart) / 1e9);
        System.out.printf(
                "  shares of wall time: response encoding %.0f%%, BERTScore matching %.0f%%, sentence embeddings"
                        + " %.0f%%, response embeddings and diversity %.0f%%%n",
                100 * encodeSeconds / total,
                100 * matchSeconds / total,
                100 * sentenceSeconds / total,
                100 * responseSeconds / total);
        printMemory();

        // 4. The encoder's ceiling on the texts of every fifth prompt (responses and their sentences), against the
        //    tokens per second of the whole run above.
        long runTokens = encoder.tokensEncoded();
        double runSeconds = encodeSeconds + matchSeconds + responseSeconds + sentenceSeconds;
        double runCpuSeconds = (cpuNanos() - scoringCpu) / 1e9;
        List<String> sample = new ArrayList<>();
        for (int p = 0; p < base.size(); p += 5) {
            sample.addAll(base.get(p));
            sample.addAll(chat.get(p));
            for (String text : base.get(p)) {
                sample.addAll(coverage.sentences(text));
            }
            if (!chat.get(p).isEmpty()) {
                sample.addAll(coverage.sentences(chat.get(p).get(0)));
            }
        }
        List<long[]> windows = encoder.windows(sample.stream().distinct().toList(), o.window());
        System.out.printf(
                "%nencoder ceiling: ONNX Runtime alone on the %d windows of every fifth prompt's responses and"
                        + " sentences (load average %.2f):%n",
                windows.size(), ResourceUsage.loadAverage());
        List<EncoderCeiling.Result> ceiling =
                EncoderCeiling.measure(o.spec(), windows, Runtime.getRuntime().availableProcessors());
        EncoderCeiling.print(ceiling);
        double best = ceiling.get(0).tokensPerSecond();
        double bestCpu = EncoderCeiling.bestPerCpuSecond(ceiling);
        System.out.printf(
                "the run above end to end: %d tokens in %.1f s of scoring -> %.0f tokens/s, %.0f%% of the best wall"
                        + " figure; %.1f s of CPU -> %.0f tokens per CPU second, %.0f%% of the best CPU figure%n",
                runTokens,
                runSeconds,
                runTokens / runSeconds,
                100 * runTokens / runSeconds / best,
                runCpuSeconds,
                runTokens / runCpuSeconds,
                100 * runTokens / runCpuSeconds / bestCpu);

        if (o.releasedCheck()) {
            Path dir = o.fixture().resolve("bertscore").resolve("outputs");
            BertScorer checkScorer = new BertScorer(encoder, new BertScoreOptions(o.window(), false, Optional.empty()));
            ReleasedAgreement agreement =
                    ReleasedAgreement.compute(checkScorer, ReleasedBertScores.filesFor(dir, "llama-2-chat"), p -> true);
            System.out.printf("%nagreement with the released BERTScore (all llama-2-chat--* pairs):%n");
            System.out.print(agreement.table());
            System.out.printf("  %.1f pairs/s%n", agreement.pairs() / agreement.seconds());
            printMemory();
        }
        encoder.close();
    }

    /**
     * Means over the prompts where both coverages are defined: chat sample 0's coverage of the base sentences, a base
     * response's coverage of the other base responses, and on how many of those prompts chat was ahead.
     */
    private record CoverageMeans(double aligned, double self, int alignedAhead, int prompts) {}

    /** Mean over prompts of aligned coverage and base self-coverage (embeddings are cached after the first call). */
    private static CoverageMeans meanCoverage(
            OvertonCoverage coverage, List<List<String>> base, List<List<String>> chat) {
        double aligned = 0;
        double self = 0;
        int prompts = 0;
        int alignedAhead = 0;
        for (int p = 0; p < base.size(); p++) {
            if (base.get(p).isEmpty() || chat.get(p).isEmpty()) {
                continue;
            }
            CoverageReport r = coverage.coverage(base.get(p), chat.get(p).get(0));
            if (r.alignedCoverage().defined() && r.baseSelfCoverage().defined()) {
                aligned += r.alignedCoverage().value();
                self += r.baseSelfCoverage().value();
                alignedAhead +=
                        r.alignedCoverage().value() > r.baseSelfCoverage().value() ? 1 : 0;
                prompts++;
            }
        }
        return new CoverageMeans(aligned / prompts, self / prompts, alignedAhead, prompts);
    }

    private static void printMemory() {
        ResourceUsage.printMemory();
    }

    private static long cpuNanos() {
        return ResourceUsage.cpuNanos();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}

package dev.overton.scorer.judge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.overton.contracts.JudgeSpec;
import dev.overton.contracts.files.FileRefusedException;
import dev.overton.contracts.files.FileSandbox;
import dev.overton.contracts.spec.Judgement;
import dev.overton.semantic.judge.JudgeVerdict;
import dev.overton.semantic.judge.JudgeVerdicts;

/**
 * The released judge files of a {@code replay} judge, and the judgments their lines stand for. Plain Java (file reads
 * block: call from a worker thread).
 *
 * <p><b>Keys.</b> {@code JudgeSpec.sources} maps {@code <judgement>:<variant>} to a file, the variant being the judged
 * one (the candidate of a pairwise judgement, compared with the run's reference). A bare {@code <judgement>} is
 * accepted when only one variant can be meant: the run's only non-reference variant for a pairwise judgement, its only
 * variant otherwise.
 *
 * <p><b>Lines.</b> Released files hold one line per (prompt, sample) pair, prompts in the run's order, samples inner:
 * line k is prompt {@code promptIds[k / s]}, sample {@code k % s}, where s = lines / prompts must be a whole number
 * (METHOD.md; e.g. 250 lines for 50 prompts × 5 samples, or 50 lines judging sample 0 only). Only the lines a live
 * judge would have been asked are kept: samples below {@code JudgeSpec.samples} (and not the reference's sample 0) for
 * pairwise judgements, sample 0 for quality, every sample for stance.
 *
 * <p><b>Paths</b> go through the same {@link FileSandbox} as the generator's replay sources: resolved against the
 * scorer's base folder, inside one of its allowed folders after symbolic links are resolved, a regular file under the
 * size cap. The policy is checked when the sources are resolved and again when each file is opened, so a link
 * re-pointed in between is refused, not followed.
 */
public final class ReplaySources {

    /** Who reads, in the sandbox's messages. */
    public static final String READER = "this scorer";

    private ReplaySources() {}

    /**
     * One file to replay.
     *
     * @param key the key in {@code sources}
     * @param judgement its judgement
     * @param variant the judged variant
     * @param file the file as named, absolute (links are resolved, and the policy checked, each time it is opened)
     * @param files the folder policy it is opened through
     */
    public record Source(String key, Judgement judgement, String variant, Path file, FileSandbox files) {}

    /**
     * One replayed line.
     *
     * @param target the judgment it stands for
     * @param line the 1-based line number
     * @param raw the judge's message content (or the whole line when it has none)
     * @param verdict the parsed verdict, or {@code null} when the line fails strict parsing
     * @param error why it failed, or {@code null}
     */
    public record Replayed(JudgeTarget target, int line, String raw, JudgeVerdict verdict, String error) {}

    /**
     * Checks a replay judge's sources and resolves them.
     *
     * @param spec the judge
     * @param reference the run's reference variant
     * @param variants the run's variant names (sampled and in-context)
     * @param baseDir folder relative paths are resolved against
     * @param allowedDirs folders the files must lie in (already resolved against {@code baseDir})
     * @throws IllegalArgumentException naming the key and the fix, for every problem found
     */
    public static List<Source> resolve(
            JudgeSpec spec, String reference, List<String> variants, Path baseDir, List<Path> allowedDirs) {
        return resolve(
                spec,
                reference,
                variants,
                new FileSandbox(baseDir, allowedDirs, FileSandbox.DEFAULT_MAX_BYTES, READER));
    }

    /**
     * Checks a replay judge's sources and resolves them.
     *
     * @param spec the judge
     * @param reference the run's reference variant
     * @param variants the run's variant names (sampled and in-context)
     * @param files the folder policy (base folder, allowed folders, size cap); its reader should be {@value #READER}
     * @throws IllegalArgumentException naming the key and the fix, for every problem found
     */
    public static List<Source> resolve(JudgeSpec spec, String reference, List<String> variants, FileSandbox files) {
        List<String> errors = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        Map<String, String> sorted = new TreeMap<>(spec.sources());
        if (sorted.isEmpty()) {
            errors.add(
                    "judge.sources is empty: a replay judge needs a released file per judgement, e.g."
                            + " \"missing-info:<variant>\": \"…/eval-missing/outputs/ref_<reference>--alt_<variant>/samples.jsonl\"");
        }
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            String key = e.getKey();
            int colon = key.indexOf(':');
            String name = colon < 0 ? key : key.substring(0, colon);
            Judgement judgement = Judgement.find(name).orElse(null);
            if (judgement == null) {
                errors.add("judge.sources key '" + key + "': unknown judgement '" + name
                        + "'; use missing-info, topics, quality or stance, optionally followed by ':<variant>'");
                continue;
            }
            if (!spec.judgements().contains(name)) {
                errors.add("judge.sources key '" + key + "': judgement '" + name + "' is not in judge.judgements "
                        + spec.judgements() + "; add it there or drop the source");
                continue;
            }
            String variant = colon < 0 ? implied(judgement, reference, variants) : key.substring(colon + 1);
            if (variant == null) {
                errors.add("judge.sources key '" + key + "': the run has several variants this judgement could be"
                        + " about; name the judged variant, e.g. '" + name + ":"
                        + firstCandidate(judgement, reference, variants)
                        + "'");
                continue;
            }
            if (!variants.contains(variant)) {
                errors.add(
                        "judge.sources key '" + key + "': '" + variant + "' is not a variant of the run " + variants);
                continue;
            }
            if (e.getValue() == null || e.getValue().isBlank()) {
                errors.add("judge.sources key '" + key + "': no file given");
                continue;
            }
            try {
                files.check(e.getValue());
            } catch (FileRefusedException refused) {
                errors.add("judge.sources key '" + key + "': " + refused.getMessage());
                continue;
            }
            sources.add(new Source(key, judgement, variant, files.resolve(e.getValue()), files));
        }
        for (String name : spec.judgements()) {
            if (sources.stream().noneMatch(s -> s.judgement().wireName().equals(name))
                    && errors.stream().noneMatch(m -> m.contains("'" + name))) {
                errors.add("judge.judgements lists '" + name + "' but judge.sources has no file for it; add \"" + name
                        + ":<variant>\": \"<samples.jsonl>\"");
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return sources;
    }

    /**
     * Reads one source into the judgments a live judge would have made.
     *
     * @param source the file
     * @param reference the run's reference variant
     * @param promptIds the run's prompts, in dataset order
     * @param samplesBound {@code JudgeSpec.samples} (0 = all)
     * @throws IllegalArgumentException when the line count does not divide into the prompts
     */
    public static List<Replayed> read(Source source, String reference, List<String> promptIds, int samplesBound) {
        List<String> text;
        try {
            text = source.files().readLines(source.file().toString());
        } catch (FileRefusedException e) {
            throw new IllegalArgumentException("judge.sources key '" + source.key() + "': " + e.getMessage(), e);
        }
        List<JudgeVerdicts.LineVerdict> lines = JudgeVerdicts.readEach(text, source.judgement());
        if (promptIds.isEmpty() || lines.size() % promptIds.size() != 0) {
            throw new IllegalArgumentException("judge.sources key '" + source.key() + "': " + lines.size()
                    + " lines do not divide into the run's " + promptIds.size()
                    + " prompts (line k must be prompt k / s, sample k % s); is it the file for this dataset?");
        }
        int perPrompt = lines.size() / promptIds.size();
        int bound = samplesBound <= 0 ? Integer.MAX_VALUE : samplesBound;
        boolean candidateIsReference = source.variant().equals(reference);
        List<Replayed> out = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            int sample = k % perPrompt;
            boolean asked = switch (source.judgement()) {
                case MISSING_INFO, TOPICS -> sample < bound && !(candidateIsReference && sample == 0);
                case QUALITY -> sample == 0;
                case STANCE -> true;
            };
            if (!asked) {
                continue;
            }
            JudgeVerdicts.LineVerdict line = lines.get(k);
            JudgeTarget target = new JudgeTarget(
                    promptIds.get(k / perPrompt),
                    source.variant(),
                    sample,
                    source.judgement(),
                    source.judgement().pairwise() ? reference : null);
            out.add(new Replayed(target, line.line(), line.raw(), line.verdict(), line.error()));
        }
        return out;
    }

    private static String implied(Judgement judgement, String reference, List<String> variants) {
        List<String> candidates = judgement.pairwise()
                ? variants.stream().filter(v -> !v.equals(reference)).toList()
                : variants;
        return candidates.size() == 1 ? candidates.get(0) : null;
    }

    private static String firstCandidate(Judgement judgement, String reference, List<String> variants) {
        return variants.stream()
                .filter(v -> !judgement.pairwise() || !v.equals(reference))
                .findFirst()
                .orElse("<variant>");
    }
}

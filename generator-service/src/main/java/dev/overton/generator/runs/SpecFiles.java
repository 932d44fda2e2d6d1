package dev.overton.generator.runs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.overton.contracts.Prompt;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.files.DatasetReader;
import dev.overton.contracts.files.FileRefusedException;
import dev.overton.contracts.files.FileSandbox;
import dev.overton.contracts.spec.BackendNames;
import dev.overton.contracts.spec.FieldError;
import dev.overton.contracts.spec.PromptRules;
import dev.overton.contracts.spec.SpecLimits;

/**
 * The generator's folder policy for the files a run spec names: the dataset, replay sources and released judge outputs
 * must be readable regular files inside the allowed folders (symbolic links resolved). It reads the dataset file; every
 * prompt read from it passes the same {@link PromptRules} as an inline one.
 *
 * <p>Blocking: it reads from disk. Call it from a worker thread.
 */
final class SpecFiles {

    private final Path baseDir;
    /** Where the policy is enforced; the generator opens the same files through its configured sandbox again. */
    private final FileSandbox sandbox;

    SpecFiles(Path baseDir, List<Path> allowedDirs) {
        this.sandbox = new FileSandbox(baseDir, allowedDirs, FileSandbox.DEFAULT_MAX_BYTES, "this server");
        this.baseDir = baseDir;
    }

    /** The folders dataset paths and replay sources must lie in, absolute and with symbolic links resolved. */
    List<Path> allowedDirs() {
        return sandbox.allowedDirs();
    }

    /**
     * Adds an error if {@code file} lies outside every allowed folder.
     *
     * @return whether it lies inside one
     */
    private boolean allowed(String at, Path file, List<FieldError> errors) {
        try {
            sandbox.check(file.toString());
            return true;
        } catch (FileRefusedException e) {
            if (e.reason() == FileRefusedException.Reason.MISSING
                    || e.reason() == FileRefusedException.Reason.NOT_A_FILE) {
                return true; // inside: the caller says what file it needs there
            }
            errors.add(new FieldError(at, e.getMessage()));
            return false;
        }
    }

    /** {@code path} resolved against the base dir; {@code null} (with an error) when it is no path at all. */
    private Path resolve(String at, String path, List<FieldError> errors) {
        try {
            Path p = Path.of(path);
            return p.isAbsolute() ? p : baseDir.resolve(p).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            errors.add(new FieldError(at, "is not a valid file path (" + e.getReason() + ")"));
            return null;
        }
    }

    /** Every replay variant's source must be a readable file inside the allowed folders with a record per prompt. */
    void checkReplaySources(List<VariantSpec> variants, int promptCount, List<FieldError> errors) {
        for (int i = 0; i < variants.size(); i++) {
            VariantSpec v = variants.get(i);
            if (!BackendNames.replays(v.backend())
                    || v.source() == null
                    || v.source().isBlank()) {
                continue;
            }
            String at = "variants[" + i + "].source";
            Path file = resolve(at, v.source(), errors);
            if (file == null || !allowed(at, file, errors)) {
                continue;
            }
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                errors.add(new FieldError(
                        at, "no readable file at " + file + "; give the path of a released samples.jsonl"));
                continue;
            }
            try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                long count = lines.filter(l -> !l.isBlank()).count();
                if (count < promptCount) {
                    errors.add(new FieldError(
                            at,
                            file + " has " + count + " records but the dataset has " + promptCount
                                    + " prompts; replay needs one record per prompt, in dataset order"));
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                errors.add(new FieldError(at, "cannot read " + file + ": " + e.getMessage()));
            }
        }
    }

    /**
     * A replayed judge needs, for every judgement, a readable released output inside the allowed folders. Keys are
     * {@code <judgement>} or {@code <judgement>:<variant>} (the judged variant, needed when a judgement is replayed for
     * several variants: the released files hold one variant's verdicts each); the scorer checks the variant part
     * against the run.
     */
    void checkJudgeSources(List<String> judgements, Map<String, String> sources, List<FieldError> errors) {
        Set<String> covered = new HashSet<>();
        for (Map.Entry<String, String> entry : sources.entrySet()) {
            String key = entry.getKey();
            String at = "judge.sources." + key;
            int colon = key.indexOf(':');
            String judgement = colon < 0 ? key : key.substring(0, colon);
            if (!judgements.contains(judgement)) {
                errors.add(new FieldError(
                        at,
                        "names no judgement of this judge; use keys '<judgement>' or '<judgement>:<variant>' with a"
                                + " judgement of " + judgements + ", or remove it"));
                continue;
            }
            if (colon >= 0 && key.substring(colon + 1).isBlank()) {
                errors.add(new FieldError(at, "names no variant after ':'; use '" + judgement + ":<variant>'"));
                continue;
            }
            covered.add(judgement);
            String source = entry.getValue();
            if (source == null || source.isBlank()) {
                errors.add(new FieldError(at, "must be the path of a released judge output (samples.jsonl)"));
                continue;
            }
            Path file = resolve(at, source, errors);
            if (file == null || !allowed(at, file, errors)) {
                continue;
            }
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                errors.add(new FieldError(
                        at, "no readable file at " + file + "; give the path of a released judge output"));
            }
        }
        for (String judgement : judgements) {
            if (!covered.contains(judgement)) {
                errors.add(new FieldError(
                        "judge.sources." + judgement,
                        "is required for the replay backend: the released judge output (samples.jsonl) to replay"
                                + " the '" + judgement + "' verdicts from (key '" + judgement + "' or '" + judgement
                                + ":<variant>')"));
            }
        }
    }

    /** The prompts of the JSONL file at {@code pathText}, each checked like an inline prompt. */
    List<Prompt> readDataset(String pathText, List<FieldError> errors) {
        Path file = resolve("dataset.path", pathText, errors);
        if (file == null || !allowed("dataset.path", file, errors)) {
            return List.of();
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            errors.add(new FieldError(
                    "dataset.path",
                    "no readable file at " + file + "; give a JSONL file of {\"messages\":[...]} lines"));
            return List.of();
        }
        List<DatasetReader.JsonLine> lines;
        try {
            lines = DatasetReader.jsonLines(sandbox, file.toString());
        } catch (FileRefusedException e) {
            errors.add(new FieldError("dataset.path", e.getMessage()));
            return List.of();
        }
        List<Prompt> prompts = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (DatasetReader.JsonLine line : lines) {
            String at = "dataset.path:line " + line.number();
            if (index >= SpecLimits.PROMPTS) {
                errors.add(new FieldError(
                        "dataset.path",
                        "has more than " + SpecLimits.PROMPTS + " prompts, the limit (docs/api.md, Limits); split"
                                + " the dataset into several runs"));
                break;
            }
            if (line.json() == null) {
                // DatasetReader says where the line is broken without quoting it.
                errors.add(new FieldError(at, line.error()));
            } else {
                Prompt prompt = PromptRules.read(line.json(), index, at, errors);
                if (prompt != null) {
                    RunSpecValidator.addUnique(prompt, ids, prompts, at, errors);
                }
            }
            index++;
            if (errors.size() > 20) {
                errors.add(new FieldError("dataset.path", "stopped after 20 problems; fix these first"));
                break;
            }
        }
        if (prompts.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError("dataset.path", file + " holds no prompts"));
        }
        return prompts;
    }
}

package dev.overton.generator.runs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.DatasetSpec;
import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.JudgeSpec;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.TokenShiftSpec;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.contracts.spec.BackendNames;
import dev.overton.contracts.spec.FieldError;
import dev.overton.contracts.spec.IclRules;
import dev.overton.contracts.spec.JudgeRules;
import dev.overton.contracts.spec.MeasureRules;
import dev.overton.contracts.spec.ModelEntry;
import dev.overton.contracts.spec.PromptRules;
import dev.overton.contracts.spec.RunSpecRules;
import dev.overton.contracts.spec.SpecFields;
import dev.overton.contracts.spec.SpecJson;
import dev.overton.contracts.spec.SpecLimits;
import dev.overton.contracts.spec.SpecText;
import dev.overton.contracts.spec.TokenShiftRules;
import dev.overton.contracts.spec.VariantRules;
import dev.overton.generator.config.GeneratorConfig;
import dev.overton.generator.sampling.Backends;
import dev.overton.generator.sampling.SamplingBackend;
import dev.overton.generator.sampling.jlama.JlamaVariantCheck;
import dev.overton.generator.sampling.openai.OpenAiVariantCheck;

/**
 * The entry point of {@code POST /runs}: reads a submitted run spec strictly, applies the spec's rules (package
 * {@code dev.overton.contracts.spec}, shared with icl-service and the CLI) and adds what only the generator knows: the
 * backends it offers, each checking its own fields, and the folder policy for the files the spec names. It works on
 * the raw JSON tree rather than a bound object so that a wrong type ("samples": "five") is reported against its field,
 * and it collects every problem so the user can fix them all at once.
 *
 * <p>Blocking: it reads the dataset file and checks replay sources on disk. Call it from a worker thread.
 */
public final class RunSpecValidator {

    /** Answers from released output files. */
    public static final String REPLAY = BackendNames.REPLAY;

    /** Any OpenAI-compatible HTTP server. */
    public static final String OPENAI = BackendNames.OPENAI;

    /** The embedded in-process backend (jlama). */
    public static final String JLAMA = BackendNames.JLAMA;

    /** Backends this build can sample with. */
    public static final Set<String> BACKENDS = BackendNames.ALL;

    /** The N used when a variant does not say. */
    public static final int DEFAULT_SAMPLES = SpecLimits.DEFAULT_SAMPLES;

    /** The rules of the built-in backends, for a validator made without the generator's backend beans. */
    private static final Map<String, BiConsumer<ModelEntry, List<FieldError>>> BUILT_IN =
            Map.of(REPLAY, (entry, errors) -> {}, OPENAI, OpenAiVariantCheck::check, JLAMA, JlamaVariantCheck::check);

    /** The token-scoring checks of the built-in backends, for a validator made without the backend beans. */
    private static final Map<String, ScoringCheck> BUILT_IN_SCORING = Map.of(
            REPLAY,
            (base, at, errors) -> SamplingBackend.refuseTokenScoring(REPLAY, base, at, errors),
            OPENAI,
            OpenAiVariantCheck::checkScoring,
            JLAMA,
            JlamaVariantCheck::checkScoring);

    /** A backend's check that a variant can score tokens ({@link SamplingBackend#checkTokenScoring}). */
    @FunctionalInterface
    private interface ScoringCheck {
        void check(VariantSpec base, String at, List<FieldError> errors);
    }

    private final SpecFiles files;
    private final Map<String, BiConsumer<ModelEntry, List<FieldError>>> checks;
    private final Map<String, ScoringCheck> scoringChecks;
    private final Set<String> judgeBackends;
    private final ScorerOffers scorers;

    /** @param baseDir folder that relative paths in the spec are resolved against, and the only one they may name */
    public RunSpecValidator(Path baseDir) {
        this(baseDir, List.of(baseDir));
    }

    /**
     * @param baseDir folder that relative paths in the spec are resolved against
     * @param allowedDirs folders that dataset paths and replay sources must lie in (relative ones are resolved against
     *     {@code baseDir}); empty: {@code baseDir} only
     */
    public RunSpecValidator(Path baseDir, List<Path> allowedDirs) {
        this(baseDir, allowedDirs, BACKENDS);
    }

    /**
     * @param baseDir folder that relative paths in the spec are resolved against
     * @param allowedDirs folders that dataset paths and replay sources must lie in (relative ones are resolved against
     *     {@code baseDir}); empty: {@code baseDir} only
     * @param backends the backends the generator offers (built-in ones, checked by their built-in rules); a judge may
     *     use any of them, or {@code replay}
     */
    public RunSpecValidator(Path baseDir, List<Path> allowedDirs, Set<String> backends) {
        this(new SpecFiles(baseDir, allowedDirs), builtIn(backends), BUILT_IN_SCORING);
    }

    /**
     * @param baseDir folder that relative paths in the spec are resolved against
     * @param allowedDirs folders that dataset paths and replay sources must lie in; empty: {@code baseDir} only
     * @param backends the generator's backends by name (its {@code Backends} bean); each checks its own fields
     */
    public RunSpecValidator(Path baseDir, List<Path> allowedDirs, Map<String, SamplingBackend> backends) {
        this(new SpecFiles(baseDir, allowedDirs), checksOf(backends), scoringChecksOf(backends));
    }

    private RunSpecValidator(
            SpecFiles files,
            Map<String, BiConsumer<ModelEntry, List<FieldError>>> checks,
            Map<String, ScoringCheck> scoringChecks) {
        this(files, checks, scoringChecks, new ScorerOffers());
    }

    private RunSpecValidator(
            SpecFiles files,
            Map<String, BiConsumer<ModelEntry, List<FieldError>>> checks,
            Map<String, ScoringCheck> scoringChecks,
            ScorerOffers scorers) {
        this.files = files;
        this.checks = Map.copyOf(checks);
        this.scoringChecks = Map.copyOf(scoringChecks);
        TreeSet<String> judges = new TreeSet<>(checks.keySet());
        judges.add(OPENAI);
        judges.add(REPLAY);
        this.judgeBackends = Collections.unmodifiableSet(judges);
        this.scorers = scorers;
    }

    /**
     * This validator, also refusing a {@code measures} group that none of {@code scorers} computes (without it, no
     * group is refused for that reason).
     */
    public RunSpecValidator checkingMeasuresAgainst(ScorerOffers scorers) {
        return new RunSpecValidator(files, checks, scoringChecks, scorers);
    }

    /** The validator of this generator: its configured folders and its backends. */
    public static RunSpecValidator of(GeneratorConfig config, Backends backends) {
        return new RunSpecValidator(
                Path.of(config.files().baseDir()),
                config.files().allowedDirs().orElse(List.of()).stream()
                        .map(String::strip)
                        .filter(d -> !d.isEmpty())
                        .map(Path::of)
                        .toList(),
                backends.names().stream().collect(java.util.stream.Collectors.toMap(n -> n, backends::get)));
    }

    private static Map<String, BiConsumer<ModelEntry, List<FieldError>>> builtIn(Set<String> names) {
        Map<String, BiConsumer<ModelEntry, List<FieldError>>> checks = new LinkedHashMap<>();
        names.forEach(n -> checks.put(n, BUILT_IN.getOrDefault(n, (entry, errors) -> {})));
        return checks;
    }

    private static Map<String, BiConsumer<ModelEntry, List<FieldError>>> checksOf(Map<String, SamplingBackend> all) {
        Map<String, BiConsumer<ModelEntry, List<FieldError>>> checks = new LinkedHashMap<>();
        all.forEach((name, backend) -> checks.put(name, backend::checkVariant));
        return checks;
    }

    private static Map<String, ScoringCheck> scoringChecksOf(Map<String, SamplingBackend> all) {
        Map<String, ScoringCheck> checks = new LinkedHashMap<>();
        all.forEach((name, backend) -> checks.put(name, backend::checkTokenScoring));
        return checks;
    }

    /** The backends a run's judge may name: every backend of the generator, {@code replay} included; sorted. */
    public Set<String> judgeBackends() {
        return judgeBackends;
    }

    /** The folders dataset paths and replay sources must lie in, absolute and with symbolic links resolved. */
    public List<Path> allowedDirs() {
        return files.allowedDirs();
    }

    /**
     * Validates {@code body}, the request's raw bytes: strict UTF-8, one JSON object, each key once.
     *
     * @return the accepted run
     * @throws InvalidRunSpecException naming every bad field (or the byte offset or JSON position of an unreadable body)
     */
    public AcceptedRun validate(byte[] body) {
        SpecJson.Read read = SpecJson.read(body);
        if (read.problem() != null) {
            throw new InvalidRunSpecException(List.of(read.problem()));
        }
        return validate(read.tree());
    }

    /**
     * Validates {@code body} (the request's JSON text).
     *
     * @return the accepted run
     * @throws InvalidRunSpecException naming every bad field
     */
    public AcceptedRun validate(String body) {
        return validate(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private AcceptedRun validate(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidRunSpecException(List.of(
                    new FieldError("(body)", "must be a JSON object with name, dataset, reference and variants")));
        }
        List<FieldError> errors = new ArrayList<>();
        AcceptedRun accepted = check(root, Set.of(), true, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRunSpecException(errors);
        }
        return accepted;
    }

    /**
     * Checks the run spec inside a larger object (a monitor's definition, whose own fields its caller checks), adding
     * every problem to {@code errors}.
     *
     * @param root a JSON object
     * @param otherFields the fields of the larger object that are not run spec fields (not refused as unknown)
     * @param datasetRequired whether a missing {@code dataset} is an error (otherwise the spec has none and no prompts)
     * @return the run as read; meaningless when an error was added
     */
    public AcceptedRun check(JsonNode root, Set<String> otherFields, boolean datasetRequired, List<FieldError> errors) {
        Set<String> known = new HashSet<>(RunSpecRules.FIELDS);
        known.addAll(otherFields);
        SpecJson.refuseUnknownFields(root, "", known, errors);
        String name = RunSpecRules.name(root, errors);
        List<VariantRules.Read> read = VariantRules.readAll(root.get("variants"), checks.keySet(), errors);
        for (VariantRules.Read v : read) {
            checkBackend(v.spec().backend(), v.entry(), errors);
        }
        String label = RunSpecRules.label(root, errors);
        List<VariantSpec> variants = read.stream().map(VariantRules.Read::spec).toList();
        List<IclVariantSpec> icl = IclRules.checkAll(root.get("icl"), variants, errors);
        JudgeSpec judge = judge(root.get("judge"), errors);
        String reference = RunSpecRules.reference(root, variants, errors);
        List<String> measures = MeasureRules.read(root.get("measures"), errors);
        TokenShiftSpec tokenShift = tokenShift(root.get("tokenShift"), variants, icl, reference, errors);
        MeasureRules.unavailable(measures, scorers.offered(), scorers::howToEnable, errors);
        DatasetSpec dataset = null;
        List<Prompt> prompts = List.of();
        JsonNode datasetNode = root.get("dataset");
        if (datasetNode == null || datasetNode.isNull()) {
            if (datasetRequired) {
                errors.add(new FieldError(
                        "dataset", "is required: {\"path\": \"prompts.jsonl\"} or {\"prompts\": [...]}"));
            }
        } else if (!datasetNode.isObject()) {
            errors.add(new FieldError("dataset", "must be an object: {\"path\": ...} or {\"prompts\": [...]}"));
        } else {
            SpecJson.refuseUnknownFields(datasetNode, "dataset", RunSpecRules.DATASET_FIELDS, errors);
            JsonNode path = datasetNode.get("path");
            JsonNode inline = datasetNode.get("prompts");
            boolean hasPath = path != null && !path.isNull();
            boolean hasInline = inline != null && !inline.isNull();
            if (hasPath == hasInline) {
                errors.add(new FieldError("dataset", "must have exactly one of 'path' (a JSONL file) or 'prompts'"));
            } else if (hasPath) {
                if (!path.isTextual() || path.asText().isBlank()) {
                    errors.add(new FieldError("dataset.path", "must be a file path string"));
                } else if (SpecText.checkName("dataset.path", path.asText(), SpecLimits.PATH_LENGTH, errors)) {
                    prompts = files.readDataset(path.asText(), errors);
                    dataset = new DatasetSpec(path.asText(), null);
                }
            } else {
                prompts = readInline(inline, errors);
                dataset = new DatasetSpec(null, EventJson.mapper().convertValue(inline, List.class));
            }
        }
        if (!prompts.isEmpty()) {
            files.checkReplaySources(variants, prompts.size(), errors);
        }
        return new AcceptedRun(
                new RunSpec(name, dataset, reference, variants, icl, judge, label, measures, tokenShift), prompts);
    }

    /**
     * The run's token-shift measure, or {@code null}: the spec's rules, then the base variant's backend says whether it
     * can score tokens ({@code tokenShift.base}).
     */
    private TokenShiftSpec tokenShift(
            JsonNode node,
            List<VariantSpec> variants,
            List<IclVariantSpec> icl,
            String reference,
            List<FieldError> errors) {
        TokenShiftRules.Read read = TokenShiftRules.read(node, variants, icl, reference, errors);
        if (read == null) {
            return null;
        }
        VariantSpec base = read.baseVariant();
        if (base != null && base.backend() != null) {
            ScoringCheck check = scoringChecks.getOrDefault(
                    base.backend(), (b, at, e) -> SamplingBackend.refuseTokenScoring(b.backend(), b, at, e));
            check.check(base, "tokenShift.base", errors);
        }
        return read.spec();
    }

    private void checkBackend(String backend, ModelEntry entry, List<FieldError> errors) {
        // A judge may use openai even where no variant may; then the built-in rules apply.
        BiConsumer<ModelEntry, List<FieldError>> check =
                backend == null ? null : checks.getOrDefault(backend, BUILT_IN.get(backend));
        if (check != null) {
            check.accept(entry, errors);
        }
    }

    /**
     * The run's LLM judge ({@code judge}), or {@code null} when the run asks for none. The judge model is called through
     * the generator's backends like a variant, or its verdicts are replayed from released judge outputs, one readable
     * file per judgement, inside the allowed folders.
     */
    private JudgeSpec judge(JsonNode node, List<FieldError> errors) {
        JudgeRules.Read read = JudgeRules.read(node, judgeBackends, errors);
        if (read == null) {
            return null;
        }
        JudgeSpec judge = read.spec();
        if (judge.backend() != null && judgeBackends.contains(judge.backend())) {
            checkBackend(judge.backend(), read.entry(), errors);
        }
        if (REPLAY.equals(judge.backend())) {
            files.checkJudgeSources(judge.judgements(), judge.sources(), errors);
        }
        return judge;
    }

    private static List<Prompt> readInline(JsonNode inline, List<FieldError> errors) {
        if (!inline.isArray() || inline.isEmpty()) {
            errors.add(new FieldError("dataset.prompts", "must be a non-empty list of prompts"));
            return List.of();
        }
        if (!SpecFields.withinCount(inline, "dataset.prompts", SpecLimits.PROMPTS, "prompts", errors)) {
            return List.of();
        }
        List<Prompt> prompts = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < inline.size(); i++) {
            String at = "dataset.prompts[" + i + "]";
            JsonNode item = inline.get(i);
            Prompt prompt = item.isTextual()
                    ? PromptRules.text(item.asText(), i, at, errors)
                    : PromptRules.read(item, i, at, errors);
            if (prompt != null) {
                addUnique(prompt, ids, prompts, at, errors);
            }
        }
        return prompts;
    }

    static void addUnique(Prompt prompt, Set<String> ids, List<Prompt> prompts, String at, List<FieldError> errors) {
        if (!ids.add(prompt.id())) {
            errors.add(new FieldError(at + ".id", "repeats prompt id '" + prompt.id() + "'; ids must be unique"));
        } else {
            prompts.add(prompt);
        }
    }
}

package dev.overton.generator.runs;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.DatasetSpec;
import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.JudgeSpec;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;

/**
 * Checks a submitted run spec field by field and reads its dataset. It works on the raw JSON tree rather than a bound
 * object so that a wrong type ("samples": "five") is reported against its field instead of as an unreadable body, and
 * it collects every problem so the user can fix them all at once.
 *
 * <p>Blocking: it reads the dataset file and checks replay sources on disk. Call it from a worker thread.
 */
public final class RunSpecValidator {

    /** Answers from released output files. */
    public static final String REPLAY = "replay";

    /** Any OpenAI-compatible HTTP server. */
    public static final String OPENAI = "openai";

    /** The embedded in-process backend (jlama). */
    public static final String JLAMA = "jlama";

    /** Backends this build can sample with. */
    public static final Set<String> BACKENDS = Set.of(REPLAY, OPENAI, JLAMA);

    /** The most samples per prompt a variant may ask for. */
    public static final int MAX_SAMPLES = 100;

    /** The N used when a variant does not say. */
    public static final int DEFAULT_SAMPLES = 5;

    /** Judgements a run's judge can make. */
    public static final Set<String> JUDGEMENTS = Set.of("missing-info", "topics", "quality", "stance");

    /** The highest sampling temperature a judge may use (the OpenAI API's range is 0 to 2). */
    public static final double MAX_JUDGE_TEMPERATURE = 2.0;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final ObjectMapper MAPPER = EventJson.mapper();

    private final Path baseDir;
    private final List<Path> allowedDirs;
    private final Set<String> judgeBackends;

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
     * @param backends the backends the generator offers (its {@code Backends} bean's names); a judge may use any of
     *     them, or {@code replay}
     */
    public RunSpecValidator(Path baseDir, List<Path> allowedDirs, Set<String> backends) {
        this.baseDir = baseDir;
        List<Path> dirs = allowedDirs.isEmpty() ? List.of(baseDir) : allowedDirs;
        this.allowedDirs = dirs.stream().map(this::canonical).distinct().toList();
        TreeSet<String> judges = new TreeSet<>(backends);
        judges.add(OPENAI);
        judges.add(REPLAY);
        this.judgeBackends = java.util.Collections.unmodifiableSet(judges);
    }

    /** The backends a run's judge may name: every backend of the generator, {@code replay} included; sorted. */
    public Set<String> judgeBackends() {
        return judgeBackends;
    }

    /** The folders dataset paths and replay sources must lie in, absolute and with symbolic links resolved. */
    public List<Path> allowedDirs() {
        return allowedDirs;
    }

    /** {@code path} made absolute against the base dir and normalised, with symbolic links resolved if it exists. */
    private Path canonical(Path path) {
        Path absolute = (path.isAbsolute() ? path : baseDir.resolve(path))
                .toAbsolutePath()
                .normalize();
        try {
            return Files.exists(absolute) ? absolute.toRealPath() : absolute;
        } catch (IOException | SecurityException e) {
            return absolute;
        }
    }

    /**
     * Adds an error if {@code file} lies outside every allowed folder.
     *
     * @return whether it lies inside one
     */
    private boolean allowed(String at, Path file, List<FieldError> errors) {
        Path real = canonical(file);
        for (Path dir : allowedDirs) {
            if (real.startsWith(dir)) {
                return true;
            }
        }
        errors.add(new FieldError(
                at,
                file + " is outside the folders this server may read " + allowedDirs
                        + "; put the file in one of them, or have the operator add its folder to"
                        + " overton.files.allowed-dirs (OVERTON_ALLOWED_DIRS)"));
        return false;
    }

    /**
     * Validates {@code body} (the request's JSON text).
     *
     * @return the accepted run
     * @throws InvalidRunSpecException naming every bad field
     */
    public AcceptedRun validate(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRunSpecException(List.of(new FieldError(
                    "(body)", "is not valid JSON (" + e.getOriginalMessage() + "); send a JSON object")));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRunSpecException(List.of(
                    new FieldError("(body)", "must be a JSON object with name, dataset, reference and variants")));
        }
        List<FieldError> errors = new ArrayList<>();
        String name = text(root, "name", errors, true);
        if (name != null && name.isBlank()) {
            errors.add(new FieldError("name", "must not be blank; give the run a human-readable name"));
        }
        String label = text(root, "label", errors, false);
        if (RunSpec.labelProblem(label) != null) {
            errors.add(new FieldError("label", RunSpec.labelProblem(label)));
        }
        List<VariantSpec> variants = variants(root.get("variants"), errors);
        List<IclVariantSpec> icl = iclVariants(root.get("icl"), variants, errors);
        JudgeSpec judge = judge(root.get("judge"), errors);
        String reference = text(root, "reference", errors, true);
        if (reference != null && !variants.isEmpty() && variants.stream().noneMatch(v -> reference.equals(v.name()))) {
            errors.add(new FieldError(
                    "reference",
                    "names no variant of this run ('" + reference + "'); use one of "
                            + variants.stream().map(VariantSpec::name).toList()));
        }
        DatasetSpec dataset = null;
        List<Prompt> prompts = List.of();
        JsonNode datasetNode = root.get("dataset");
        if (datasetNode == null || datasetNode.isNull()) {
            errors.add(new FieldError("dataset", "is required: {\"path\": \"prompts.jsonl\"} or {\"prompts\": [...]}"));
        } else if (!datasetNode.isObject()) {
            errors.add(new FieldError("dataset", "must be an object: {\"path\": ...} or {\"prompts\": [...]}"));
        } else {
            JsonNode path = datasetNode.get("path");
            JsonNode inline = datasetNode.get("prompts");
            boolean hasPath = path != null && !path.isNull();
            boolean hasInline = inline != null && !inline.isNull();
            if (hasPath == hasInline) {
                errors.add(new FieldError("dataset", "must have exactly one of 'path' (a JSONL file) or 'prompts'"));
            } else if (hasPath) {
                if (!path.isTextual() || path.asText().isBlank()) {
                    errors.add(new FieldError("dataset.path", "must be a file path string"));
                } else {
                    prompts = readDatasetFile(path.asText(), errors);
                    dataset = new DatasetSpec(path.asText(), null);
                }
            } else {
                prompts = readInline(inline, errors);
                dataset = new DatasetSpec(null, MAPPER.convertValue(inline, List.class));
            }
        }
        if (!prompts.isEmpty()) {
            checkReplaySources(variants, prompts.size(), errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRunSpecException(errors);
        }
        return new AcceptedRun(new RunSpec(name, dataset, reference, variants, icl, judge, label), prompts);
    }

    /**
     * The run's LLM judge ({@code judge}), or {@code null} when the run asks for none. The judge model is called through
     * the generator's backends like a variant (so an openai judge needs an endpoint and a model), or its verdicts are
     * replayed from released judge outputs, one readable file per judgement, inside the allowed folders.
     */
    private JudgeSpec judge(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(new FieldError(
                    "judge",
                    "must be an object with backend, model and judgements, e.g. {\"backend\": \"openai\","
                            + " \"endpoint\": \"http://localhost:8000/v1\", \"model\": \"...\","
                            + " \"judgements\": [\"quality\"]}"));
            return null;
        }
        String backend = text(node, "backend", "judge.backend", errors, true);
        if (backend != null && !judgeBackends.contains(backend)) {
            errors.add(new FieldError(
                    "judge.backend",
                    "'" + backend + "' is not available in this generator; use one of " + judgeBackends));
        }
        String endpoint = text(node, "endpoint", "judge.endpoint", errors, false);
        String model = text(node, "model", "judge.model", errors, false);
        String api = text(node, "api", "judge.api", errors, false);
        if (api != null && !api.equals("chat") && !api.equals("completions")) {
            errors.add(new FieldError(
                    "judge.api",
                    "must be 'chat' (the judge prompt sent as messages) or 'completions' (sent as one raw prompt)"));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        JsonNode paramsNode = node.get("params");
        if (paramsNode != null && !paramsNode.isNull()) {
            if (!paramsNode.isObject()) {
                errors.add(new FieldError("judge.params", "must be an object of sampling parameters"));
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> converted = MAPPER.convertValue(paramsNode, Map.class);
                params.putAll(converted);
                checkParams("judge.params", paramsNode, MAX_JUDGE_TEMPERATURE, errors);
            }
        }
        if (OPENAI.equals(backend)) {
            checkOpenAi("judge", endpoint, model, api, paramsNode, errors);
        }
        List<String> judgements = judgements(node.get("judgements"), errors);
        int samples = 0;
        JsonNode samplesNode = node.get("samples");
        if (samplesNode != null && !samplesNode.isNull()) {
            if (!samplesNode.isIntegralNumber()
                    || samplesNode.asLong() < 0
                    || samplesNode.asLong() > Integer.MAX_VALUE) {
                errors.add(new FieldError(
                        "judge.samples",
                        "must be a whole number >= 0: how many samples of each variant are judged per prompt"
                                + " (0 = all)"));
            } else {
                samples = samplesNode.asInt();
            }
        }
        Map<String, String> sources = judgeSources(node.get("sources"), errors);
        if (REPLAY.equals(backend)) {
            checkJudgeSources(judgements, sources, errors);
        }
        return new JudgeSpec(
                backend, endpoint, api == null ? "chat" : api, model, params, judgements, samples, sources);
    }

    private static List<String> judgements(JsonNode node, List<FieldError> errors) {
        String allowed = new TreeSet<>(JUDGEMENTS).toString();
        if (node == null || node.isNull()) {
            errors.add(new FieldError("judge.judgements", "is required: a non-empty list from " + allowed));
            return List.of();
        }
        if (!node.isArray() || node.isEmpty()) {
            errors.add(new FieldError("judge.judgements", "must be a non-empty list from " + allowed));
            return List.of();
        }
        List<String> judgements = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode j = node.get(i);
            String at = "judge.judgements[" + i + "]";
            if (!j.isTextual() || !JUDGEMENTS.contains(j.asText())) {
                errors.add(new FieldError(at, "must be one of " + allowed));
            } else if (judgements.contains(j.asText())) {
                errors.add(new FieldError(at, "repeats '" + j.asText() + "'; list each judgement once"));
            } else {
                judgements.add(j.asText());
            }
        }
        return judgements;
    }

    private static Map<String, String> judgeSources(JsonNode node, List<FieldError> errors) {
        Map<String, String> sources = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return sources;
        }
        if (!node.isObject()) {
            errors.add(new FieldError(
                    "judge.sources",
                    "must be an object from judgement to released judge output, e.g. {\"quality\":"
                            + " \"judge/quality/samples.jsonl\"}"));
            return sources;
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                errors.add(new FieldError("judge.sources." + e.getKey(), "must be a file path string"));
            } else {
                sources.put(e.getKey(), e.getValue().asText());
            }
        });
        return sources;
    }

    /**
     * A replayed judge needs, for every judgement, a readable released output inside the allowed folders. Keys are
     * {@code <judgement>} or {@code <judgement>:<variant>} (the judged variant, needed when a judgement is replayed for
     * several variants: the released files hold one variant's verdicts each); the scorer checks the variant part
     * against the run.
     */
    private void checkJudgeSources(List<String> judgements, Map<String, String> sources, List<FieldError> errors) {
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
            Path file = resolve(source);
            if (!allowed(at, file, errors)) {
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

    /** Example selection modes of in-context variants. */
    public static final Set<String> ICL_EXAMPLES = Set.of("fixed", "random", "knn-prompt", "knn-response");

    /** Hint modes of in-context variants. */
    public static final Set<String> ICL_HINTS = Set.of("none", "summary", "self-summary");

    /**
     * The run's in-context variants ({@code icl}): each names a base variant of the run whose backend samples it, with
     * prompts icl-service builds. The same rules as icl-service's, so a bad entry is refused here, by field.
     */
    private List<IclVariantSpec> iclVariants(JsonNode node, List<VariantSpec> variants, List<FieldError> errors) {
        List<IclVariantSpec> icl = new ArrayList<>();
        if (node == null || node.isNull()) {
            return icl;
        }
        if (!node.isArray()) {
            errors.add(new FieldError("icl", "must be a list of in-context variants"));
            return icl;
        }
        Set<String> names = new HashSet<>();
        variants.forEach(v -> names.add(v.name()));
        for (int i = 0; i < node.size(); i++) {
            String at = "icl[" + i + "]";
            JsonNode v = node.get(i);
            if (!v.isObject()) {
                errors.add(new FieldError(at, "must be an object with name, base, examples, k, hint"));
                continue;
            }
            String name = uniqueName(v, at, names, "names must be unique among variants and icl entries", errors);
            String base = text(v, "base", at + ".base", errors, true);
            VariantSpec baseVariant = base == null
                    ? null
                    : variants.stream()
                            .filter(b -> base.equals(b.name()))
                            .findFirst()
                            .orElse(null);
            if (base != null && baseVariant == null) {
                errors.add(new FieldError(
                        at + ".base",
                        "names no variant of this run ('" + base + "'); use one of "
                                + variants.stream().map(VariantSpec::name).toList()));
            } else if (baseVariant != null
                    && (OPENAI.equals(baseVariant.backend()) || JLAMA.equals(baseVariant.backend()))
                    && !"completions".equals(baseVariant.api())) {
                errors.add(new FieldError(
                        at + ".base",
                        "variant '" + base + "' uses the chat API; in-context"
                                + " prompts are raw text, so the base variant needs \"api\": \"completions\""));
            }
            String examples = text(v, "examples", at + ".examples", errors, false);
            if (examples == null) {
                examples = "knn-prompt";
            } else if (!ICL_EXAMPLES.contains(examples)) {
                errors.add(new FieldError(at + ".examples", "must be one of " + ICL_EXAMPLES));
            }
            int k = intIn(v, "k", at + ".k", 0, 50, 3, errors);
            String hint = text(v, "hint", at + ".hint", errors, false);
            if (hint == null) {
                hint = "none";
            } else if (!ICL_HINTS.contains(hint)) {
                errors.add(new FieldError(at + ".hint", "must be one of " + ICL_HINTS));
            }
            int samples = intIn(v, "samples", at + ".samples", 0, MAX_SAMPLES, 0, errors);
            Map<String, Object> options = new LinkedHashMap<>();
            JsonNode optionsNode = v.get("options");
            if (optionsNode != null && !optionsNode.isNull()) {
                if (!optionsNode.isObject()) {
                    errors.add(new FieldError(at + ".options", "must be an object"));
                } else {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> converted = MAPPER.convertValue(optionsNode, Map.class);
                    options.putAll(converted);
                    checkIclOptions(at + ".options", optionsNode, variants, errors);
                }
            }
            icl.add(new IclVariantSpec(name, base, examples, k, hint, samples, options));
        }
        return icl;
    }

    /** The entry's required {@code name}, checked for its form and against the names taken so far. */
    private static String uniqueName(
            JsonNode entry, String at, Set<String> taken, String uniqueness, List<FieldError> errors) {
        String name = text(entry, "name", at + ".name", errors, true);
        if (name != null && !NAME.matcher(name).matches()) {
            errors.add(new FieldError(
                    at + ".name", "must be 1-100 letters, digits, '.', '_' or '-' starting with a letter or digit"));
        } else if (name != null && !taken.add(name)) {
            errors.add(new FieldError(at + ".name", "repeats '" + name + "'; " + uniqueness));
        }
        return name;
    }

    private static void checkIclOptions(
            String at, JsonNode options, List<VariantSpec> variants, List<FieldError> errors) {
        JsonNode from = options.get("summaries_from");
        if (from != null
                && !from.isNull()
                && (!from.isTextual()
                        || variants.stream().noneMatch(v -> v.name().equals(from.asText())))) {
            errors.add(new FieldError(at + ".summaries_from", "must name a variant of this run"));
        }
        JsonNode window = options.get("context_window");
        JsonNode maxNew = options.get("max_new_tokens");
        if (window != null && (!window.isIntegralNumber() || window.asInt() < 2)) {
            errors.add(new FieldError(at + ".context_window", "must be a whole number of tokens, e.g. 4096"));
        }
        if (maxNew != null && (!maxNew.isIntegralNumber() || maxNew.asInt() < 1)) {
            errors.add(new FieldError(at + ".max_new_tokens", "must be a whole number >= 1, e.g. 700"));
        }
        if (window != null
                && maxNew != null
                && window.isIntegralNumber()
                && maxNew.isIntegralNumber()
                && maxNew.asInt() >= window.asInt()) {
            errors.add(new FieldError(
                    at + ".max_new_tokens",
                    "must be smaller than context_window (" + window.asInt() + "), or no room is left for the prompt"));
        }
    }

    private static int intIn(
            JsonNode node, String field, String at, int min, int max, int dflt, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return dflt;
        }
        if (!value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
            errors.add(new FieldError(at, "must be a whole number from " + min + " to " + max));
            return dflt;
        }
        return value.asInt();
    }

    private List<VariantSpec> variants(JsonNode node, List<FieldError> errors) {
        List<VariantSpec> variants = new ArrayList<>();
        if (node == null || node.isNull()) {
            errors.add(new FieldError(
                    "variants", "is required: a list of variants to sample, e.g. a base and an aligned model"));
            return variants;
        }
        if (!node.isArray() || node.isEmpty()) {
            errors.add(new FieldError("variants", "must be a non-empty list of variants"));
            return variants;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "variants[" + i + "]";
            JsonNode v = node.get(i);
            if (!v.isObject()) {
                errors.add(new FieldError(at, "must be an object with name, backend, samples, ..."));
                continue;
            }
            String name = uniqueName(v, at, names, "variant names must be unique", errors);
            String backend = text(v, "backend", at + ".backend", errors, true);
            if (backend != null && !BACKENDS.contains(backend)) {
                errors.add(new FieldError(
                        at + ".backend",
                        "'" + backend + "' is not available in this version; use one of " + new TreeSet<>(BACKENDS)));
            }
            String model = text(v, "model", at + ".model", errors, false);
            String source = text(v, "source", at + ".source", errors, false);
            String endpoint = text(v, "endpoint", at + ".endpoint", errors, false);
            String api = text(v, "api", at + ".api", errors, false);
            if (api != null && !api.equals("chat") && !api.equals("completions")) {
                errors.add(new FieldError(
                        at + ".api",
                        "must be 'chat' (an instruct model, messages sent as they are) or 'completions' (a base"
                                + " model, prompt framed as '# Query:' / '# Answer:')"));
            }
            int samples = DEFAULT_SAMPLES;
            JsonNode samplesNode = v.get("samples");
            if (samplesNode != null && !samplesNode.isNull()) {
                if (!samplesNode.isIntegralNumber() || samplesNode.asInt() < 1 || samplesNode.asInt() > MAX_SAMPLES) {
                    errors.add(new FieldError(
                            at + ".samples",
                            "must be a whole number from 1 to " + MAX_SAMPLES + " (N per prompt), e.g. 5"));
                } else {
                    samples = samplesNode.asInt();
                }
            }
            Map<String, Object> params = new LinkedHashMap<>();
            JsonNode paramsNode = v.get("params");
            if (paramsNode != null && !paramsNode.isNull()) {
                if (!paramsNode.isObject()) {
                    errors.add(new FieldError(at + ".params", "must be an object of sampling parameters"));
                } else {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> converted = MAPPER.convertValue(paramsNode, Map.class);
                    params.putAll(converted);
                    checkParams(at + ".params", paramsNode, Double.POSITIVE_INFINITY, errors);
                }
            }
            if (REPLAY.equals(backend) && (source == null || source.isBlank())) {
                errors.add(new FieldError(
                        at + ".source",
                        "is required for the replay backend: the released samples.jsonl to answer from"));
            }
            if (OPENAI.equals(backend)) {
                checkOpenAi(at, endpoint, model, api, paramsNode, errors);
                if (api == null) {
                    api = "chat";
                }
            }
            if (JLAMA.equals(backend)) {
                checkJlama(at, model, paramsNode, errors);
                if (api == null) {
                    api = "chat";
                }
            }
            variants.add(new VariantSpec(name, backend, model, source, endpoint, api, samples, params));
        }
        return variants;
    }

    /**
     * The embedded backend needs a model (a Hugging Face repo id or a local folder) and understands only the params
     * jlama can honour; anything else (top_p, repetition_penalty, ...) would be silently ignored, so it is refused.
     */
    private static void checkJlama(String at, String model, JsonNode params, List<FieldError> errors) {
        if (model == null || model.isBlank()) {
            errors.add(new FieldError(
                    at + ".model",
                    "is required for the jlama backend: a Hugging Face repo id such as"
                            + " HuggingFaceTB/SmolLM2-135M-Instruct, or the path of a local model folder"));
        }
        if (params == null || !params.isObject()) {
            return;
        }
        params.fieldNames().forEachRemaining(name -> {
            if (!JLAMA_PARAMS.contains(name)) {
                errors.add(new FieldError(
                        at + ".params." + name,
                        "is not supported by the jlama backend (it supports " + new TreeSet<>(JLAMA_PARAMS)
                                + "); remove it, or sample this model with the openai backend"));
            }
        });
        JsonNode seed = params.get("seed");
        if (seed != null && !seed.isIntegralNumber()) {
            errors.add(new FieldError(at + ".params.seed", "must be a whole number, e.g. 1"));
        }
    }

    /** The params the jlama backend understands. */
    public static final Set<String> JLAMA_PARAMS = Set.of("temperature", "max_tokens", "seed", "stop", "template");

    private static void checkParams(String at, JsonNode params, double maxTemperature, List<FieldError> errors) {
        JsonNode temperature = params.get("temperature");
        if (temperature != null
                && (!temperature.isNumber() || temperature.asDouble() < 0 || temperature.asDouble() > maxTemperature)) {
            errors.add(new FieldError(
                    at + ".temperature",
                    Double.isInfinite(maxTemperature)
                            ? "must be a number >= 0, e.g. 0.5"
                            : "must be a number from 0 to " + maxTemperature + ", e.g. 0 (a judge should be"
                                    + " deterministic)"));
        }
        JsonNode maxTokens = params.get("max_tokens");
        if (maxTokens != null && (!maxTokens.isIntegralNumber() || maxTokens.asInt() < 1)) {
            errors.add(new FieldError(at + ".max_tokens", "must be a whole number >= 1, e.g. 700"));
        }
        JsonNode stop = params.get("stop");
        if (stop != null && !(stop.isArray() && allText(stop)) && !stop.isTextual()) {
            errors.add(new FieldError(at + ".stop", "must be a string or a list of strings, e.g. [\"```\"]"));
        }
    }

    /**
     * The openai backend needs a server and a model; its params must not set what Overton sets itself (the model,
     * messages or prompt, {@code n} = samples, streaming), and its own switches ({@code n_supported}, {@code
     * template}) must be usable.
     */
    private static void checkOpenAi(
            String at, String endpoint, String model, String api, JsonNode params, List<FieldError> errors) {
        if (endpoint == null || endpoint.isBlank()) {
            errors.add(new FieldError(
                    at + ".endpoint",
                    "is required for the openai backend: the server's base URL, e.g. http://localhost:8000/v1"
                            + " (vLLM), http://localhost:11434/v1 (Ollama) or https://api.openai.com/v1"));
        } else {
            String problem = endpointProblem(endpoint.strip());
            if (problem != null) {
                errors.add(new FieldError(at + ".endpoint", problem));
            }
        }
        if (model == null || model.isBlank()) {
            errors.add(new FieldError(
                    at + ".model",
                    "is required for the openai backend: the model name the server serves (listed at"
                            + " <endpoint>/models), e.g. meta-llama/Llama-2-7b-chat-hf"));
        }
        if (params == null || !params.isObject()) {
            return;
        }
        for (String reserved : List.of("model", "messages", "prompt")) {
            if (params.has(reserved)) {
                errors.add(new FieldError(
                        at + ".params." + reserved,
                        "is set by Overton from the variant's 'model' and the dataset's prompts; remove it"));
            }
        }
        if (params.has("n")) {
            errors.add(new FieldError(
                    at + ".params.n",
                    at.equals("judge")
                            ? "is set by Overton: a judge draws one completion per verdict; remove it"
                            : "is set from the variant's 'samples'; remove it and set 'samples' to N"));
        }
        JsonNode stream = params.get("stream");
        if (stream != null && !(stream.isBoolean() && !stream.asBoolean())) {
            errors.add(new FieldError(
                    at + ".params.stream", "is not supported: Overton reads whole responses; remove it"));
        }
        JsonNode nSupported = params.get("n_supported");
        if (nSupported != null && !nSupported.isBoolean()) {
            errors.add(new FieldError(
                    at + ".params.n_supported",
                    "must be true or false (false: send N separate requests, for servers without 'n')"));
        }
        JsonNode topP = params.get("top_p");
        if (topP != null && (!topP.isNumber() || topP.asDouble() <= 0 || topP.asDouble() > 1)) {
            errors.add(new FieldError(at + ".params.top_p", "must be a number in (0, 1], e.g. 0.9"));
        }
        JsonNode seed = params.get("seed");
        if (seed != null && !seed.isIntegralNumber()) {
            errors.add(new FieldError(at + ".params.seed", "must be a whole number, e.g. 42"));
        }
        JsonNode template = params.get("template");
        if (template != null) {
            if (!"completions".equals(api)) {
                errors.add(new FieldError(
                        at + ".params.template",
                        "applies to raw prompts only; set the variant's 'api' to 'completions' or remove it"));
            } else if (!template.isTextual() || !template.asText().contains("{query}")) {
                errors.add(new FieldError(
                        at + ".params.template",
                        "must be a string containing {query} where the prompt goes, e.g."
                                + " \"# Query:\\n```\\n{query}\\n```\\n\\n# Answer:\\n```\\n\""));
            }
        }
    }

    /** What is wrong with an endpoint URL, or {@code null}. */
    private static String endpointProblem(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            return "is not a URL (" + e.getReason() + "); give the server's base URL, e.g. http://localhost:8000/v1";
        }
        String scheme = uri.getScheme();
        if (scheme == null
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            return "must be an http:// or https:// URL with a host, e.g. http://localhost:8000/v1";
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            return "must be a base URL without '?' or '#' parts, e.g. http://localhost:8000/v1";
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        if (path.endsWith("/completions")) {
            return "must be the base URL (usually ending in /v1), not an API path; Overton appends"
                    + " /chat/completions or /completions itself";
        }
        return null;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private void checkReplaySources(List<VariantSpec> variants, int promptCount, List<FieldError> errors) {
        for (int i = 0; i < variants.size(); i++) {
            VariantSpec v = variants.get(i);
            if (!REPLAY.equals(v.backend()) || v.source() == null || v.source().isBlank()) {
                continue;
            }
            String at = "variants[" + i + "].source";
            Path file = resolve(v.source());
            if (!allowed(at, file, errors)) {
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

    private List<Prompt> readDatasetFile(String pathText, List<FieldError> errors) {
        Path file = resolve(pathText);
        if (!allowed("dataset.path", file, errors)) {
            return List.of();
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            errors.add(new FieldError(
                    "dataset.path",
                    "no readable file at " + file + "; give a JSONL file of {\"messages\":[...]} lines"));
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            errors.add(new FieldError("dataset.path", "cannot read " + file + ": " + e.getMessage()));
            return List.of();
        }
        List<Prompt> prompts = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (int lineNo = 0; lineNo < lines.size(); lineNo++) {
            String line = lines.get(lineNo);
            if (line.isBlank()) {
                continue;
            }
            String at = "dataset.path:line " + (lineNo + 1);
            try {
                Prompt prompt = prompt(MAPPER.readTree(line), index, at, errors);
                if (prompt != null) {
                    addUnique(prompt, ids, prompts, at, errors);
                }
            } catch (JsonProcessingException e) {
                errors.add(new FieldError(at, "is not valid JSON (" + e.getOriginalMessage() + ")"));
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

    private List<Prompt> readInline(JsonNode inline, List<FieldError> errors) {
        if (!inline.isArray() || inline.isEmpty()) {
            errors.add(new FieldError("dataset.prompts", "must be a non-empty list of prompts"));
            return List.of();
        }
        List<Prompt> prompts = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < inline.size(); i++) {
            String at = "dataset.prompts[" + i + "]";
            JsonNode item = inline.get(i);
            Prompt prompt = item.isTextual() ? textPrompt(item.asText(), i, at, errors) : prompt(item, i, at, errors);
            if (prompt != null) {
                addUnique(prompt, ids, prompts, at, errors);
            }
        }
        return prompts;
    }

    private static Prompt textPrompt(String text, int index, String at, List<FieldError> errors) {
        if (text.isBlank()) {
            errors.add(new FieldError(at, "is blank; a prompt needs text"));
            return null;
        }
        return new Prompt(String.valueOf(index), index, List.of(new ChatMessage("user", text)));
    }

    private static Prompt prompt(JsonNode node, int index, String at, List<FieldError> errors) {
        if (!node.isObject()) {
            errors.add(new FieldError(at, "must be an object {\"messages\":[{\"role\":\"user\",\"content\":...}]}"));
            return null;
        }
        JsonNode messages = node.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            errors.add(new FieldError(at + ".messages", "must be a non-empty list of {\"role\",\"content\"} messages"));
            return null;
        }
        List<ChatMessage> chat = new ArrayList<>();
        boolean hasUser = false;
        for (int m = 0; m < messages.size(); m++) {
            JsonNode msg = messages.get(m);
            JsonNode role = msg.get("role");
            JsonNode content = msg.get("content");
            if (role == null || !role.isTextual() || content == null || !content.isTextual()) {
                errors.add(new FieldError(at + ".messages[" + m + "]", "must have string 'role' and 'content'"));
                return null;
            }
            hasUser |= "user".equals(role.asText());
            chat.add(new ChatMessage(role.asText(), content.asText()));
        }
        if (!hasUser) {
            errors.add(new FieldError(at + ".messages", "needs at least one message with role 'user'"));
            return null;
        }
        JsonNode id = node.get("id");
        String promptId = id == null || id.isNull() ? String.valueOf(index) : id.asText();
        if (promptId.isBlank() || promptId.contains("/")) {
            errors.add(new FieldError(at + ".id", "must be non-blank and must not contain '/'"));
            return null;
        }
        return new Prompt(promptId, index, List.copyOf(chat));
    }

    private static void addUnique(
            Prompt prompt, Set<String> ids, List<Prompt> prompts, String at, List<FieldError> errors) {
        if (!ids.add(prompt.id())) {
            errors.add(new FieldError(at + ".id", "repeats prompt id '" + prompt.id() + "'; ids must be unique"));
        } else {
            prompts.add(prompt);
        }
    }

    private Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : baseDir.resolve(p).normalize();
    }

    private static String text(JsonNode node, String field, List<FieldError> errors, boolean required) {
        return text(node, field, field, errors, required);
    }

    private static String text(JsonNode node, String field, String at, List<FieldError> errors, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new FieldError(at, "is required"));
            }
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(at, "must be a string"));
            return null;
        }
        return value.asText();
    }
}

package dev.overton.icl.orchestration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.spec.ExampleSelection;
import dev.overton.contracts.spec.HintMode;
import dev.overton.icl.hints.SummarizerModel;
import dev.overton.icl.prompts.CharEstimateTokenCounter;
import dev.overton.icl.prompts.ContextBudget;
import dev.overton.icl.prompts.IclExample;

/**
 * The validated settings of one in-context variant of a run: its {@link IclVariantSpec} with defaults applied and its
 * options read. {@link #parse} collects every problem (field and fix) instead of stopping at the first.
 *
 * <p>Options ({@code icl[].options}), all optional:
 *
 * <ul>
 *   <li>{@code seed} (integer): the seed of {@code random} selection, default {@value #DEFAULT_SEED}; recorded;
 *   <li>{@code context_window} (integer): the model's context length, default 4096;
 *   <li>{@code max_new_tokens} (integer): tokens for the answer; default the base variant's {@code params.max_tokens},
 *       else {@value #DEFAULT_MAX_NEW_TOKENS}; sent as {@code max_tokens};
 *   <li>{@code min_examples} (integer): fewest examples a prompt may keep under the budget, default 1 (0 when k is 0);
 *   <li>{@code chars_per_token} (number): the token estimate's characters per token, default 4;
 *   <li>{@code template} (path): a Jinja template file; default Overton's {@code urial.jinja};
 *   <li>{@code instruction} (text) or {@code instruction_file} (path): the instruction; default Overton's own;
 *   <li>{@code pool} (list of {@code {query, answer, summary?}}) or {@code pool_file} (path to a JSON list of the same):
 *       the examples to choose from instead of the teacher's answers (for {@code fixed}, instead of Overton's shipped
 *       examples);
 *   <li>{@code summaries_from} (variant name): a variant of the run whose sample 0 for a prompt is the summary of the
 *       reference's answer to it (e.g. a summarizer model, or a replayed summaries file); default: an offline
 *       extractive summary of the reference's answer;
 *   <li>{@code summarizer} (variant name, or {@code {backend, endpoint, api, model, params}}): a model that writes the
 *       summaries, called through the generator ({@code completion-requests}); a name takes that run variant's
 *       backend, endpoint, api, model and params (e.g. the aligned model summarizing its own answers). Only with hint
 *       {@code summary}, not with {@code summaries_from}.
 * </ul>
 *
 * @param name the variant's name
 * @param base the base variant it samples
 * @param selection how examples are chosen
 * @param k how many examples
 * @param hint the hint mode
 * @param samples N per prompt
 * @param seed the selection seed
 * @param budget the context budget
 * @param charsPerToken the token estimate's ratio
 * @param template a template path, or {@code null} for the shipped one
 * @param instruction an inline instruction, or {@code null}
 * @param instructionFile an instruction file, or {@code null}
 * @param pool inline pool examples, or {@code null}
 * @param poolFile a pool file, or {@code null}
 * @param summariesFrom the variant whose answers are the summaries, or {@code null}
 * @param summarizer the model that writes the summaries, or {@code null}
 */
public record IclSettings(
        String name,
        VariantSpec base,
        ExampleSelection selection,
        int k,
        HintMode hint,
        int samples,
        long seed,
        ContextBudget budget,
        double charsPerToken,
        String template,
        String instruction,
        String instructionFile,
        List<IclExample> pool,
        String poolFile,
        String summariesFrom,
        SummarizerModel summarizer) {

    /** Seed of random selection unless the variant gives one. */
    public static final long DEFAULT_SEED = 20240625L;

    /** Max new tokens when neither the variant nor its base says. */
    public static final int DEFAULT_MAX_NEW_TOKENS = 700;

    /** The most examples a variant may ask for. */
    public static final int MAX_K = 50;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /** Keys of an explicit {@code summarizer} object. */
    public static final Set<String> SUMMARIZER_KEYS = Set.of("backend", "endpoint", "api", "model", "params");

    /** Sampling parameters of an explicit summarizer unless it gives them: the paper's summarizer settings. */
    public static final Map<String, Object> SUMMARIZER_DEFAULT_PARAMS = Map.of("temperature", 0, "max_tokens", 256);

    private static final Set<String> RESERVED_PARAMS = Set.of("model", "messages", "prompt", "n", "stream");

    /**
     * The settings of every in-context variant of {@code run}, or the problems found.
     *
     * @param run the run spec
     */
    public static Parsed parse(RunSpec run) {
        List<IclSettings> settings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (run.variants() != null) {
            run.variants().forEach(v -> names.add(v.name()));
        }
        for (int i = 0; i < run.icl().size(); i++) {
            IclVariantSpec spec = run.icl().get(i);
            String at = "icl[" + i + "]";
            List<String> own = new ArrayList<>();
            IclSettings parsed = parseOne(spec, run, at, own);
            if (spec.name() != null && !names.add(spec.name())) {
                own.add(at + ".name: '" + spec.name() + "' is already a variant of this run; choose a unique name");
            }
            if (own.isEmpty()) {
                settings.add(parsed);
            }
            problems.addAll(own);
        }
        return new Parsed(List.copyOf(settings), List.copyOf(problems));
    }

    /**
     * The parse result.
     *
     * @param settings the valid variants
     * @param problems one message per problem, each naming the field and the fix
     */
    public record Parsed(List<IclSettings> settings, List<String> problems) {}

    private static IclSettings parseOne(IclVariantSpec spec, RunSpec run, String at, List<String> problems) {
        if (spec.name() == null || !NAME.matcher(spec.name()).matches()) {
            problems.add(at + ".name: must be letters, digits, '.', '_' or '-', e.g. llama-2-icl-knn");
        }
        VariantSpec base = spec.base() == null ? null : run.variant(spec.base());
        if (base == null) {
            problems.add(at + ".base: names no variant of this run ('" + spec.base() + "'); use one of "
                    + (run.variants() == null
                            ? "[]"
                            : run.variants().stream().map(VariantSpec::name).toList()));
        }
        ExampleSelection selection = null;
        try {
            selection = ExampleSelection.parse(spec.examples() == null ? "fixed" : spec.examples());
        } catch (IllegalArgumentException e) {
            problems.add(at + ".examples: " + e.getMessage());
        }
        if (spec.k() < 0 || spec.k() > MAX_K) {
            problems.add(at + ".k: must be from 0 to " + MAX_K + " (the paper uses 3)");
        }
        HintMode hint = null;
        try {
            hint = HintMode.parse(spec.hint());
        } catch (IllegalArgumentException e) {
            problems.add(at + ".hint: " + e.getMessage());
        }
        if (spec.samples() < 0 || spec.samples() > 100) {
            problems.add(at + ".samples: must be from 1 to 100, or 0 for the base variant's N");
        }
        Options options = new Options(spec.options(), at + ".options", problems);
        long seed = options.integer("seed", DEFAULT_SEED);
        int contextWindow = (int) options.integer("context_window", ContextBudget.DEFAULT_CONTEXT_WINDOW);
        long baseMax = base == null || base.params() == null
                ? DEFAULT_MAX_NEW_TOKENS
                : new Options(base.params(), at + ".base.params", problems)
                        .integer("max_tokens", DEFAULT_MAX_NEW_TOKENS);
        int maxNew = (int) options.integer("max_new_tokens", baseMax);
        int minExamples = (int) options.integer("min_examples", Math.min(1, Math.max(spec.k(), 0)));
        double charsPerToken = options.number("chars_per_token", CharEstimateTokenCounter.DEFAULT_CHARS_PER_TOKEN);
        if (!(charsPerToken > 0)) {
            problems.add(at + ".options.chars_per_token: must be > 0, e.g. 4");
        }
        ContextBudget budget = null;
        try {
            budget = new ContextBudget(contextWindow, maxNew, Math.min(minExamples, Math.max(spec.k(), 0)));
        } catch (IllegalArgumentException e) {
            problems.add(at + ".options: " + e.getMessage());
        }
        String instruction = options.text("instruction");
        String instructionFile = options.text("instruction_file");
        if (instruction != null && instructionFile != null) {
            problems.add(at + ".options: give instruction or instruction_file, not both");
        }
        List<IclExample> pool = options.examples("pool");
        String poolFile = options.text("pool_file");
        if (pool != null && poolFile != null) {
            problems.add(at + ".options: give pool or pool_file, not both");
        }
        String summariesFrom = options.text("summaries_from");
        if (summariesFrom != null && run.variant(summariesFrom) == null) {
            problems.add(at + ".options.summaries_from: names no variant of this run ('" + summariesFrom + "')");
        }
        if (summariesFrom != null && hint == HintMode.NONE) {
            problems.add(at + ".options.summaries_from: only used with hint 'summary' or 'self-summary'");
        }
        SummarizerModel summarizer =
                readSummarizer(spec.options() == null ? null : spec.options().get("summarizer"), run, at, problems);
        boolean summarizerGiven = spec.options() != null && spec.options().get("summarizer") != null;
        if (summarizerGiven && summariesFrom != null) {
            problems.add(at + ".options: give summarizer (a model writes the summaries) or summaries_from (a variant's"
                    + " answers are the summaries), not both");
        }
        if (summarizerGiven && hint != null && hint != HintMode.SUMMARY) {
            problems.add(at + ".options.summarizer: only used with hint 'summary' (with 'self-summary' the model writes"
                    + " its own summary; example summaries come from the pool, summaries_from or the extractive"
                    + " summarizer)");
        }
        int samples = spec.samples() > 0 ? spec.samples() : base == null ? 0 : base.samples();
        return new IclSettings(
                spec.name(),
                base,
                selection,
                spec.k(),
                hint,
                samples,
                seed,
                budget,
                charsPerToken,
                options.text("template"),
                instruction,
                instructionFile,
                pool,
                poolFile,
                summariesFrom,
                summarizer);
    }

    /**
     * Reads the {@code summarizer} option: a run variant's name, or an explicit model. Problems name the option and the
     * fix; {@code null} when absent or invalid.
     */
    private static SummarizerModel readSummarizer(Object value, RunSpec run, String at, List<String> problems) {
        String field = at + ".options.summarizer";
        if (value == null) {
            return null;
        }
        if (value instanceof String name) {
            VariantSpec v = name.isBlank() ? null : run.variant(name);
            if (v == null) {
                problems.add(field + ": names no variant of this run ('" + name + "'); use one of "
                        + (run.variants() == null
                                ? "[]"
                                : run.variants().stream().map(VariantSpec::name).toList())
                        + ", or give {\"backend\", \"endpoint\", \"api\", \"model\", \"params\"}");
                return null;
            }
            if ("replay".equals(v.backend())) {
                problems.add(field + ": variant '" + name + "' replays released outputs and cannot write new"
                        + " summaries; name a variant served by a model server, give {\"backend\": \"openai\","
                        + " \"endpoint\", \"api\", \"model\"}, or replay released summaries with summaries_from");
                return null;
            }
            int before = problems.size();
            checkModel(field + " (variant '" + name + "')", v.backend(), v.endpoint(), v.api(), v.model(), problems);
            return problems.size() > before ? null : SummarizerModel.ofVariant(v);
        }
        if (!(value instanceof Map<?, ?> raw)) {
            problems.add(field + ": must be the name of a run variant or an object {\"backend\", \"endpoint\","
                    + " \"api\", \"model\", \"params\"} (was " + value + ")");
            return null;
        }
        int before = problems.size();
        Set<String> unknown = new TreeSet<>();
        raw.keySet().forEach(k -> {
            if (!SUMMARIZER_KEYS.contains(String.valueOf(k))) {
                unknown.add(String.valueOf(k));
            }
        });
        if (!unknown.isEmpty()) {
            problems.add(field + ": unknown key(s) " + unknown + "; allowed: backend, endpoint, api, model, params");
        }
        String backend = string(raw, "backend", field, problems);
        String endpoint = string(raw, "endpoint", field, problems);
        String api = string(raw, "api", field, problems);
        String model = string(raw, "model", field, problems);
        Map<String, Object> params = new LinkedHashMap<>();
        Object p = raw.get("params");
        if (p instanceof Map<?, ?> given) {
            given.forEach((k, v) -> params.put(String.valueOf(k), v));
            for (String reserved : new TreeSet<>(RESERVED_PARAMS)) {
                if (params.containsKey(reserved)) {
                    problems.add(field + ".params." + reserved + ": is set by Overton (one completion of its own"
                            + " summarizer prompt); remove it");
                }
            }
        } else if (p != null) {
            problems.add(field + ".params: must be an object of sampling parameters, e.g. {\"temperature\": 0}");
        }
        SUMMARIZER_DEFAULT_PARAMS.forEach(params::putIfAbsent);
        if (backend == null) {
            problems.add(field + ".backend: is required, e.g. \"openai\" (a server speaking the OpenAI API)");
        } else if ("replay".equals(backend)) {
            problems.add(field + ".backend: 'replay' cannot write new summaries; use \"openai\", or replay released"
                    + " summaries with summaries_from");
        }
        checkModel(field, backend, endpoint, api, model, problems);
        return problems.size() > before
                ? null
                : SummarizerModel.explicit(backend, endpoint, api == null ? "chat" : api, model, params);
    }

    private static void checkModel(
            String field, String backend, String endpoint, String api, String model, List<String> problems) {
        if (api != null && !api.equals("chat") && !api.equals("completions")) {
            problems.add(field + ".api: must be \"chat\" (the default) or \"completions\" (was '" + api + "')");
        }
        if (model == null) {
            problems.add(field + ".model: is required: the model name the server serves, e.g. gpt-4o-mini");
        }
        if ("openai".equals(backend)) {
            if (endpoint == null) {
                problems.add(field + ".endpoint: is required for the openai backend: the server's base URL, e.g."
                        + " http://localhost:8000/v1");
            } else if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
                problems.add(field + ".endpoint: must be an http:// or https:// URL (was '" + endpoint + "')");
            }
        }
    }

    private static String string(Map<?, ?> raw, String key, String field, List<String> problems) {
        Object v = raw.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String s && !s.isBlank()) {
            return s.strip();
        }
        problems.add(field + "." + key + ": must be a non-empty string");
        return null;
    }

    /**
     * Whether the variant's prompts use the reference's (teacher's) answers, so that they wait for its sample sets:
     * teacher pools (random and nearest-neighbour selection without an own pool), response neighbours, and summary
     * hints computed from the reference's answers.
     */
    public boolean needsTeacher() {
        boolean teacherPool = selection != ExampleSelection.FIXED && pool == null && poolFile == null;
        // Summaries a summarizer model writes are awaited per prompt (see examplesUseRunSummaries), not as a whole.
        boolean summaries = hint.examplesHaveSummaries() && summariesFrom == null && summarizer == null;
        return teacherPool || selection == ExampleSelection.KNN_RESPONSE || summaries;
    }

    /**
     * Whether the examples carry the summaries of the run's own prompts (a teacher pool with summary hints), so that
     * every prompt's summary must be settled before any prompt is built; otherwise a prompt can be built as soon as
     * its own summary is.
     */
    public boolean examplesUseRunSummaries() {
        return hint.examplesHaveSummaries() && selection != ExampleSelection.FIXED && pool == null && poolFile == null;
    }

    /** Reads typed values from the free-form options map, collecting problems. */
    private record Options(Map<String, Object> values, String at, List<String> problems) {

        long integer(String key, long fallback) {
            Object v = values == null ? null : values.get(key);
            if (v == null) {
                return fallback;
            }
            if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                return n.longValue();
            }
            problems.add(at + "." + key + ": must be a whole number (was " + v + ")");
            return fallback;
        }

        double number(String key, double fallback) {
            Object v = values == null ? null : values.get(key);
            if (v == null) {
                return fallback;
            }
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            problems.add(at + "." + key + ": must be a number (was " + v + ")");
            return fallback;
        }

        String text(String key) {
            Object v = values == null ? null : values.get(key);
            if (v == null) {
                return null;
            }
            if (v instanceof String s && !s.isBlank()) {
                return s;
            }
            problems.add(at + "." + key + ": must be a non-empty string");
            return null;
        }

        List<IclExample> examples(String key) {
            Object v = values == null ? null : values.get(key);
            if (v == null) {
                return null;
            }
            if (!(v instanceof List<?> list)) {
                problems.add(at + "." + key + ": must be a list of {query, answer, summary?} objects");
                return null;
            }
            List<IclExample> examples = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof Map<?, ?> m
                        && m.get("query") instanceof String q
                        && !q.isBlank()
                        && m.get("answer") instanceof String a
                        && !a.isBlank()) {
                    Object s = m.get("summary");
                    examples.add(new IclExample("pool:" + i, q, a, s instanceof String str ? str : null));
                } else {
                    problems.add(at + "." + key + "[" + i + "]: needs non-empty 'query' and 'answer' strings");
                }
            }
            return List.copyOf(examples);
        }
    }
}

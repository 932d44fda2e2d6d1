package dev.overton.icl.orchestration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.VariantSpec;
import dev.overton.icl.prompts.CharEstimateTokenCounter;
import dev.overton.icl.prompts.ContextBudget;
import dev.overton.icl.prompts.HintMode;
import dev.overton.icl.prompts.IclExample;
import dev.overton.icl.selection.ExampleSelection;

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
 *       extractive summary of the reference's answer.
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
        String summariesFrom) {

    /** Seed of random selection unless the variant gives one. */
    public static final long DEFAULT_SEED = 20240625L;

    /** Max new tokens when neither the variant nor its base says. */
    public static final int DEFAULT_MAX_NEW_TOKENS = 700;

    /** The most examples a variant may ask for. */
    public static final int MAX_K = 50;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

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
                summariesFrom);
    }

    /**
     * Whether the variant's prompts use the reference's (teacher's) answers, so that they wait for its sample sets:
     * teacher pools (random and nearest-neighbour selection without an own pool), response neighbours, and summary
     * hints computed from the reference's answers.
     */
    public boolean needsTeacher() {
        boolean teacherPool = selection != ExampleSelection.FIXED && pool == null && poolFile == null;
        boolean summaries = hint.examplesHaveSummaries() && summariesFrom == null;
        return teacherPool || selection == ExampleSelection.KNN_RESPONSE || summaries;
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

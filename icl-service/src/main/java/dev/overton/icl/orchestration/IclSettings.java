package dev.overton.icl.orchestration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.contracts.spec.ApiStyle;
import dev.overton.contracts.spec.ExampleSelection;
import dev.overton.contracts.spec.FieldError;
import dev.overton.contracts.spec.HintMode;
import dev.overton.contracts.spec.IclRules;
import dev.overton.contracts.spec.SpecLimits;
import dev.overton.icl.hints.SummarizerModel;
import dev.overton.icl.prompts.ContextBudget;
import dev.overton.icl.prompts.IclExample;

/**
 * The settings of one in-context variant of a run: its {@link IclVariantSpec} with defaults applied and its options
 * read. The entry's rules are {@link IclRules}, the one check the generator applies at {@code POST /runs}; {@link
 * #parse} applies the same check (a spec from an older generator or from Kafka may still be bad) and reads only the
 * entries that pass it. Fields, options and defaults: docs/icl.md ("Run spec: icl entries").
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
    public static final long DEFAULT_SEED = IclRules.DEFAULT_SEED;

    /** Max new tokens when neither the variant nor its base says. */
    public static final int DEFAULT_MAX_NEW_TOKENS = IclRules.DEFAULT_MAX_NEW_TOKENS;

    /** The most examples a variant may ask for. */
    public static final int MAX_K = SpecLimits.MAX_K;

    /** Sampling parameters of an explicit summarizer unless it gives them: the paper's summarizer settings. */
    public static final Map<String, Object> SUMMARIZER_DEFAULT_PARAMS = Map.of("temperature", 0, "max_tokens", 256);

    private static final ObjectMapper MAPPER = EventJson.mapper();

    /**
     * The settings of every in-context variant of {@code run} that passes {@link IclRules}, and the problems of the
     * others ({@code field: message}, as {@code POST /runs} reports them).
     *
     * @param run the run spec
     */
    public static Parsed parse(RunSpec run) {
        List<VariantSpec> variants = run.variants() == null ? List.of() : run.variants();
        List<IclSettings> settings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < run.icl().size(); i++) {
            List<FieldError> own = new ArrayList<>();
            JsonNode entry = MAPPER.valueToTree(run.icl().get(i));
            IclVariantSpec checked = IclRules.check(entry, "icl[" + i + "]", variants, taken, own);
            if (own.isEmpty() && checked != null) {
                settings.add(read(checked, run.variant(checked.base()), run));
            }
            own.forEach(e -> problems.add(e.field() + ": " + e.message()));
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

    /** The settings of an entry that passed {@link IclRules}: defaults applied, nothing re-checked. */
    private static IclSettings read(IclVariantSpec spec, VariantSpec base, RunSpec run) {
        Map<String, Object> options = spec.options() == null ? Map.of() : spec.options();
        int k = spec.k();
        long baseMax = base.params() != null && base.params().get("max_tokens") instanceof Number n
                ? n.longValue()
                : DEFAULT_MAX_NEW_TOKENS;
        int maxNew = (int) whole(options, "max_new_tokens", baseMax);
        int contextWindow = (int) whole(options, "context_window", IclRules.DEFAULT_CONTEXT_WINDOW);
        int minExamples = (int) whole(options, "min_examples", Math.min(1, k));
        double charsPerToken =
                options.get("chars_per_token") instanceof Number n ? n.doubleValue() : IclRules.DEFAULT_CHARS_PER_TOKEN;
        return new IclSettings(
                spec.name(),
                base,
                ExampleSelection.parse(spec.examples()),
                k,
                HintMode.parse(spec.hint()),
                spec.samples() > 0 ? spec.samples() : base.samples(),
                whole(options, "seed", DEFAULT_SEED),
                new ContextBudget(contextWindow, maxNew, Math.min(minExamples, k)),
                charsPerToken,
                text(options, "template"),
                text(options, "instruction"),
                text(options, "instruction_file"),
                pool(options.get("pool")),
                text(options, "pool_file"),
                text(options, "summaries_from"),
                summarizer(options.get("summarizer"), run));
    }

    private static long whole(Map<String, Object> options, String key, long fallback) {
        return options.get(key) instanceof Number n ? n.longValue() : fallback;
    }

    private static String text(Map<String, Object> options, String key) {
        return options.get(key) instanceof String s ? s : null;
    }

    private static List<IclExample> pool(Object value) {
        if (!(value instanceof List<?> list)) {
            return null;
        }
        List<IclExample> examples = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Map<?, ?> m = (Map<?, ?>) list.get(i);
            Object summary = m.get("summary");
            examples.add(new IclExample(
                    "pool:" + i,
                    (String) m.get("query"),
                    (String) m.get("answer"),
                    summary instanceof String str ? str : null));
        }
        return List.copyOf(examples);
    }

    /** The {@code summarizer} option: a run variant's name, or an explicit model; {@code null} when absent. */
    private static SummarizerModel summarizer(Object value, RunSpec run) {
        if (value instanceof String name) {
            return SummarizerModel.ofVariant(run.variant(name));
        }
        if (!(value instanceof Map<?, ?> raw)) {
            return null;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        if (raw.get("params") instanceof Map<?, ?> given) {
            given.forEach((key, v) -> params.put(String.valueOf(key), v));
        }
        SUMMARIZER_DEFAULT_PARAMS.forEach(params::putIfAbsent);
        String api = stripped(raw, "api");
        return SummarizerModel.explicit(
                stripped(raw, "backend"),
                stripped(raw, "endpoint"),
                api == null ? ApiStyle.DEFAULT.wireName() : api,
                stripped(raw, "model"),
                params);
    }

    private static String stripped(Map<?, ?> raw, String key) {
        return raw.get(key) instanceof String s ? s.strip() : null;
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
}

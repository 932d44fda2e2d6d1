package dev.overton.icl.orchestration;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.files.FileRefusedException;
import dev.overton.contracts.files.FileSandbox;
import dev.overton.contracts.json.EventJson;
import dev.overton.contracts.spec.ExampleSelection;
import dev.overton.contracts.spec.HintMode;
import dev.overton.icl.hints.Summarizer;
import dev.overton.icl.prompts.CharEstimateTokenCounter;
import dev.overton.icl.prompts.IclExample;
import dev.overton.icl.prompts.PromptBuild;
import dev.overton.icl.prompts.PromptTemplate;
import dev.overton.icl.prompts.ShippedPrompts;
import dev.overton.icl.prompts.UrialPromptBuilder;
import dev.overton.icl.selection.ExampleSelector;
import dev.overton.icl.selection.FixedSelector;
import dev.overton.icl.selection.NearestNeighbourSelector;
import dev.overton.icl.selection.RandomSelector;
import dev.overton.icl.selection.TextEmbedder;

/**
 * Builds the generation requests of one in-context variant of a run, once its inputs are there: for each prompt, the
 * examples (from the teacher pool — the reference's sample 0 answers to the <em>other</em> prompts — or the variant's
 * own pool), the hint, and the prompt within the context budget. Plain Java: the service loads the inputs, calls this
 * on a worker thread, stores and sends the result.
 */
public final class IclRunBuilder {

    /** The stop string of self-summary prompts: the model writes summary and answer, and stops at the next query. */
    public static final String SELF_SUMMARY_STOP = "# Query:";

    private static final String FENCE = "```";

    private IclRunBuilder() {}

    /**
     * What the builder needs about the run.
     *
     * @param runId the run
     * @param prompts every prompt of the run, in order
     * @param teacherAnswers per prompt id, the reference's sample 0 (prompts whose set failed are absent)
     * @param summaries per prompt id, the summary of the reference's answer from {@code summaries_from} or from the
     *     summarizer model (absent when that failed, or is not used)
     * @param summaryFailures per prompt id, why the summarizer model gave no summary (absent when it did, or is not
     *     used)
     * @param embedder for nearest-neighbour selection
     * @param summarizer for summaries when neither {@code summaries_from} nor a summarizer model is given
     * @param files reads a template, instruction or pool file named in the options
     */
    public record Inputs(
            String runId,
            List<Prompt> prompts,
            Map<String, String> teacherAnswers,
            Map<String, String> summaries,
            Map<String, String> summaryFailures,
            TextEmbedder embedder,
            Summarizer summarizer,
            UnaryOperator<String> files) {

        /** Inputs without summarizer-model failures (offline summaries or {@code summaries_from}). */
        public Inputs(
                String runId,
                List<Prompt> prompts,
                Map<String, String> teacherAnswers,
                Map<String, String> summaries,
                TextEmbedder embedder,
                Summarizer summarizer,
                UnaryOperator<String> files) {
            this(runId, prompts, teacherAnswers, summaries, Map.of(), embedder, summarizer, files);
        }
    }

    /**
     * The outcome for one (prompt, variant).
     *
     * @param promptId the prompt
     * @param variant the in-context variant
     * @param request the request to send, or {@code null} when the prompt could not be built
     * @param failure why not, or {@code null}
     * @param examples the sources of the examples in the prompt
     * @param dropped the sources of the examples dropped to fit the budget
     * @param promptTokens the prompt's estimated tokens
     * @param summary the test query's summary hint, or {@code null} (no summary hint, or none available)
     * @param summarySource where the summary hint comes from ({@code model:<id>}, {@code variant:<name>} or the offline
     *     summarizer's description), or {@code null} without a summary hint
     * @param selection how the examples were chosen (mode, embedder, seed, pool size), or {@code null} when the
     *     variant could not be set up
     */
    public record Planned(
            String promptId,
            String variant,
            GenerationRequest request,
            String failure,
            List<String> examples,
            List<String> dropped,
            int promptTokens,
            String summary,
            String summarySource,
            String selection) {

        /** A prompt that fails before anything is built (e.g. the variant's files cannot be read). */
        public static Planned failed(String promptId, String variant, String failure) {
            return new Planned(promptId, variant, null, failure, List.of(), List.of(), 0, null, null, null);
        }
    }

    /**
     * Builds the requests of {@code settings} for every prompt not in {@code done}.
     *
     * @throws IllegalArgumentException when the variant's template, instruction or pool cannot be read (the whole
     *     variant fails; the message says which file)
     */
    public static List<Planned> build(IclSettings settings, Inputs in, Set<String> done, Instant now) {
        UrialPromptBuilder builder = new UrialPromptBuilder(
                template(settings, in.files()),
                instruction(settings, in.files()),
                new CharEstimateTokenCounter(settings.charsPerToken()));
        Function<String, String> summaryOf = summaries(settings, in);
        List<IclExample> pool = pool(settings, in, summaryOf);
        ExampleSelector selector = selector(settings, in, pool);
        List<Planned> planned = new ArrayList<>();
        for (Prompt prompt : in.prompts()) {
            if (done.contains(prompt.id())) {
                continue;
            }
            planned.add(buildOne(settings, in, builder, selector, summaryOf, prompt, now));
        }
        return planned;
    }

    /**
     * Where the test query's summary hint comes from: {@code model:<id>} (a summarizer model), {@code variant:<name>}
     * ({@code summaries_from}) or the offline summarizer's description; {@code null} without a summary hint.
     */
    public static String summarySource(IclSettings settings, Summarizer offline) {
        if (settings.hint() != HintMode.SUMMARY) {
            return null;
        }
        if (settings.summarizer() != null) {
            return "model:" + settings.summarizer().id();
        }
        return settings.summariesFrom() != null ? "variant:" + settings.summariesFrom() : offline.describe();
    }

    private static Planned buildOne(
            IclSettings settings,
            Inputs in,
            UrialPromptBuilder builder,
            ExampleSelector selector,
            Function<String, String> summaryOf,
            Prompt prompt,
            Instant now) {
        String query = prompt.userText();
        String summary = null;
        String source = summarySource(settings, in.summarizer());
        if (settings.hint() == HintMode.SUMMARY) {
            summary = summaryOf.apply(prompt.id());
            if (summary == null || summary.isBlank()) {
                String why = missingSummary(settings, in, prompt.id());
                return new Planned(
                        prompt.id(),
                        settings.name(),
                        null,
                        why,
                        List.of(),
                        List.of(),
                        0,
                        null,
                        source,
                        selector.describe());
            }
        }
        List<IclExample> ranked = selector.select(prompt.id(), query, settings.k());
        PromptBuild build =
                builder.build(ranked, query, prompt.messages(), settings.hint(), summary, settings.budget());
        List<String> used = build.examples().stream().map(IclExample::source).toList();
        List<String> dropped = build.dropped().stream().map(IclExample::source).toList();
        GenerationRequest request = build.ok()
                ? new GenerationRequest(
                        SchemaVersions.V1, in.runId(), prompt, variant(settings), false, now, build.prompt())
                : null;
        return new Planned(
                prompt.id(),
                settings.name(),
                request,
                build.failure(),
                used,
                dropped,
                build.promptTokens(),
                summary,
                source,
                selector.describe());
    }

    private static String missingSummary(IclSettings settings, Inputs in, String promptId) {
        if (settings.summarizer() != null) {
            String failure = in.summaryFailures().get(promptId);
            if (failure != null) {
                return "summary hint failed: summarizer "
                        + settings.summarizer().id() + ": " + failure;
            }
        } else if (settings.summariesFrom() != null) {
            return "variant '" + settings.summariesFrom() + "' has no summary for this prompt";
        }
        if (in.teacherAnswers().get(promptId) == null) {
            return "the reference's set for this prompt failed or is empty: no answer to summarize";
        }
        return settings.summarizer() != null
                ? "no summary from summarizer " + settings.summarizer().id() + " for this prompt"
                : "the offline summary of the reference's answer is empty";
    }

    /**
     * The variant sent to the generator: the base variant's backend, model and parameters under the in-context
     * variant's name and N, with {@code api = completions}, {@code max_tokens} = the budget's max new tokens, and the
     * stop string the prompt shape needs (the closing fence; {@value #SELF_SUMMARY_STOP} for self-summary).
     */
    static VariantSpec variant(IclSettings settings) {
        VariantSpec base = settings.base();
        Map<String, Object> params = new LinkedHashMap<>(base.params() == null ? Map.of() : base.params());
        params.put("max_tokens", settings.budget().maxNewTokens());
        if (settings.hint() == HintMode.SELF_SUMMARY) {
            params.put("stop", List.of(SELF_SUMMARY_STOP));
        } else {
            params.putIfAbsent("stop", List.of(FENCE));
        }
        return new VariantSpec(
                settings.name(),
                base.backend(),
                base.model(),
                base.source(),
                base.endpoint(),
                "completions",
                settings.samples(),
                params);
    }

    private static PromptTemplate template(IclSettings settings, UnaryOperator<String> files) {
        return settings.template() == null
                ? ShippedPrompts.template()
                : PromptTemplate.of(settings.template(), files.apply(settings.template()));
    }

    private static String instruction(IclSettings settings, UnaryOperator<String> files) {
        if (settings.instruction() != null) {
            return settings.instruction();
        }
        if (settings.instructionFile() != null) {
            return files.apply(settings.instructionFile());
        }
        return ShippedPrompts.instruction(settings.hint());
    }

    private static Function<String, String> summaries(IclSettings settings, Inputs in) {
        if (settings.summariesFrom() != null || settings.summarizer() != null) {
            return in.summaries()::get;
        }
        Map<String, String> queries = new LinkedHashMap<>();
        in.prompts().forEach(p -> queries.put(p.id(), p.userText()));
        Map<String, String> cache = new LinkedHashMap<>();
        return id -> {
            String answer = in.teacherAnswers().get(id);
            return answer == null
                    ? null
                    : cache.computeIfAbsent(id, x -> in.summarizer().summarize(queries.get(x), answer));
        };
    }

    private static List<IclExample> pool(IclSettings settings, Inputs in, Function<String, String> summaryOf) {
        List<IclExample> own = settings.pool();
        if (own == null && settings.poolFile() != null) {
            own = readPool(settings.poolFile(), in.files());
        }
        if (own != null) {
            return withSummaries(own, settings, in);
        }
        if (settings.selection() == ExampleSelection.FIXED) {
            return ShippedPrompts.examples();
        }
        List<IclExample> teacher = new ArrayList<>();
        for (Prompt p : in.prompts()) {
            String answer = in.teacherAnswers().get(p.id());
            if (answer != null && !answer.isBlank() && !p.userText().isBlank()) {
                String summary = settings.hint().examplesHaveSummaries() ? summaryOf.apply(p.id()) : null;
                if (settings.hint().examplesHaveSummaries() && (summary == null || summary.isBlank())) {
                    continue; // an example without its summary would break the prompt's shape: leave it out
                }
                teacher.add(new IclExample(p.id(), p.userText(), answer, summary));
            }
        }
        return teacher;
    }

    private static List<IclExample> withSummaries(List<IclExample> pool, IclSettings settings, Inputs in) {
        if (!settings.hint().examplesHaveSummaries()) {
            return pool;
        }
        return pool.stream()
                .map(e -> e.summary() != null && !e.summary().isBlank()
                        ? e
                        : e.withSummary(in.summarizer().summarize(e.query(), e.answer())))
                .toList();
    }

    private static List<IclExample> readPool(String path, UnaryOperator<String> files) {
        try {
            List<Map<String, String>> raw =
                    EventJson.mapper().readValue(files.apply(path), new TypeReference<List<Map<String, String>>>() {});
            List<IclExample> pool = new ArrayList<>();
            for (int i = 0; i < raw.size(); i++) {
                Map<String, String> m = raw.get(i);
                pool.add(new IclExample("pool:" + i, m.get("query"), m.get("answer"), m.get("summary")));
            }
            return pool;
        } catch (IOException e) {
            // By position only: the parser's message would quote the file.
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? " (line " + j.getLocation().getLineNr() + ", column "
                            + j.getLocation().getColumnNr() + ")"
                    : "";
            throw new IllegalArgumentException(
                    "pool_file " + path + " is not a JSON list of {query, answer, summary?}" + where, e);
        }
    }

    private static ExampleSelector selector(IclSettings settings, Inputs in, List<IclExample> pool) {
        return switch (settings.selection()) {
            case FIXED -> new FixedSelector(pool);
            case RANDOM -> new RandomSelector(pool, settings.seed());
            case KNN_PROMPT -> {
                Map<String, String> keys = new LinkedHashMap<>();
                in.prompts().forEach(p -> keys.put(p.id(), p.userText()));
                yield new NearestNeighbourSelector(
                        pool, IclExample::query, keys, in.embedder(), ExampleSelection.KNN_PROMPT);
            }
            case KNN_RESPONSE -> {
                // The prompt is represented by the teacher's answer to it; without one, by its query.
                Map<String, String> keys = new LinkedHashMap<>();
                in.prompts().forEach(p -> keys.put(p.id(), in.teacherAnswers().getOrDefault(p.id(), p.userText())));
                yield new NearestNeighbourSelector(
                        pool, IclExample::answer, keys, in.embedder(), ExampleSelection.KNN_RESPONSE);
            }
        };
    }

    /**
     * Reads a file named in the run spec as UTF-8 text through the folder policy, failing with a message that names it
     * and the fix, never its content (for {@link Inputs#files()}).
     */
    public static String readFile(FileSandbox files, String path) {
        try {
            return files.readString(path);
        } catch (FileRefusedException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}

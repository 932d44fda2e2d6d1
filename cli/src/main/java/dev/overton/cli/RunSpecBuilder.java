package dev.overton.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.overton.contracts.DatasetSpec;
import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.contracts.spec.ApiStyle;
import dev.overton.contracts.spec.BackendNames;
import dev.overton.contracts.spec.ExampleSelection;
import dev.overton.contracts.spec.HintMode;
import dev.overton.contracts.spec.SpecLimits;

/**
 * Builds the run spec of {@code overton run} for the generator's {@code POST /runs} (docs/api.md): a base and an
 * aligned variant (the reference), optionally in-context variants of the base, from the command line's options. Local
 * files are checked here, so that a typo is reported against its option before anything is submitted (exit 4); the
 * generator validates the rest and its 400 names the spec's fields. Plain Java, no I/O but file checks.
 *
 * <p>Paths are sent absolute: the generator runs on the same machine when started by {@code bin/overton} (it reads
 * the dataset and replay files itself).
 */
public final class RunSpecBuilder {

    /** The in-context variant kinds {@code --icl} accepts, and what each asks icl-service for. */
    public enum IclKind {
        /** URIAL: the first K examples of a fixed list. */
        FIXED("fixed", ExampleSelection.FIXED, HintMode.NONE),
        /** K examples drawn at random from the aligned model's answers. */
        RANDOM("random", ExampleSelection.RANDOM, HintMode.NONE),
        /** The K examples whose prompts are nearest to the test prompt. */
        KNN("knn", ExampleSelection.KNN_PROMPT, HintMode.NONE),
        /** The K examples whose aligned answers are nearest to the aligned answer to the test prompt. */
        KNN_RESPONSE("knn-response", ExampleSelection.KNN_RESPONSE, HintMode.NONE),
        /** Fixed examples plus a summary of the aligned model's answer to the test prompt. */
        SUMMARY("summary", ExampleSelection.FIXED, HintMode.SUMMARY),
        /** Fixed examples with summaries; the model writes its own summary first. */
        SELF_SUMMARY("self-summary", ExampleSelection.FIXED, HintMode.SELF_SUMMARY);

        private final String option;
        private final ExampleSelection examples;
        private final HintMode hint;

        IclKind(String option, ExampleSelection examples, HintMode hint) {
            this.option = option;
            this.examples = examples;
            this.hint = hint;
        }

        /** The value of {@code --icl}. */
        public String option() {
            return option;
        }

        /** The kind named {@code name}, or {@code null}. */
        public static IclKind of(String name) {
            for (IclKind k : values()) {
                if (k.option.equalsIgnoreCase(name.strip())) {
                    return k;
                }
            }
            return null;
        }

        /** The accepted names, for messages. */
        public static String names() {
            return String.join(
                    ", ", java.util.Arrays.stream(values()).map(IclKind::option).toList());
        }
    }

    /** Examples per in-context prompt, as in the paper. */
    public static final int ICL_EXAMPLES = SpecLimits.DEFAULT_K;

    private String name;
    private Path dataset;
    private ModelRef base;
    private ModelRef aligned;
    private String baseName;
    private String alignedName;
    private Path replayBase;
    private Path replayAligned;
    private int samples = SpecLimits.DEFAULT_SAMPLES;
    private final List<IclKind> icl = new ArrayList<>();
    private final Map<String, Object> params = new LinkedHashMap<>();
    private List<String> measures = List.of();

    /** The run's name; default: "base vs aligned". */
    public RunSpecBuilder name(String name) {
        this.name = name;
        return this;
    }

    public RunSpecBuilder dataset(Path dataset) {
        this.dataset = dataset;
        return this;
    }

    public RunSpecBuilder base(ModelRef base, String name, Path replay) {
        this.base = base;
        this.baseName = name;
        this.replayBase = replay;
        return this;
    }

    public RunSpecBuilder aligned(ModelRef aligned, String name, Path replay) {
        this.aligned = aligned;
        this.alignedName = name;
        this.replayAligned = replay;
        return this;
    }

    /** The measure groups the scorer computes (wire names of {@code MeasureGroup}); empty: every group. */
    public RunSpecBuilder measures(List<String> groups) {
        this.measures = List.copyOf(groups);
        return this;
    }

    /** N, the responses drawn per prompt and variant. */
    public RunSpecBuilder samples(int samples) {
        this.samples = samples;
        return this;
    }

    public RunSpecBuilder icl(List<IclKind> kinds) {
        kinds.stream().filter(k -> !icl.contains(k)).forEach(icl::add);
        return this;
    }

    /** A sampling parameter for both variants (e.g. {@code temperature}). */
    public RunSpecBuilder param(String key, Object value) {
        if (value != null) {
            params.put(key, value);
        }
        return this;
    }

    /**
     * The spec.
     *
     * @throws CliException (bad input) naming the option that is wrong
     */
    public RunSpec build() {
        Path data = existing(dataset, "--dataset", "a JSONL file of {\"messages\":[...]} lines");
        String b = variantName(baseName, base, "base");
        String a = variantName(alignedName, aligned, "aligned");
        if (a.equals(b)) {
            b = b + "-base";
            a = a + "-aligned";
        }
        VariantSpec baseVariant =
                variant(b, base, replayBase, "--base", "--replay-base", ApiStyle.COMPLETIONS.wireName());
        VariantSpec alignedVariant =
                variant(a, aligned, replayAligned, "--aligned", "--replay-aligned", ApiStyle.CHAT.wireName());
        List<IclVariantSpec> iclVariants = new ArrayList<>();
        for (IclKind kind : icl) {
            iclVariants.add(new IclVariantSpec(
                    b + "-icl-" + kind.option(),
                    b,
                    kind.examples.wireName(),
                    ICL_EXAMPLES,
                    kind.hint.wireName(),
                    0,
                    Map.of()));
        }
        String runName = name == null || name.isBlank() ? b + " vs " + a : name;
        return new RunSpec(
                runName,
                new DatasetSpec(data.toString(), null),
                a,
                List.of(baseVariant, alignedVariant),
                iclVariants,
                null,
                null,
                measures.isEmpty() ? null : measures);
    }

    /** The spec as the JSON body of {@code POST /runs}. */
    public String json() {
        return EventJson.write(build());
    }

    private VariantSpec variant(
            String variantName, ModelRef model, Path replay, String option, String replayOption, String api) {
        if (model == null) {
            throw CliException.badInput(option + " is required: " + ModelRef.FORM);
        }
        String source = null;
        if (BackendNames.replays(model.backend())) {
            if (replay == null) {
                throw CliException.badInput(replayOption + " is required when " + option
                        + " uses the replay backend: the released samples.jsonl to answer from");
            }
            source = existing(replay, replayOption, "a released samples.jsonl").toString();
        } else if (replay != null) {
            throw CliException.badInput(replayOption + " applies to the replay backend only, but " + option + " uses '"
                    + model.backend() + "'; remove it or use " + option.substring(2) + " replay:MODEL");
        }
        String endpoint = model.endpoint();
        String variantApi = null;
        if (model.backend().equals(BackendNames.OPENAI)) {
            if (endpoint == null) {
                throw CliException.badInput(option + " uses the openai backend, which needs the server's URL:"
                        + " openai:" + model.model() + "@http://HOST:PORT/v1");
            }
            variantApi = api;
        }
        return new VariantSpec(
                variantName,
                model.backend(),
                model.model(),
                source,
                endpoint,
                variantApi,
                samples,
                new LinkedHashMap<>(params));
    }

    private static Path existing(Path file, String option, String what) {
        if (file == null) {
            throw CliException.badInput(option + " is required: " + what);
        }
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute) || !Files.isReadable(absolute)) {
            throw CliException.badInput(option + ": no readable file at " + absolute + " (give " + what + ")");
        }
        return absolute;
    }

    /**
     * The variant's name: given, else the model's last path segment with anything but letters, digits, {@code .},
     * {@code _} and {@code -} replaced, else {@code fallback}.
     */
    static String variantName(String given, ModelRef model, String fallback) {
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        if (model == null) {
            return fallback;
        }
        String m = model.model();
        String last = m.substring(m.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "-");
        last = last.replaceAll("^[^A-Za-z0-9]+", "");
        if (last.length() > SpecLimits.VARIANT_NAME_LENGTH) {
            last = last.substring(0, SpecLimits.VARIANT_NAME_LENGTH);
        }
        return last.isEmpty() ? fallback : last;
    }
}

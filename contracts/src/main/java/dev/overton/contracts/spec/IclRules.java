package dev.overton.contracts.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;

/**
 * The one check of a run's in-context entries ({@code icl[]}), used by the generator at {@code POST /runs} and by
 * icl-service on the specs it consumes, so both refuse the same entries with the same field and message. docs/icl.md
 * describes every field and option.
 */
public final class IclRules {

    /** The fields of an icl entry. */
    public static final Set<String> FIELDS = Set.of("name", "base", "examples", "k", "hint", "samples", "options");

    /** The options of an icl entry ({@code icl[].options}). */
    public static final Set<String> OPTIONS = Set.of(
            "seed",
            "context_window",
            "max_new_tokens",
            "min_examples",
            "chars_per_token",
            "template",
            "instruction",
            "instruction_file",
            "pool",
            "pool_file",
            "summaries_from",
            "summarizer");

    /** Keys of an explicit {@code summarizer} object. */
    public static final Set<String> SUMMARIZER_KEYS = Set.of("backend", "endpoint", "api", "model", "params");

    /** Params a summarizer may not set: Overton sends one completion of its own prompt. */
    public static final Set<String> SUMMARIZER_RESERVED_PARAMS = Set.of("model", "messages", "prompt", "n", "stream");

    /** Seed of random selection unless the entry gives one. */
    public static final long DEFAULT_SEED = 20240625L;

    /** Context window unless the entry gives one. */
    public static final int DEFAULT_CONTEXT_WINDOW = 4096;

    /** Max new tokens when neither the entry nor its base variant says. */
    public static final int DEFAULT_MAX_NEW_TOKENS = 700;

    /** Characters per token of the token estimate unless the entry gives a ratio. */
    public static final double DEFAULT_CHARS_PER_TOKEN = 4.0;

    private static final int MAX_CONTEXT_WINDOW = 10_000_000;

    private IclRules() {}

    /**
     * Checks every entry of {@code icl} against the run's {@code variants}.
     *
     * @param node the {@code icl} list, or {@code null}
     * @return the entries with defaults applied, one per entry that is an object (valid or not)
     */
    public static List<IclVariantSpec> checkAll(JsonNode node, List<VariantSpec> variants, List<FieldError> errors) {
        List<IclVariantSpec> icl = new ArrayList<>();
        if (node == null || node.isNull()) {
            return icl;
        }
        if (!node.isArray()) {
            errors.add(new FieldError("icl", "must be a list of in-context variants"));
            return icl;
        }
        if (!SpecFields.withinCount(node, "icl", SpecLimits.ICL_ENTRIES, "entries", errors)) {
            return icl;
        }
        Set<String> icls = new java.util.HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            IclVariantSpec spec = check(node.get(i), "icl[" + i + "]", variants, icls, errors);
            if (spec != null) {
                icl.add(spec);
            }
        }
        return icl;
    }

    /**
     * Checks one entry.
     *
     * @param taken names of the entries before this one; its own name is added
     * @return the entry with defaults applied, or {@code null} when it is not an object
     */
    public static IclVariantSpec check(
            JsonNode v, String at, List<VariantSpec> variants, Set<String> taken, List<FieldError> errors) {
        if (v == null || !v.isObject()) {
            errors.add(new FieldError(at, "must be an object with name, base, examples, k, hint"));
            return null;
        }
        SpecJson.refuseUnknownFields(v, at, FIELDS, errors);
        String name = SpecFields.name(v, "name", at + ".name", true, SpecLimits.VARIANT_NAME_LENGTH, errors);
        if (name != null && !SpecText.VARIANT_NAME.matcher(name).matches()) {
            errors.add(new FieldError(at + ".name", SpecText.VARIANT_NAME_RULE));
        } else if (name != null && variant(variants, name) != null) {
            errors.add(new FieldError(
                    at + ".name", "'" + name + "' is already a variant of this run; choose a unique name"));
        } else if (name != null && !taken.add(name)) {
            errors.add(new FieldError(
                    at + ".name", "repeats '" + name + "'; names must be unique among variants and icl entries"));
        }
        String base = SpecFields.name(v, "base", at + ".base", true, SpecLimits.VARIANT_NAME_LENGTH, errors);
        VariantSpec baseVariant = base == null ? null : variant(variants, base);
        if (base != null && baseVariant == null) {
            errors.add(new FieldError(
                    at + ".base", "names no variant of this run ('" + base + "'); use one of " + names(variants)));
        } else if (baseVariant != null
                && !BackendNames.replays(baseVariant.backend())
                && !ApiStyle.COMPLETIONS.wireName().equals(baseVariant.api())) {
            errors.add(new FieldError(
                    at + ".base",
                    "variant '" + base + "' uses the chat API; in-context prompts are raw text, so the base variant"
                            + " needs \"api\": \"completions\""));
        }
        String examples = SpecFields.name(v, "examples", at + ".examples", false, SpecLimits.LABEL_LENGTH, errors);
        if (examples == null) {
            examples = ExampleSelection.DEFAULT.wireName();
        } else if (ExampleSelection.find(examples).isEmpty()) {
            errors.add(new FieldError(at + ".examples", "must be one of " + ExampleSelection.wireNames()));
        }
        int k = SpecFields.whole(
                v,
                "k",
                at + ".k",
                0,
                SpecLimits.MAX_K,
                SpecLimits.DEFAULT_K,
                "must be a whole number from 0 to " + SpecLimits.MAX_K + " (the paper uses 3)",
                errors);
        String hint = SpecFields.name(v, "hint", at + ".hint", false, SpecLimits.LABEL_LENGTH, errors);
        HintMode hintMode = HintMode.NONE;
        if (hint == null) {
            hint = HintMode.NONE.wireName();
        } else if (HintMode.find(hint).isEmpty()) {
            errors.add(new FieldError(at + ".hint", "must be one of " + HintMode.wireNames()));
            hintMode = null;
        } else {
            hintMode = HintMode.find(hint).get();
        }
        int samples = SpecFields.whole(
                v,
                "samples",
                at + ".samples",
                0,
                SpecLimits.MAX_SAMPLES,
                0,
                "must be a whole number from 1 to " + SpecLimits.MAX_SAMPLES + ", or 0 for the base variant's N",
                errors);
        Map<String, Object> options = new LinkedHashMap<>();
        JsonNode optionsNode = v.get("options");
        if (optionsNode != null && !optionsNode.isNull()) {
            if (!optionsNode.isObject()) {
                errors.add(new FieldError(at + ".options", "must be an object"));
            } else {
                int before = errors.size();
                new IclOptionRules(at + ".options", optionsNode, variants, baseVariant, hintMode, errors).check();
                if (errors.size() == before) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> converted = EventJson.mapper().convertValue(optionsNode, Map.class);
                    options.putAll(converted);
                }
            }
        } else {
            new IclOptionRules(
                            at + ".options",
                            EventJson.mapper().createObjectNode(),
                            variants,
                            baseVariant,
                            hintMode,
                            errors)
                    .check();
        }
        return new IclVariantSpec(name, base, examples, k, hint, samples, options);
    }

    static VariantSpec variant(List<VariantSpec> variants, String name) {
        return variants.stream().filter(b -> name.equals(b.name())).findFirst().orElse(null);
    }

    static List<String> names(List<VariantSpec> variants) {
        return variants.stream().map(VariantSpec::name).toList();
    }

    static String sortedKeys(Set<String> keys) {
        return String.join(", ", new TreeSet<>(keys));
    }
}

package dev.overton.icl.planning;

import java.util.List;

import dev.overton.contracts.RunSpec;
import dev.overton.contracts.VariantSpec;

/**
 * Decides what icl-service would do for a run. In this version it only describes the plan; building in-context
 * prompts and the recovery verdict come later. A variant counts as in-context when its backend is {@code icl}, i.e. it
 * asks this service to build its prompts from the reference variant's answers.
 */
public final class IclPlanner {

    /** The backend name of variants whose prompts this service builds. */
    public static final String ICL_BACKEND = "icl";

    private IclPlanner() {}

    /** The names of the run's in-context variants. */
    public static List<String> iclVariants(RunSpec spec) {
        return spec.variants().stream()
                .filter(v -> ICL_BACKEND.equals(v.backend()))
                .map(VariantSpec::name)
                .toList();
    }

    /** A one-line description of what the service would do for the run. */
    public static String describe(RunSpec spec, int promptCount) {
        List<String> icl = iclVariants(spec);
        List<String> others = spec.variants().stream()
                .map(VariantSpec::name)
                .filter(n -> !n.equals(spec.reference()))
                .toList();
        String recovery = "compare " + others + " against reference '" + spec.reference() + "' (recovery verdict)";
        if (icl.isEmpty()) {
            return "no in-context variants to build; would " + recovery;
        }
        return "would wait for " + promptCount + " teacher sets of '" + spec.reference()
                + "', then build in-context prompts for " + icl + "; would " + recovery;
    }
}

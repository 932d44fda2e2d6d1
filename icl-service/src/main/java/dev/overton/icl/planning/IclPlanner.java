package dev.overton.icl.planning;

import java.util.List;

import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.VariantSpec;
import dev.overton.icl.orchestration.IclSettings;

/**
 * Describes, in one line, what icl-service will do for a run: which in-context variants it builds once their inputs
 * arrive, and which variants the recovery verdict compares with the reference.
 */
public final class IclPlanner {

    private IclPlanner() {}

    /** The names of the run's in-context variants. */
    public static List<String> iclVariants(RunSpec spec) {
        return spec.icl().stream().map(IclVariantSpec::name).toList();
    }

    /** A one-line description of what the service will do for the run. */
    public static String describe(RunSpec spec, int promptCount) {
        List<String> compared = new java.util.ArrayList<>(
                spec.variants() == null
                        ? List.of()
                        : spec.variants().stream()
                                .map(VariantSpec::name)
                                .filter(n -> !n.equals(spec.reference()))
                                .toList());
        compared.addAll(iclVariants(spec));
        String recovery = "compare " + compared + " against reference '" + spec.reference() + "' (recovery verdict)";
        if (spec.icl().isEmpty()) {
            return "no in-context variants to build; will " + recovery;
        }
        IclSettings.Parsed parsed = IclSettings.parse(spec);
        List<String> valid = parsed.settings().stream().map(IclSettings::name).toList();
        String invalid = parsed.problems().isEmpty()
                ? ""
                : "; " + parsed.problems().size() + " problem(s) in icl entries, see iclProblems";
        return "will build in-context prompts for " + valid + " from " + promptCount + " prompts once their inputs"
                + " arrive (reference '" + spec.reference() + "' answers as teacher); will " + recovery + invalid;
    }
}

package dev.overton.scorer.catalog;

/**
 * How a run is named wherever a page shows it (report, prompt pages, comparison, runs page): its name and its optional
 * free-text label (e.g. the model version) from the run spec, as the scorer received them on {@code runs}. Both are
 * {@code null} for a run whose record has not reached the scorer (yet); the pages then show the id alone.
 *
 * @param name the run's name, or {@code null}
 * @param label the run's label, or {@code null} when it has none
 */
public record RunTitle(String name, String label) {

    /** A run the catalog does not know (yet). */
    public static final RunTitle UNKNOWN = new RunTitle(null, null);

    public RunTitle {
        label = label == null || label.isEmpty() ? null : label;
    }
}

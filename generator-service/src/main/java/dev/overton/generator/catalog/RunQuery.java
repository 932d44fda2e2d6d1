package dev.overton.generator.catalog;

/**
 * A checked {@code GET /runs} query.
 *
 * @param name substring of the run name (case-insensitive), or {@code null}
 * @param status only runs in this status, or {@code null}
 * @param label exact label, or {@code null}
 * @param monitor only the windows of the monitor with this id, or {@code null}
 * @param limit page size, 1 to {@value #MAX_LIMIT}
 * @param after the position to list before (from the cursor), or {@code null} for the first page
 */
public record RunQuery(String name, RunStatus status, String label, String monitor, int limit, CatalogCursor after) {

    /** Page size when none is asked for. */
    public static final int DEFAULT_LIMIT = 50;

    /** Largest page size. */
    public static final int MAX_LIMIT = 500;

    /** Longest filter text accepted. */
    static final int MAX_FILTER_LENGTH = 200;

    /**
     * Checks the raw query parameters.
     *
     * @throws CatalogParameterException naming the first bad parameter
     */
    public static RunQuery of(String name, String status, String label, String monitor, String limit, String cursor) {
        RunStatus wanted = null;
        if (status != null && !status.isEmpty()) {
            wanted = RunStatus.ofApiName(status)
                    .orElseThrow(() -> new CatalogParameterException(
                            "status",
                            "is not a run status; use one of accepted, generating, scoring, complete, deleting"));
        }
        int size = DEFAULT_LIMIT;
        if (limit != null && !limit.isEmpty()) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                throw new CatalogParameterException(
                        "limit", "must be a whole number from 1 to " + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")");
            }
        }
        return new RunQuery(
                filter("name", name),
                wanted,
                filter("label", label),
                filter("monitor", monitor),
                size,
                cursor == null || cursor.isEmpty() ? null : CatalogCursor.decode(cursor));
    }

    private static String filter(String parameter, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_FILTER_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw new CatalogParameterException(
                    parameter, "must be at most " + MAX_FILTER_LENGTH + " characters of plain text");
        }
        return value;
    }
}

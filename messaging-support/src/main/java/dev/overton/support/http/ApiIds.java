package dev.overton.support.http;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shape of every id a client puts in a URL path (run ids, prompt ids): 1 to 128 characters, letters, digits,
 * {@code .}, {@code _}, {@code :}, {@code -}, starting with a letter or digit, never {@code ..}. Run ids are UUIDs
 * and prompt ids follow the run spec's pattern, so no stored id is refused; what this keeps out of queries, logs and
 * links is NUL and other control characters, path segments ({@code ../}) and 10,000-character strings. Checked at the
 * HTTP edge so that such an id gets a 400 problem instead of a database error.
 */
public final class ApiIds {

    /** The pattern an id must match in full. */
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    /** What a refused id is told, without echoing it. */
    public static final String RULE = "must be 1 to 128 characters of letters, digits, '.', '_', ':' or '-', starting"
            + " with a letter or digit and without '..'";

    private ApiIds() {}

    /** Empty when {@code id} is a valid id, else the message saying why not (never echoing the id). */
    public static Optional<String> problem(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.of("is required and " + RULE);
        }
        if (id.length() > 128) {
            return Optional.of("is " + id.length() + " characters long and " + RULE);
        }
        if (!PATTERN.matcher(id).matches() || id.contains("..")) {
            return Optional.of(RULE);
        }
        return Optional.empty();
    }
}

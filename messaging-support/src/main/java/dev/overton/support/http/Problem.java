package dev.overton.support.http;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem body ({@code application/problem+json}), the one error shape of every Overton service. Its
 * {@code type} is always {@link #TYPE_BASE} followed by a slug that names the kind of problem ({@code not-found},
 * {@code invalid-parameter}, {@code method-not-allowed}, ...), the same scheme in all three services, so a client can
 * switch on it; {@code errors} (one entry per bad field) is present only where fields are to blame. docs/api.md lists
 * the slugs.
 *
 * @param type {@link #TYPE_BASE} + slug
 * @param title short, fixed per type
 * @param status the HTTP status
 * @param detail what went wrong with this request and how to fix it; never a stack trace
 * @param errors the bad fields, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    /** Media type of problem bodies. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** Every problem {@code type} starts with this. */
    public static final String TYPE_BASE = "https://overton.dev/problems/";

    /**
     * One bad field of a request.
     *
     * @param field the field, path or query parameter (e.g. {@code variants[0].name}, {@code id})
     * @param message what is wrong and what is allowed
     */
    public record FieldError(String field, String message) {}

    /** A problem of kind {@code slug} without field errors. */
    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null);
    }

    /** A problem of kind {@code slug} whose {@code errors} name the bad fields. */
    public static Problem of(String slug, String title, int status, String detail, List<FieldError> errors) {
        return new Problem(TYPE_BASE + slug, title, status, detail, List.copyOf(errors));
    }

    /** A 400 {@code invalid-parameter} problem for one bad request parameter. */
    public static Problem invalidParameter(String parameter, String message) {
        return invalidParameter("Invalid parameter", parameter, message);
    }

    /** A 400 {@code invalid-parameter} problem for one bad request parameter, with its own {@code title}. */
    public static Problem invalidParameter(String title, String parameter, String message) {
        return of(
                "invalid-parameter",
                title,
                400,
                parameter + " " + message,
                List.of(new FieldError(parameter, message)));
    }

    /** A 401 {@code unauthorized} problem. */
    public static Problem unauthorized(String detail) {
        return of("unauthorized", "Unauthorized", 401, detail);
    }

    /** A 404 {@code not-found} problem. */
    public static Problem notFound(String detail) {
        return of("not-found", "Not found", 404, detail);
    }

    /**
     * The problem for an HTTP status the framework answers on its own (unknown path, method not allowed, body too
     * large, unsupported media type, ...), with {@code detail}.
     */
    public static Problem forStatus(int status, String detail) {
        return switch (status) {
            case 400 -> of("bad-request", "Bad request", status, detail);
            case 401 -> unauthorized(detail);
            case 403 -> of("forbidden", "Forbidden", status, detail);
            case 404 -> notFound(detail);
            case 405 -> of("method-not-allowed", "Method not allowed", status, detail);
            case 406 -> of("not-acceptable", "Not acceptable", status, detail);
            case 413 -> of("body-too-large", "Body too large", status, detail);
            case 414 -> of("uri-too-long", "URI too long", status, detail);
            case 415 -> of("unsupported-media-type", "Unsupported media type", status, detail);
            case 500 -> of("internal-error", "Internal error", status, detail);
            case 503 -> of("unavailable", "Service unavailable", status, detail);
            default -> of("http-" + status, "HTTP " + status, status, detail);
        };
    }
}

package dev.overton.scorer.compare.rest;

import java.util.List;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.overton.scorer.compare.CompareProblem;

/** Turns a {@link CompareProblem} into an RFC 9457 problem body naming the query parameter at fault. */
public class CompareProblems {

    /**
     * The problem body.
     *
     * @param title short summary
     * @param status the HTTP status
     * @param detail what is wrong and how to fix it
     * @param errors the parameter at fault, as {@code field} and {@code message} (as the generator's run-spec errors)
     */
    public record Problem(String title, int status, String detail, List<FieldError> errors) {}

    /**
     * One parameter at fault.
     *
     * @param field the query parameter
     * @param message what is wrong with it
     */
    public record FieldError(String field, String message) {}

    @ServerExceptionMapper
    public Response problem(CompareProblem e) {
        String title = title(e);
        return Response.status(e.status())
                .type("application/problem+json")
                .entity(new Problem(
                        title, e.status(), e.getMessage(), List.of(new FieldError(e.parameter(), e.getMessage()))))
                .build();
    }

    /** The problem's title, the same in the JSON body and on the HTML problem page. */
    public static String title(CompareProblem e) {
        return e.status() == 404 ? "Unknown run" : "Invalid comparison";
    }
}

package dev.overton.support.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import dev.overton.support.log.LogSafe;

/**
 * What every service's exception mappers and id filter answer, so that the three services refuse the same things with
 * the same {@link Problem} bodies. Each service keeps a thin {@code ProblemMappers} class (RESTEasy finds mappers per
 * application) that delegates here.
 */
public final class ApiProblems {

    private ApiProblems() {}

    /** {@code problem} as a JAX-RS response with the problem media type. */
    public static Response response(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    /**
     * A 400 problem for the first path parameter that is not a valid id ({@link ApiIds}), or empty when all are. Path
     * parameters of every endpoint are ids (run ids, prompt ids).
     */
    public static Optional<Problem> badPathParameter(Map<String, List<String>> pathParameters) {
        for (Map.Entry<String, List<String>> parameter : pathParameters.entrySet()) {
            for (String value : parameter.getValue()) {
                Optional<String> problem = ApiIds.problem(value);
                if (problem.isPresent()) {
                    return Optional.of(Problem.invalidParameter(parameter.getKey(), problem.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** The 404 problem of a resource that does not exist, with the exception's message as detail. */
    public static Problem notFound(WebApplicationException e) {
        return Problem.notFound(e.getMessage());
    }

    /**
     * The problem for an HTTP error the REST layer raised on its own (405 with its {@code Allow} header kept, 415, 406,
     * ...). A response that already carries a body is kept as it is.
     */
    public static Response httpError(WebApplicationException e) {
        Response original = e.getResponse();
        if (original.hasEntity()) {
            return original;
        }
        int status = original.getStatus();
        Response.ResponseBuilder answer =
                Response.status(status).type(Problem.MEDIA_TYPE).entity(Problem.forStatus(status, detail(status)));
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            answer.header(HttpHeaders.ALLOW, allow);
        }
        return answer.build();
    }

    /**
     * The problem for any other failure: 400 when the database refused a value of the request ({@link
     * BadValueFailures}), else 500 with the error logged to {@code log} and not shown.
     */
    public static Problem unexpected(Throwable e, Logger log) {
        if (BadValueFailures.isBadValue(e)) {
            log.infof("refused a request whose value the database cannot store: %s", LogSafe.quote(e.getMessage()));
            return Problem.forStatus(
                    400,
                    "The request holds a value the database cannot store (a NUL or another invalid character, or a"
                            + " number out of range); remove it and retry");
        }
        log.error("request failed", e);
        return Problem.forStatus(500, "The server failed to answer this request; the error is in its log");
    }

    private static String detail(int status) {
        return switch (status) {
            case 405 -> "This path does not accept that method; /q/openapi lists the methods of every path";
            case 406 -> "This path cannot answer in the media type the Accept header asks for";
            case 415 -> "This path does not accept a body of that Content-Type (the run API takes application/json)";
            case 413 -> "The body is over the size limit of this server (quarkus.http.limits.max-body-size)";
            default -> "HTTP " + status;
        };
    }
}

package dev.overton.scorer.scoring.rest;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;

import dev.overton.scorer.compare.CompareProblem;
import dev.overton.support.http.ApiProblems;
import dev.overton.support.http.Problem;
import dev.overton.support.http.ProblemRoutes;

/**
 * scorer-service's problem bodies (RFC 9457, types under {@link Problem#TYPE_BASE}) for every resource, the one place
 * this service turns failures into {@link Problem}s: a malformed run or prompt id 400, a comparison that cannot be made
 * 400/404 naming its parameter, an unknown run 404, a wrong method or media type 405/415, a value the database refuses 400,
 * anything else 500 with the error in the log. Users never see a stack trace or an empty error body.
 */
@ApplicationScoped
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    void installRoutes(
            @Observes Router router,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        ProblemRoutes.install(
                router, maxBodySize.map(m -> OptionalLong.of(m.asLongValue())).orElse(OptionalLong.empty()));
    }

    @ServerRequestFilter
    public Optional<Response> checkIds(ContainerRequestContext request) {
        return ApiProblems.badPathParameter(request.getUriInfo().getPathParameters())
                .map(ApiProblems::response);
    }

    @ServerExceptionMapper
    public Response comparison(CompareProblem e) {
        return ApiProblems.response(problem(e));
    }

    /**
     * The problem of a comparison that cannot be made, the same in the JSON body and on the HTML problem page: 400
     * {@code invalid-parameter} ("Invalid comparison") or 404 {@code not-found} ("Unknown run"), naming the query
     * parameter at fault.
     */
    public static Problem problem(CompareProblem e) {
        boolean unknownRun = e.status() == 404;
        return Problem.of(
                unknownRun ? "not-found" : "invalid-parameter",
                unknownRun ? "Unknown run" : "Invalid comparison",
                e.status(),
                e.getMessage(),
                List.of(new Problem.FieldError(e.parameter(), e.getMessage())));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return ApiProblems.response(ApiProblems.notFound(e));
    }

    @ServerExceptionMapper
    public Response httpError(WebApplicationException e) {
        return ApiProblems.httpError(e);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        return ApiProblems.response(ApiProblems.unexpected(e, LOG));
    }
}

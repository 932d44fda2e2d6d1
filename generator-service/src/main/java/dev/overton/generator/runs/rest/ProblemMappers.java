package dev.overton.generator.runs.rest;

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

import dev.overton.generator.catalog.CatalogParameterException;
import dev.overton.generator.runs.InvalidRunSpecException;
import dev.overton.support.http.ApiProblems;
import dev.overton.support.http.Problem;
import dev.overton.support.http.ProblemRoutes;

/**
 * generator-service's problem bodies (RFC 9457, {@code application/problem+json}, types under {@link
 * Problem#TYPE_BASE}), the one place this service turns failures into {@link Problem}s: a bad spec gets 400 with one
 * entry per bad field, a bad catalog query parameter or a malformed id 400, an unknown run 404, a
 * wrong method, media type or oversized body 405/415/413, a value the database refuses 400, anything else 500 with
 * the error in the log. Users never see a stack trace or an empty error body.
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
                .map(ProblemMappers::response);
    }

    @ServerExceptionMapper
    public Response invalidSpec(InvalidRunSpecException e) {
        return response(Problem.of(
                "invalid-run-spec",
                "Invalid run spec",
                400,
                e.errors().size() + " problem(s); see errors (field, message)",
                e.errors().stream()
                        .map(f -> new Problem.FieldError(f.field(), f.message()))
                        .toList()));
    }

    @ServerExceptionMapper
    public Response badCatalogParameter(CatalogParameterException e) {
        return response(Problem.invalidParameter("Invalid query parameter", e.parameter(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return response(ApiProblems.notFound(e));
    }

    @ServerExceptionMapper
    public Response httpError(WebApplicationException e) {
        return ApiProblems.httpError(e);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        return response(ApiProblems.unexpected(e, LOG));
    }

    /** {@code problem} as a response. */
    public static Response response(Problem problem) {
        return ApiProblems.response(problem);
    }
}

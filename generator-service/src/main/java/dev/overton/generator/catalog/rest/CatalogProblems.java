package dev.overton.generator.catalog.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.overton.generator.catalog.CatalogParameterException;

/** A bad catalog query parameter: 400 with a problem body naming the parameter and the fix. */
public class CatalogProblems {

    /** Media type of problem bodies. */
    static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public Response badParameter(CatalogParameterException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://overton.dev/problems/invalid-parameter");
        body.put("title", "Invalid query parameter");
        body.put("status", 400);
        body.put("detail", e.parameter() + " " + e.getMessage());
        body.put("errors", List.of(Map.of("field", e.parameter(), "message", e.getMessage())));
        return Response.status(400).type(PROBLEM_JSON).entity(body).build();
    }
}
